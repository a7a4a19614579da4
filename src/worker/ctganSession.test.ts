import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeSessionEnvironment } from './nodeBackends';
import type { EngineEvent } from './protocol';
import { EngineSession } from './session';
import { defaultSettings } from '../models/catalog';
import { type CtganTrainingSettings } from '../models/ctgan/description';

const demo = (file: string) => new Uint8Array(readFileSync(resolve(__dirname, '../../public/demos', file)));
const quick: CtganTrainingSettings = {
  ...defaultSettings('ctgan'),
  epochs: 2,
  batchSize: 100,
  generatorSizes: [32],
  criticSizes: [32],
  noiseSize: 16,
};

async function startSession(file: string) {
  const events: EngineEvent[] = [];
  const session = new EngineSession(nodeSessionEnvironment('wasm'));
  await session.init((e) => events.push(e));
  const loaded = await session.loadFile(demo(file), file);
  if (!loaded.ok) throw new Error(loaded.error);
  return session;
}

describe('the CTGAN-style model in the training session', () => {
  it('steps, generates rows in the source columns and formats, and resets', async () => {
    const session = await startSession('seattle-weather.csv');
    const stepped = await session.step(quick);
    expect(stepped.ok && stepped.value).toMatchObject({
      step: 1,
      lossNames: ['critic', 'generator', 'condition'],
    });
    const generated = await session.generate(40);
    if (!generated.ok) throw new Error(generated.error);
    expect(generated.value.columns).toEqual([
      'date',
      'precipitation',
      'temp_max',
      'temp_min',
      'wind',
      'weather',
    ]);
    for (const row of generated.value.rows) {
      // Dates come back as dates within the table's range; numbers as numbers.
      expect(row[0]).toMatch(/^201[2-5]-\d\d-\d\d$/);
      expect(Number.isFinite(Number(row[1]))).toBe(true);
    }
    expect(generated.value.csv.split(/\r?\n/)[0]).toBe('date,precipitation,temp_max,temp_min,wind,weather');
    expect((await session.reset()).status).toBe('idle');
  });

  it('explains a batch size that pac does not divide, and trains nothing', async () => {
    const session = await startSession('penguins.csv');
    const result = await session.train({ ...quick, batchSize: 64 });
    expect(result).toEqual({
      ok: false,
      error: 'Batch size (64) must be a multiple of pac (10): the critic judges rows in packs of 10. Try 60.',
    });
    expect((await session.generate(5)).ok).toBe(false);
  });
});

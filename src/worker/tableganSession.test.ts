import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeSessionEnvironment } from './nodeBackends';
import type { EngineEvent, TrainingProgress } from './protocol';
import { EngineSession } from './session';
import { type TrainingSettings, defaultSettings } from '../models/catalog';

/* table-GAN through the same session, worker API and codec path as every other model: no special case. */

const settings: TrainingSettings = { ...defaultSettings('tablegan'), epochs: 2, batchSize: 32, channels: 4 };

describe('EngineSession with table-GAN', () => {
  it('trains, reports its four losses, and generates rows with the source columns', async () => {
    const events: EngineEvent[] = [];
    const session = new EngineSession(nodeSessionEnvironment('wasm'));
    await session.init((e) => events.push(e));
    const bytes = new Uint8Array(readFileSync(resolve(__dirname, '../../public/demos/penguins.csv')));
    const loaded = await session.loadFile(bytes, 'penguins.csv');
    if (!loaded.ok) throw new Error(loaded.error);

    for (let i = 0; i < 3; i++) {
      const stepped = await session.step(settings);
      if (!stepped.ok) throw new Error(stepped.error);
    }
    const progress = events.flatMap((e) => (e.type === 'progress' ? [e.progress] : [])) as TrainingProgress[];
    const last = progress.at(-1)!;
    expect(last.lossNames).toEqual(['discriminator', 'generator', 'classifier', 'information']);
    expect(last.step).toBe(3);
    const points = progress.flatMap((p) => p.points);
    expect(points).toHaveLength(3);
    expect(points.every((p) => p.values.length === 4 && p.values.every(Number.isFinite))).toBe(true);

    const generated = await session.generate(40);
    if (!generated.ok) throw new Error(generated.error);
    const { columns, rows, csv } = generated.value;
    expect(columns).toEqual(loaded.value.columns.filter((c) => c.kind !== 'ignored').map((c) => c.name));
    expect(rows).toHaveLength(40);
    expect(csv.trim().split(/\r?\n/)).toHaveLength(41);
    const species = columns.indexOf('Species');
    for (const row of rows) expect(['Adelie', 'Gentoo', 'Chinstrap']).toContain(row[species]);
    await session.reset();
  });
});

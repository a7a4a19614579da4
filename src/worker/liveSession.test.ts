import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeSessionEnvironment } from './nodeBackends';
import type { LiveView } from './liveProtocol';
import { EngineSession } from './session';
import { type TrainingSettings, defaultSettings } from '../models/catalog';

const penguins = new Uint8Array(readFileSync(resolve(__dirname, '../../public/demos/penguins.csv')));
const settings: TrainingSettings = { ...defaultSettings('cgan'), epochs: 60, batchSize: 32 };

const meanScore = (view: LiveView) =>
  view.columns.reduce((s, c) => s + (c.score ?? 0), 0) / view.columns.length;

describe('EngineSession live views', () => {
  it('shows the fixed batch column by column at each new snapshot, and the generator learns', async () => {
    const session = new EngineSession(nodeSessionEnvironment('wasm'));
    let finished = () => {};
    await session.init((e) => e.type === 'progress' && e.progress.status === 'finished' && finished());
    await session.loadFile(penguins, 'penguins.csv');
    expect((await session.liveView(null)).ok).toBe(false);

    await session.step(settings);
    await session.takeSnapshot();
    const first = await session.liveView(null);
    if (!first.ok || !first.value) throw new Error('expected a view of the first snapshot');
    const early = first.value;
    expect(early.generatedRows).toBe(2048);
    for (const column of early.columns) {
      const generated = column.generated.reduce((s, n) => s + n, 0) + column.missing.generated;
      expect(generated, column.name).toBe(2048);
    }
    // Nothing new: nothing is sent again.
    expect(await session.liveView(early.snapshot.id)).toMatchObject({ ok: true, value: null });

    // To the end, where the last snapshot is taken.
    const done = new Promise<void>((finish) => (finished = finish));
    await session.train(settings);
    await done;
    const later = await session.liveView(early.snapshot.id);
    if (!later.ok || !later.value) throw new Error('expected a view of the later snapshot');
    expect(later.value.snapshot.step).toBe(60 * 8);
    // The same real side; generated rows closer to it, column by column, on average.
    expect(later.value.columns.map((c) => c.real)).toEqual(early.columns.map((c) => c.real));
    expect(meanScore(later.value)).toBeGreaterThan(meanScore(early) + 0.1);

    await session.reset();
    expect((await session.liveView(null)).ok).toBe(false);
  });
});

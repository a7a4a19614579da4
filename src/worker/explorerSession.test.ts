import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { defaultSettings, type TrainingSettings } from '../models/catalog';
import { createRng } from '../rng';
import { EXPORT_ROWS, EXTRA_COLUMNS } from './explorerEndpoints';
import { nodeSessionEnvironment } from './nodeBackends';
import type { TrainingProgress } from './protocol';
import { EngineSession } from './session';

const penguins = new Uint8Array(readFileSync(resolve(__dirname, '../../public/demos/penguins.csv')));
const explorer: TrainingSettings = { ...defaultSettings('explorer'), batchSize: 40 };

async function session() {
  const engine = new EngineSession(nodeSessionEnvironment('wasm'));
  await engine.init(() => {});
  const loaded = await engine.loadFile(penguins, 'penguins.csv');
  if (!loaded.ok) throw new Error(loaded.error);
  return engine;
}

async function steps(engine: EngineSession, settings: TrainingSettings, count: number) {
  for (let i = 0; i < count; i++) {
    const stepped = await engine.step(settings);
    if (!stepped.ok) throw new Error(stepped.error);
  }
}

describe('the explorer through the session', () => {
  it('shows the forest on held-out rows, answers on a fixed set of asks and exports what the forest scores', async () => {
    const engine = await session();
    expect(await engine.explorerStatus()).toEqual({ kind: 'no-model' });
    await steps(engine, explorer, 5);

    const status = await engine.explorerStatus();
    if (status.kind !== 'ready') throw new Error(status.kind);
    // 69 of the 344 penguins are held out; the species are easy to tell apart.
    expect(status.forest.rows).toBe(69);
    expect(status.forest.accuracy).toBeGreaterThan(0.9);
    expect(status.forest.perClass.map((c) => c.name)).toEqual(['Adelie', 'Gentoo', 'Chinstrap']);
    expect(status.forest.perClass.reduce((s, c) => s + c.rows, 0)).toBe(69);
    expect(status.surrogateAgreement).toBeGreaterThan(0.8);

    const first = await engine.explorerAnswers(EXPORT_ROWS);
    if (!first.ok) throw new Error(first.error);
    expect(first.value.asked).toHaveLength(EXPORT_ROWS);
    expect(first.value.perClass.map((c) => c.asked)).toEqual([334, 333, 333]);
    expect(Math.min(...first.value.asked)).toBeGreaterThan(1 / 3);
    expect(first.value.readings.length).toBeGreaterThanOrEqual(3);
    // The same asks and noise every time: without training in between, the same answers.
    const again = await engine.explorerAnswers(EXPORT_ROWS);
    expect(again.ok && again.value.obtained).toEqual(first.value.obtained);

    const exported = await engine.explorerExport();
    if (!exported.ok) throw new Error(exported.error);
    const csv = Papa.parse<string[]>(exported.value.csv.trim()).data;
    expect(csv[0]!.slice(-2)).toEqual([...EXTRA_COLUMNS]);
    expect(csv).toHaveLength(EXPORT_ROWS + 1);
    // Rescored from the written cells, the forest answers as it did about the rows before decoding.
    const obtained = csv.slice(1).map((row) => Number(row.at(-1)));
    obtained.forEach((o, i) => expect(o).toBeCloseTo(first.value.obtained[i]!, 3));
    const species = csv.slice(1).map((row) => row[6]);
    expect(species.filter((s) => s === 'Gentoo')).toHaveLength(333);
    const statistics = JSON.parse(exported.value.statistics);
    expect(statistics.answers.mae).toBeCloseTo(first.value.mae, 3);
    expect(statistics.forest.accuracy).toBe(status.forest.accuracy);
    await engine.reset();
  }, 60_000);

  it('says why for another model, and for a numeric target', async () => {
    const engine = await session();
    await steps(engine, { ...defaultSettings('cgan'), batchSize: 40 }, 1);
    expect((await engine.explorerStatus()).kind).toBe('unsupported');
    const answered = await engine.explorerAnswers(10);
    expect(answered.ok).toBe(false);
    await engine.reset();

    const retargeted = await engine.setTarget(4);
    expect(retargeted.ok).toBe(true);
    const refused = await engine.step(explorer);
    expect(refused.ok ? 'trained' : refused.error).toMatch(/categorical target/);
  }, 60_000);

  it('lets Pause in while the forest grows, shows how far it has grown, and goes on from there', async () => {
    const shown: { at: number; progress: TrainingProgress }[] = [];
    const engine = new EngineSession(nodeSessionEnvironment('wasm'));
    // Pause is asked from the listener, as the page would on seeing the first tree: waiting for it on a
    // timer instead raced the preparation (on a fast machine the forest could be grown between two polls).
    let pausing: { asked: number; answer: Promise<TrainingProgress> } | null = null;
    await engine.init((event) => {
      if (event.type !== 'progress') return;
      shown.push({ at: performance.now(), progress: event.progress });
      if (!pausing && event.progress.preparing?.startsWith('Growing the forest'))
        pausing = { asked: performance.now(), answer: engine.pause() };
    });
    const loaded = await engine.loadFile(overlapping(5_000), 'overlap.csv');
    if (!loaded.ok) throw new Error(loaded.error);

    const started = await engine.train(explorer);
    expect(started.ok).toBe(true);
    await until(() => pausing !== null);
    const { asked, answer } = pausing!;
    const paused = await answer;
    // Answered within a slice or two (50 ms each), long before the preparation (seconds here) is done.
    expect(performance.now() - asked).toBeLessThan(1_000);
    expect(paused.status).toBe('paused');
    expect(paused.step).toBe(0);
    expect(paused.preparing).toMatch(/^Growing the forest: tree \d+ of 30$/);

    const resumed = await engine.train(explorer);
    expect(resumed.ok).toBe(true);
    await until(() => (shown.at(-1)?.progress.step ?? 0) > 0);
    const trained = await engine.pause();
    expect(trained.preparing).toBeNull();
    expect(trained.step).toBeGreaterThan(0);
    // Progress kept coming while it prepared: no gap of a second between two events.
    const preparing = shown.filter((s) => s.progress.preparing !== null);
    const gaps = preparing.slice(1).map((s, i) => s.at - preparing[i]!.at);
    expect(Math.max(...gaps)).toBeLessThan(1_000);
    await engine.reset();
  }, 120_000);
});

/** Polls `done` between the worker's slices (every 5 ms, for at most a minute of wall-clock time). */
async function until(done: () => boolean): Promise<void> {
  const deadline = performance.now() + 60_000;
  while (!done()) {
    if (performance.now() > deadline) throw new Error('timed out');
    await new Promise((resolvePromise) => setTimeout(resolvePromise, 5));
  }
}

/**
 * A CSV of `rows` rows whose two classes overlap, with noise columns the trees must try at every split:
 * large enough that growing the forest takes many slices, even on a fast machine.
 */
function overlapping(rows: number): Uint8Array {
  const rng = createRng(3);
  const noise = Array.from({ length: 8 }, (_, i) => `noise${i + 1}`);
  const lines = [['x', 'size', 'colour', ...noise, 'class'].join(',')];
  for (let i = 0; i < rows; i++) {
    const yes = rng.next() < 0.4;
    const x = (yes ? 1 : -1) + 2 * (rng.next() - 0.5) * 2;
    const colour = ['red', 'green', 'blue', 'grey'][rng.int(4)]!;
    const cells = noise.map(() => rng.next().toFixed(3));
    lines.push([x.toFixed(3), (5 + rng.next()).toFixed(3), colour, ...cells, yes ? 'yes' : 'no'].join(','));
  }
  return new TextEncoder().encode(lines.join('\n'));
}

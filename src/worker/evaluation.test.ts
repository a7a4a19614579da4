import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeSessionEnvironment } from './nodeBackends';
import { evaluate } from '../eval/report/evaluate';
import { unpack } from './packed';
import { EngineSession } from './session';
import { type TrainingSettings, defaultSettings } from '../models/catalog';

const fast: TrainingSettings = { ...defaultSettings('cgan'), epochs: 4, batchSize: 32 };

async function penguinsSession() {
  const session = new EngineSession(nodeSessionEnvironment('wasm'));
  await session.init(() => {});
  const bytes = new Uint8Array(readFileSync(resolve(__dirname, '../../public/demos/penguins.csv')));
  const loaded = await session.loadFile(bytes, 'penguins.csv');
  if (!loaded.ok) throw new Error(loaded.error);
  return { session, view: loaded.value };
}

const key = (row: unknown[]) => JSON.stringify(row);

describe('held-out rows in the session', () => {
  it('shows the split, changes it only to a usable share, and a change starts afresh', async () => {
    const { session, view } = await penguinsSession();
    expect(view.holdout).toEqual({ rows: 69, share: 0.2 });
    await session.step(fast);
    const changed = await session.setHoldoutShare(0.3);
    expect(changed.ok && changed.value.holdout).toEqual({ rows: 103, share: 0.3 });
    expect(await session.evaluationData()).toMatchObject({ ok: false });
    const bad = await session.setHoldoutShare(0.95);
    expect(bad).toEqual({ ok: false, error: expect.stringMatching(/5% to 50%/) });
    expect(session.tableView().holdout.share).toBe(0.3);
  });

  it('hands the report disjoint training and held-out rows and as many synthetic rows as training rows', async () => {
    const { session } = await penguinsSession();
    for (let i = 0; i < 3; i++) await session.step(fast);
    const result = await session.evaluationData();
    if (!result.ok) throw new Error(result.error);
    const data = unpack(result.value);
    expect(data.train).toHaveLength(275);
    expect(data.holdout).toHaveLength(69);
    expect(data.synthetic).toHaveLength(275);
    expect(data.totals).toEqual({ train: 275, holdout: 69 });
    expect(data.columns[data.target]).toEqual({ name: 'Species', kind: 'categorical' });
    expect(data.model.step).toBe(3);
    // Together the two real sides are the table, each row on exactly one side.
    const all = readFileSync(resolve(__dirname, '../../public/demos/penguins.csv'), 'utf8')
      .trim()
      .split('\n');
    expect(data.train.length + data.holdout.length).toBe(all.length - 1);
    const trainKeys = new Set(data.train.map(key));
    expect(data.holdout.filter((row) => trainKeys.has(key(row)))).toEqual([]);

    const report = evaluate(data);
    if (!report.ok) throw new Error(report.error);
    expect(report.value.sample.capped).toBe(false);
    expect(report.value.fidelity.columns).toHaveLength(7);
  });
});

describe('what the generator may know of the held-out rows', () => {
  it('clamps generated numbers to the training rows’ range, not the whole table’s', async () => {
    // x is 0 or 49 in every row but one, 1000; the first seed whose split holds that row out is used.
    // A young generator spreads its values around both modes, past 49: clamping is what stops them.
    const lines = ['x,class', '1000,a'];
    for (let i = 0; i < 300; i++) lines.push(`${i % 3 ? 49 : 0},${i % 2 ? 'a' : 'b'}`);
    const session = new EngineSession(nodeSessionEnvironment('wasm'));
    await session.init(() => {});
    const loaded = await session.loadFile(new TextEncoder().encode(lines.join('\n')), 'outliers.csv');
    if (!loaded.ok) throw new Error(loaded.error);
    const maxOf = (rows: (string | null)[][]) => Math.max(...rows.map((r) => Number(r[0])));
    let trainMax = Infinity;
    for (let seed = 1; seed < 30; seed++) {
      await session.reset();
      await session.step({ ...fast, seed });
      const result = await session.evaluationData();
      if (!result.ok) throw new Error(result.error);
      const data = unpack(result.value);
      if (maxOf(data.holdout) > maxOf(data.train)) {
        trainMax = maxOf(data.train);
        break;
      }
    }
    expect(trainMax).toBe(49);
    for (let i = 0; i < 100; i++) await session.step(fast);
    const generated = await session.generate(3000);
    if (!generated.ok) throw new Error(generated.error);
    expect(maxOf(generated.value.rows)).toBeLessThanOrEqual(trainMax);
  });
});

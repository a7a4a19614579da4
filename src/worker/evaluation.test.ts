import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type TrainingSettings } from '../engine/settings';
import { nodeSessionEnvironment } from '../node/backend';
import { evaluate } from '../report/evaluate';
import { unpack } from './packed';
import { EngineSession } from './session';

const fast: TrainingSettings = { ...DEFAULT_SETTINGS, epochs: 4, batchSize: 32 };

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

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { inferSchema } from '../data/infer';
import { parseTableFile } from '../data/load';
import type { TypedTable } from '../data/schema';
import * as tf from '../nn/tf';
import { heldOutUtility } from '../eval/metrics/heldOutUtility';
import { nodeSessionEnvironment, useNodeBackend } from './nodeBackends';
import { runLambdaSweep } from './lambdaSweep';
import type { EngineEvent } from './protocol';
import { EngineSession } from './session';
import type { SweepEvent } from './sweepProtocol';
import { unpackSweepTable } from './sweepRequest';
import { defaultSettings } from '../models/catalog';
import { type DsfganTrainingSettings } from '../models/dsfgan/description';

const demoBytes = (file: string) =>
  new Uint8Array(readFileSync(resolve(__dirname, '../../public/demos', file)));
const DSF: DsfganTrainingSettings = {
  ...defaultSettings('cgan'),
  model: 'dsfgan',
  epochs: 50,
  batchSize: 32,
  feedback: defaultSettings('dsfgan').feedback,
};

function demoTable(file: string, target?: string): TypedTable {
  const raw = parseTableFile(demoBytes(file), file);
  if (!raw.ok) throw new Error(raw.error);
  const schema = inferSchema(raw.value);
  if (!schema.ok) throw new Error(schema.error);
  const index = target === undefined ? schema.value.target : raw.value.columns.indexOf(target);
  return { raw: raw.value, schema: { ...schema.value, target: index } };
}

beforeAll(async () => {
  await useNodeBackend('wasm');
});

describe('held-out utility', () => {
  it('scores rows that carry the target above rows whose target was shuffled', () => {
    for (const [file, target] of [
      ['penguins.csv', 'Species'],
      ['cars.csv', 'Miles_per_Gallon'],
    ] as const) {
      const { raw, schema } = demoTable(file, target);
      const columns = schema.columns.map((c) => ({
        name: c.name,
        kind: c.kind === 'numeric' ? ('numeric' as const) : ('categorical' as const),
      }));
      const t = schema.target;
      const rows = raw.rows.filter((r) =>
        schema.columns.every((c, i) => c.kind !== 'ignored' || r[i] != null),
      );
      const train = rows.filter((_, i) => i % 4 !== 0);
      const holdout = rows.filter((_, i) => i % 4 === 0);
      // A fixed derangement of the targets: the same rows with the link between features and target cut.
      const shuffled = train.map((row, i) =>
        row.map((c, k) => (k === t ? train[(i * 7 + 3) % train.length]![t]! : c)),
      );
      for (const model of ['linear', 'least-squares'] as const) {
        const good = heldOutUtility(columns, t, train, holdout, 1, model);
        const bad = heldOutUtility(columns, t, shuffled, holdout, 1, model);
        if (!good.ok || !bad.ok) throw new Error('utility failed');
        const score = (u: typeof good.value) => (u.task === 'classification' ? u.f1 : u.r2);
        console.info(
          `${file}, ${model}: ${score(good.value).toFixed(3)} real, ${score(bad.value).toFixed(3)} shuffled`,
        );
        expect(good.value.task).toBe(file === 'cars.csv' ? 'regression' : 'classification');
        expect(score(good.value)).toBeGreaterThan(0.6);
        expect(score(good.value)).toBeGreaterThan(score(bad.value) + 0.3);
      }
    }
  });

  it('says which rows are missing instead of scoring nothing', () => {
    const result = heldOutUtility([{ name: 'y', kind: 'categorical' }], 0, [[null]], [['a']], 1);
    expect(result).toEqual({ ok: false, error: expect.stringContaining("'y'") });
  });
});

describe('λ sweep', () => {
  const request = (lambdas: number[], steps = 20) => ({
    table: demoTable('penguins.csv'),
    holdoutShare: 0.2,
    settings: DSF,
    lambdas,
    steps,
  });

  it('reports the real-data reference, then one scored point per λ, repeatably, leaking no tensors', async () => {
    const before = tf.memory().numTensors;
    const run = async () => {
      const events: SweepEvent[] = [];
      const outcome = await runLambdaSweep(
        request([0, 2]),
        (e) => events.push(e),
        () => false,
      );
      return { outcome, events: events.filter((e) => e.type !== 'progress') };
    };
    const first = await run();
    expect(first.outcome).toMatchObject({ ok: true, value: 'finished' });
    expect(first.events.map((e) => e.type)).toEqual(['reference', 'point', 'point']);
    const points = first.events.flatMap((e) => (e.type === 'point' ? [e.point] : []));
    expect(points.map((p) => p.lambda)).toEqual([0, 2]);
    for (const p of points) {
      expect(p.quality).toBeGreaterThan(0.3);
      expect(p.quality).toBeLessThanOrEqual(1);
      expect(p.utility.task).toBe('classification');
    }
    // λ changes the run: the two points differ.
    expect(points[0]!.quality).not.toBe(points[1]!.quality);
    const strip = (events: SweepEvent[]) =>
      events.map((e) => (e.type === 'point' ? { ...e, point: { ...e.point, ms: 0 } } : e));
    expect(strip((await run()).events)).toEqual(strip(first.events));
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stops when cancelled keeping what it reported, skips a run that diverges, refuses a bad λ list', async () => {
    const events: SweepEvent[] = [];
    let cancel = false;
    const outcome = await runLambdaSweep(
      request([0, 1, 2], 200),
      (e) => {
        events.push(e);
        if (e.type === 'progress' && e.step >= 50) cancel = true;
      },
      () => cancel,
    );
    expect(outcome).toMatchObject({ ok: true, value: 'cancelled' });
    expect(events.some((e) => e.type === 'point')).toBe(false);
    expect(events.filter((e) => e.type === 'progress').at(-1)).toMatchObject({ run: 0, step: 50 });

    // A run that diverges has no point; the sweep says so and goes on.
    const wild = { ...DSF, learningRates: { generator: 1e30, discriminator: 1e30 } };
    const diverging: SweepEvent[] = [];
    const finished = await runLambdaSweep(
      { ...request([0, 1]), settings: wild },
      (e) => diverging.push(e),
      () => false,
    );
    expect(finished).toMatchObject({ ok: true, value: 'finished' });
    expect(
      diverging.filter((e) => e.type === 'diverged').map((e) => e.type === 'diverged' && e.lambda),
    ).toEqual([0, 1]);
    expect(diverging.some((e) => e.type === 'point')).toBe(false);

    const bad = await runLambdaSweep(
      request([0, 9]),
      () => {},
      () => false,
    );
    expect(bad).toEqual({ ok: false, error: expect.stringContaining('λ must be a number from 0 to 5') });
  });
});

describe('EngineSession with DSF-GAN', () => {
  async function session() {
    const events: EngineEvent[] = [];
    const s = new EngineSession(nodeSessionEnvironment('wasm'));
    await s.init((e) => events.push(e));
    const loaded = await s.loadFile(demoBytes('penguins.csv'), 'penguins.csv');
    if (!loaded.ok) throw new Error(loaded.error);
    return { s, events };
  }
  const lambdas = (events: EngineEvent[]) =>
    events.flatMap((e) => (e.type === 'progress' ? e.progress.points.map((p) => p.values.at(-1)) : []));

  it('builds no model before the backend probe has chosen (Train pressed while it runs waits for it)', async () => {
    const node = nodeSessionEnvironment('wasm');
    let probeDone = () => {};
    const probing = new Promise<void>((resolve) => (probeDone = resolve));
    const s = new EngineSession({
      ...node,
      chooseBackend: (avoid) => probing.then(() => node.chooseBackend(avoid)),
    });
    const chosen = s.init(() => {});
    const loaded = await s.loadFile(demoBytes('penguins.csv'), 'penguins.csv');
    expect(loaded.ok).toBe(true);
    let settled = false;
    // A CGAN step settles within milliseconds once it may run: a second is long enough to tell.
    const trained = s.step({ ...defaultSettings('cgan'), batchSize: 32 }).then((r) => ((settled = true), r));
    await new Promise((r) => setTimeout(r, 1000));
    expect(settled).toBe(false);
    probeDone();
    await chosen;
    expect(await trained).toMatchObject({ ok: true, value: { step: 1 } });
  });

  it('hands the sweep worker the loaded table as bytes that unpack to the same table', async () => {
    const { s } = await session();
    const packed = await s.sweepTable();
    if (!packed.ok) throw new Error(packed.error);
    const { table, holdoutShare } = unpackSweepTable(packed.value);
    const demo = demoTable('penguins.csv');
    expect(holdoutShare).toBe(0.2);
    expect(table.schema).toEqual(demo.schema);
    expect(table.raw.rows).toEqual(demo.raw.rows);
  });

  it('takes a new λ at the next step without a reset, and nothing but the live settings', async () => {
    const { s, events } = await session();
    const withLambda = (lambda: number, more: Partial<DsfganTrainingSettings> = {}) => ({
      ...DSF,
      ...more,
      feedback: { ...DSF.feedback, lambda },
    });
    await s.step(DSF);
    const progress = events.flatMap((e) => (e.type === 'progress' ? [e.progress] : [])).at(-1)!;
    expect([...progress.lossNames, ...progress.metricNames]).toEqual([
      'discriminator',
      'generator',
      'downstream',
      'λ',
    ]);
    // The batch size is not live: the run keeps the one it was built with.
    const updated = await s.updateSettings(withLambda(2.5, { batchSize: 8 }));
    expect(updated).toMatchObject({
      ok: true,
      value: { feedback: { lambda: 2.5 }, batchSize: DSF.batchSize },
    });
    expect(await s.updateSettings(withLambda(-1))).toEqual({
      ok: false,
      error: expect.stringContaining('λ must be'),
    });
    await s.step(DSF);
    expect(lambdas(events)).toEqual([1, 2.5]);
  });

  it('samples generated and held-out rows for live utility without changing what Generate gives', async () => {
    const generated = async (sample: boolean) => {
      const { s } = await session();
      for (let i = 0; i < 3; i++) await s.step(DSF);
      let utility = null;
      if (sample) {
        const first = await s.utilitySample();
        const again = await s.utilitySample();
        if (!first.ok || !again.ok) throw new Error('no sample');
        expect(again.value).toEqual(first.value);
        utility = first.value;
      }
      const rows = await s.generate(20);
      return { rows: rows.ok ? rows.value.rows : null, utility };
    };
    const plain = await generated(false);
    const sampled = await generated(true);
    expect(sampled.rows).toEqual(plain.rows);
    const sample = sampled.utility!;
    expect(sample.step).toBe(3);
    expect(sample.synthetic).toHaveLength(1000);
    // The held-out side of a 20% split of 344 rows (rows without a target are never held out for training).
    expect(sample.holdout.length).toBeGreaterThan(50);
    expect(sample.holdout.length).toBeLessThan(80);
    expect(sample.columns[sample.target]!.name).toBe('Species');
  });
});

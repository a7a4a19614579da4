import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../nn/tf';
import { useNodeBackend } from '../worker/nodeBackends';
import { decodeRows, encodeRows, fitEncoder, type TableEncoder } from '../encoding/encoder';
import { Cgan } from '../models/cgan/cgan';
import { Ctgan } from '../models/ctgan/ctgan';
import { defaultSettings } from '../models/catalog';
import type { CtganTrainingSettings } from '../models/ctgan/description';
import type { TrainableModel } from '../models/model';
import { Trainer } from '../train/trainer';
import { createRng } from '../rng';
import { twoClassDistance, twoClassTable } from '../../test-support/tables';
import { planPrivacy } from './plan';
import { poissonSample } from './sampling';

beforeAll(async () => {
  await useNodeBackend('wasm');
});

const ROWS = 2000;
const BATCH = 200;

function table() {
  const { raw, schema } = twoClassTable(ROWS);
  return { raw, schema, encoder: fitEncoder(raw, schema) };
}

const smallCtgan: CtganTrainingSettings = {
  ...defaultSettings('ctgan'),
  batchSize: BATCH,
  pac: 1,
  noiseSize: 16,
  generatorSizes: [64],
  criticSizes: [64],
  dropout: 0.25,
  critic: 'cross-entropy',
  learningRates: { generator: 2e-3, discriminator: 2e-3 },
};

function privateRun(
  make: (
    encoder: TableEncoder,
  ) => TrainableModel & { trainPrivately(dp: ReturnType<typeof planPrivacy>): void },
  noiseMultiplier: number,
  seed = 3,
) {
  const { raw, encoder } = table();
  const model = make(encoder);
  const plan = planPrivacy(
    { budget: { kind: 'noise', noiseMultiplier }, delta: null, clipNorm: 1 },
    ROWS,
    BATCH,
    300,
  );
  model.trainPrivately(plan);
  const trainer = new Trainer(model, encodeRows(encoder, raw), BATCH, seed);
  return { raw, encoder, model, trainer, plan };
}

async function distanceToData({ raw, encoder, model, trainer }: ReturnType<typeof privateRun>) {
  const rng = createRng(11);
  const conditions = trainer.sampleConditions(400, rng);
  const generated = model.generate(conditions, rng);
  const rows = decodeRows(
    encoder,
    (await generated.data()) as Float32Array,
    (await conditions.data()) as Float32Array,
  );
  tf.dispose([generated, conditions]);
  return twoClassDistance(raw.rows, rows);
}

const cgan = (seed: number) => (encoder: TableEncoder) =>
  new Cgan(encoder, defaultSettings('cgan'), createRng(seed));
const ctgan = (settings: CtganTrainingSettings, seed: number) => (encoder: TableEncoder) =>
  new Ctgan(encoder, settings, createRng(seed));

describe('Poisson sampling', () => {
  it('takes each row independently with probability q', () => {
    const rng = createRng(1);
    const counts = new Float64Array(1000);
    const sizes: number[] = [];
    for (let t = 0; t < 2000; t++) {
      const rows = poissonSample(1000, 0.05, rng);
      sizes.push(rows.length);
      rows.forEach((r, i) => {
        counts[r]!++;
        if (i > 0 && r <= rows[i - 1]!) throw new Error('Rows are drawn in increasing order, once each.');
      });
    }
    const mean = sizes.reduce((s, x) => s + x, 0) / sizes.length;
    const variance = sizes.reduce((s, x) => s + (x - mean) ** 2, 0) / sizes.length;
    // Binomial(1000, 0.05): mean 50, variance 47.5.
    expect(mean).toBeGreaterThan(49);
    expect(mean).toBeLessThan(51);
    expect(variance).toBeGreaterThan(40);
    expect(variance).toBeLessThan(55);
    // Every row about equally often: 100 expected each, sd ≈ 9.7.
    expect(Math.min(...counts)).toBeGreaterThan(60);
    expect(Math.max(...counts)).toBeLessThan(140);
    expect(poissonSample(10, 1, rng)).toEqual(Int32Array.from({ length: 10 }, (_, i) => i));
  });
});

describe('a privately trained CGAN', () => {
  it('still learns the two classes, with noise σ = 0.8', async () => {
    const run = privateRun(cgan(3), 0.8);
    const before = await distanceToData(run);
    for (let i = 0; i < 300; i++) run.trainer.step();
    const losses = await run.trainer.readLosses();
    const after = await distanceToData(run);
    console.info(
      `private CGAN: distance ${before.toFixed(3)} → ${after.toFixed(3)} after 300 steps, ` +
        `σ ${run.plan.noiseMultiplier}, ε ${run.plan.epsilon.toFixed(2)} at δ ${run.plan.delta}`,
    );
    expect(losses.flatMap((l) => l.values).every(Number.isFinite)).toBe(true);
    expect(after).toBeLessThan(before * 0.6);
    run.trainer.dispose();
    run.model.dispose();
  });

  it('repeats from its seed, differs with the noise, and keeps the tensor count flat', async () => {
    const losses = async (noise: number) => {
      const run = privateRun(cgan(4), noise, 4);
      run.trainer.step();
      await run.trainer.readLosses();
      const before = tf.memory().numTensors;
      for (let i = 0; i < 5; i++) run.trainer.step();
      const values = (await run.trainer.readLosses()).map((l) => l.values);
      run.trainer.step();
      await run.trainer.readLosses();
      const after = tf.memory().numTensors;
      run.trainer.dispose();
      run.model.dispose();
      return { values, leaked: after - before };
    };
    const a = await losses(1);
    const b = await losses(1);
    const quieter = await losses(0.1);
    expect(a.values).toEqual(b.values);
    expect(a.values).not.toEqual(quieter.values);
    expect(a.leaked).toBe(0);
  });
  it('refuses a step past its budget', () => {
    const { raw, encoder } = table();
    const model = cgan(6)(encoder);
    const plan = planPrivacy(
      { budget: { kind: 'epsilon', epsilon: 1 }, delta: null, clipNorm: 1 },
      ROWS,
      BATCH,
      3,
    );
    model.trainPrivately(plan);
    const trainer = new Trainer(model, encodeRows(encoder, raw), BATCH, 6);
    for (let i = 0; i < 3; i++) trainer.step();
    expect(() => trainer.step()).toThrow(/privacy budget is spent: 3 steps give \(ε = 1\.00, δ = 1e-4\)-DP/);
    trainer.dispose();
    model.dispose();
  });
});

describe('a privately trained CTGAN-style model', () => {
  it('refuses packs: pac must be 1', () => {
    const { encoder } = table();
    const model = new Ctgan(encoder, { ...smallCtgan, pac: 2 }, createRng(1));
    expect(() =>
      model.trainPrivately(
        planPrivacy(
          { budget: { kind: 'noise', noiseMultiplier: 1 }, delta: null, clipNorm: 1 },
          ROWS,
          BATCH,
          10,
        ),
      ),
    ).toThrow(/pac = 1/);
    model.dispose();
  });

  for (const critic of ['cross-entropy', 'wgan-gp'] as const) {
    it(`learns with a ${critic} critic, keeping the tensor count flat`, async () => {
      const run = privateRun(ctgan({ ...smallCtgan, critic }, 5), 0.8, 5);
      const before = await distanceToData(run);
      run.trainer.step();
      const losses = await run.trainer.readLosses();
      const tensors = tf.memory().numTensors;
      for (let i = 0; i < 249; i++) run.trainer.step();
      losses.push(...(await run.trainer.readLosses()));
      expect(tf.memory().numTensors).toBe(tensors);
      const after = await distanceToData(run);
      console.info(
        `private CTGAN (${critic}): distance ${before.toFixed(3)} → ${after.toFixed(3)} after 250 steps`,
      );
      expect(losses.flatMap((l) => l.values).every(Number.isFinite)).toBe(true);
      expect(after).toBeLessThan(before * 0.75);
      run.trainer.dispose();
      run.model.dispose();
    });
  }
});

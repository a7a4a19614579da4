import * as tf from '../../nn/tf';
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../worker/nodeBackends';
import { decodeRows, encodeRows, fitEncoder } from '../../encoding/encoder';
import { Cgan } from './cgan';
import { createRng } from '../../rng';
import { defaultSettings } from '../catalog';
import { twoClassDistance, twoClassTable } from '../../../test-support/tables';
import { Trainer } from '../../train/trainer';
import type { CganTrainingSettings } from './description';

beforeAll(async () => {
  await useNodeBackend('wasm');
});

/** How far generated rows are from twoClassTable's, per class (see twoClassDistance). */
async function distanceToData(trainer: Trainer, model: Cgan, seed: number) {
  const { raw, schema } = twoClassTable(400);
  const encoder = fitEncoder(raw, schema);
  const rng = createRng(seed);
  const conditions = trainer.sampleConditions(400, rng);
  const generated = model.generate(conditions, rng);
  const rows = decodeRows(
    encoder,
    (await generated.data()) as Float32Array,
    (await conditions.data()) as Float32Array,
  );
  tf.dispose([conditions, generated]);
  return twoClassDistance(raw.rows, rows);
}

function setup(seed = 3, overrides: Partial<CganTrainingSettings> = {}, rows = 400) {
  const { raw, schema } = twoClassTable(rows);
  const encoder = fitEncoder(raw, schema);
  const settings = { ...defaultSettings('cgan'), ...overrides, seed };
  const model = new Cgan(encoder, settings, createRng(seed));
  const trainer = new Trainer(model, encodeRows(encoder, raw), settings.batchSize, seed);
  return { model, trainer };
}

describe('CGAN', () => {
  it('moves its per-class distributions toward the data within a few hundred steps', async () => {
    const { model, trainer } = setup();
    const before = await distanceToData(trainer, model, 11);
    const lossesEarly: (number | null)[][] = [];
    for (let i = 0; i < 400; i++) {
      trainer.step();
      if (i % 50 === 49) lossesEarly.push(...(await trainer.readLosses()).map((l) => l.values));
    }
    const after = await distanceToData(trainer, model, 11);
    console.info(`CGAN distance to data: ${before.toFixed(3)} before, ${after.toFixed(3)} after 400 steps`);
    expect(lossesEarly.flat().every(Number.isFinite)).toBe(true);
    expect(before).toBeGreaterThan(0.3);
    expect(after).toBeLessThan(before / 2);
    trainer.dispose();
    model.dispose();
  });

  it('keeps the tensor count flat across training steps', async () => {
    const { model, trainer } = setup();
    for (let i = 0; i < 5; i++) trainer.step();
    await trainer.readLosses();
    const start = tf.memory().numTensors;
    for (let i = 0; i < 50; i++) {
      trainer.step();
      if (i % 10 === 9) await trainer.readLosses();
    }
    expect(tf.memory().numTensors).toBe(start);
    trainer.dispose();
    model.dispose();
  });

  it('repeats a run exactly from the same seed', async () => {
    const run = async () => {
      const { model, trainer } = setup(5);
      for (let i = 0; i < 20; i++) trainer.step();
      const losses = await trainer.readLosses();
      trainer.dispose();
      model.dispose();
      return losses.map((l) => l.values);
    };
    expect(await run()).toEqual(await run());
  });

  it('changes the learning rate in place, keeping the optimizer', async () => {
    const { model, trainer } = setup();
    trainer.step();
    await trainer.readLosses();
    const count = tf.memory().numTensors;
    model.configure({ learningRates: { generator: 0, discriminator: 0 } });
    trainer.step();
    await trainer.readLosses();
    expect(tf.memory().numTensors).toBe(count);
    trainer.dispose();
    model.dispose();
  });

  it('draws each generated level with its probability under Gumbel-softmax, where a softmax writes the likeliest', async () => {
    // Untrained, the generator's logits are near zero: both colours are about equally likely.
    const redShare = async (gumbelTau: number) => {
      const { model, trainer } = setup(3, { gumbelTau });
      const conditions = trainer.sampleConditions(400, createRng(1));
      const generated = model.generate(conditions, createRng(2));
      const data = (await generated.data()) as Float32Array;
      tf.dispose([conditions, generated]);
      trainer.dispose();
      model.dispose();
      // twoClassTable's features: x (one scalar), then colour's two-level span.
      const rows = Array.from({ length: 400 }, (_, r) => [data[r * 3 + 1]!, data[r * 3 + 2]!] as const);
      const nearlyOneHot = rows.filter((p) => Math.max(...p) > 0.9).length / 400;
      return { red: rows.filter(([red, blue]) => red > blue).length / 400, nearlyOneHot };
    };
    const plain = await redShare(0);
    const gumbel = await redShare(0.2);
    expect(plain.nearlyOneHot).toBeLessThan(0.1);
    expect(gumbel.nearlyOneHot).toBeGreaterThan(0.75);
    expect(gumbel.red).toBeGreaterThan(0.2);
    expect(gumbel.red).toBeLessThan(0.8);
  });

  it('judges packs of rows (PacGAN), also on a table smaller than a pack and on batches not whole packs', async () => {
    for (const rows of [5, 13, 400]) {
      const { model, trainer } = setup(3, { pac: 8, gumbelTau: 0.2 }, rows);
      trainer.step();
      await trainer.readLosses();
      const count = tf.memory().numTensors;
      for (let i = 0; i < 5; i++) trainer.step();
      const losses = await trainer.readLosses();
      expect(losses.flatMap((l) => l.values).every(Number.isFinite), `${rows} rows`).toBe(true);
      expect(tf.memory().numTensors, `${rows} rows`).toBe(count);
      // Each row still gets its own verdict.
      const conditions = trainer.sampleConditions(13, createRng(1));
      const generated = model.generate(conditions, createRng(2));
      const { scores } = model.discriminate!(generated, conditions);
      expect(scores.shape).toEqual([13]);
      tf.dispose([conditions, generated, scores]);
      trainer.dispose();
      model.dispose();
    }
  });

  it('refuses differential privacy unless it judges rows one at a time', () => {
    const { model, trainer } = setup(3, { pac: 8 });
    const plan = { clipNorm: 1, noiseMultiplier: 1, samplingRate: 0.1 } as never;
    expect(() => model.trainPrivately(plan)).toThrow(/pac = 1/);
    trainer.dispose();
    model.dispose();
  });
});

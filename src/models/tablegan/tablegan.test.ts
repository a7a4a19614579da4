import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../nn/tf';
import { useNodeBackend } from '../../worker/nodeBackends';
import { createRng } from '../../rng';
import { twoClassTable } from '../../../test-support/tables';
import { Trainer } from '../../train/trainer';
import { fitImageCodec, type ImageCodec } from './imageCodec';
import { nearestIndex } from './layout';
import { ConvJudge } from './networks';
import { gradientPenalty } from './penalty';
import type { CriticLoss } from '../ganFields';
import { TableGan, type TableGanSettings } from './tablegan';
import { wideTable } from '../../../test-support/tablegan';

const settings = (critic: CriticLoss = 'cross-entropy'): TableGanSettings => ({
  noiseSize: 16,
  channels: 8,
  critic,
  learningRates: { generator: 2e-3, discriminator: 2e-3 },
  classifierLearningRate: 2e-3,
  privacy: { deltaMean: 0, deltaSd: 0 },
});

function setup(codec: ImageCodec, raw: Parameters<ImageCodec['encodeRows']>[0], s = settings(), seed = 3) {
  const model = new TableGan(codec.layout, s, createRng(seed));
  const rows = codec.encodeRows(raw);
  const trainer = new Trainer(model, rows, 64, seed);
  return { model, trainer, rows };
}

/** Share of real rows whose class the classifier names from the rest of the row. */
async function classifierAccuracy(
  model: TableGan,
  codec: ImageCodec,
  rows: ReturnType<ImageCodec['encodeRows']>,
) {
  const { targetCell, target } = codec.layout;
  if (target.kind !== 'classes') throw new Error('a categorical target is needed');
  const images = tf.tensor2d(rows.features, [rows.count, codec.featureWidth]);
  const predicted = model.predictTarget(images);
  const guesses = await tf.argMax(predicted, 1).data();
  tf.dispose([images, predicted]);
  let hits = 0;
  for (let r = 0; r < rows.count; r++) {
    const truth = nearestIndex(rows.features[r * codec.featureWidth + targetCell]!, target.count);
    if (guesses[r] === truth) hits++;
  }
  return hits / rows.count;
}

describe('table-GAN', () => {
  beforeAll(async () => {
    await useNodeBackend('wasm');
  });

  it('builds and steps for tables of 3, 7, 15, 16 and 17 columns', async () => {
    for (const columns of [3, 7, 15, 16, 17]) {
      const { raw, schema } = wideTable(columns, 24);
      const codec = fitImageCodec(raw, schema);
      const side = codec.layout.side;
      const { model, trainer } = setup(codec, raw, { ...settings(), channels: 4 });
      trainer.step();
      const [losses] = await trainer.readLosses();
      expect(losses!.values, `${columns} columns`).toHaveLength(4);
      expect(losses!.values.every(Number.isFinite)).toBe(true);
      const generated = model.generate(tf.zeros([5, codec.conditionWidth]), createRng(1));
      expect(generated.shape).toEqual([5, side * side]);
      const values = await generated.data();
      // tanh range, and the padding cells stay 0 like the real rows'.
      expect(Math.max(...values.map(Math.abs))).toBeLessThanOrEqual(1);
      for (let r = 0; r < 5; r++) {
        const padding = values.subarray(r * side * side + columns, (r + 1) * side * side);
        expect(padding.every((v) => v === 0)).toBe(true);
      }
      const predicted = model.predictTarget(generated);
      expect(predicted.shape).toEqual([5, 3]);
      expect(
        codec.decodeRows(values as Float32Array, new Float32Array()).every((r) => r.length === columns),
      ).toBe(true);
      tf.dispose([generated, predicted]);
      trainer.dispose();
      model.dispose();
    }
  });

  it('trains its classifier to name real rows’ class above the majority rate within 60 steps', async () => {
    const { raw, schema } = twoClassTable(400);
    const codec = fitImageCodec(raw, schema);
    const { model, trainer, rows } = setup(codec, raw);
    const classA = raw.rows.filter((row) => row[2] === 'a').length;
    const majority = Math.max(classA, rows.count - classA) / rows.count;
    const before = await classifierAccuracy(model, codec, rows);
    for (let i = 0; i < 60; i++) trainer.step();
    const losses = await trainer.readLosses();
    const after = await classifierAccuracy(model, codec, rows);
    console.info(
      `table-GAN classifier accuracy: ${before.toFixed(3)} before, ${after.toFixed(3)} after 60 steps (majority ${majority.toFixed(3)})`,
    );
    expect(losses.flatMap((l) => l.values).every(Number.isFinite)).toBe(true);
    expect(after).toBeGreaterThan(majority + 0.2);
    expect(after).toBeGreaterThan(before);
    // With δ = 0 the information loss is the summed gaps: the features times the average gaps.
    const gap = (await model.statisticsGap())!;
    expect(gap.features).toBe(2 * settings().channels);
    expect(gap.features * (gap.mean + gap.variance)).toBeCloseTo(losses.at(-1)!.values[3]!, 4);
    trainer.dispose();
    model.dispose();
  });

  it('learns a numeric target with its regression head', async () => {
    const { raw, schema } = twoClassTable(400);
    // x (about −2 for class a, 3 for class b) as the target: the classifier predicts its scaled value.
    const codec = fitImageCodec(raw, { ...schema, target: 0 });
    expect(codec.layout.target).toEqual({ kind: 'value' });
    const { model, trainer, rows } = setup(codec, raw);
    const images = tf.tensor2d(rows.features, [rows.count, codec.featureWidth]);
    const truth = tf.slice(images, [0, codec.layout.targetCell], [-1, 1]);
    const error = async () => {
      const predicted = model.predictTarget(images);
      const mae = tf.mean(tf.abs(tf.sub(predicted, truth)));
      const value = (await mae.data())[0]!;
      tf.dispose([predicted, mae]);
      return value;
    };
    // Predicting the mean of the target for every row: what a head that learned nothing can do.
    const baseline = tf.mean(tf.abs(tf.sub(truth, tf.mean(truth))));
    const baselineError = (await baseline.data())[0]!;
    for (let i = 0; i < 60; i++) trainer.step();
    const losses = await trainer.readLosses();
    expect(losses.flatMap((l) => l.values).every(Number.isFinite)).toBe(true);
    expect(await error()).toBeLessThan(baselineError / 2);
    tf.dispose([images, truth, baseline]);
    trainer.dispose();
    model.dispose();
  });

  it('gives the verdict map P(real), or the critic’s score with the Wasserstein variant', async () => {
    const { raw, schema } = twoClassTable(100);
    const codec = fitImageCodec(raw, schema);
    const images = tf.tensor2d(codec.encodeRows(raw).features, [100, codec.featureWidth]);
    for (const critic of ['cross-entropy', 'wgan-gp'] as const) {
      const model = new TableGan(codec.layout, settings(critic), createRng(1));
      const { scale, scores } = model.discriminate(images);
      expect(scale).toBe(critic === 'wgan-gp' ? 'critic' : 'probability');
      expect(scores.shape).toEqual([100]);
      const values = await scores.data();
      if (scale === 'probability') expect(values.every((v) => v > 0 && v < 1)).toBe(true);
      tf.dispose(scores);
      model.dispose();
    }
    images.dispose();
  });

  for (const loss of ['cross-entropy', 'wgan-gp'] as const) {
    it(`keeps the tensor count flat across training steps (${loss})`, async () => {
      const { raw, schema } = twoClassTable(200);
      const { model, trainer } = setup(fitImageCodec(raw, schema), raw, settings(loss));
      for (let i = 0; i < 3; i++) trainer.step();
      await trainer.readLosses();
      const start = tf.memory().numTensors;
      for (let i = 0; i < 12; i++) {
        trainer.step();
        if (i % 4 === 3) await trainer.readLosses();
      }
      expect(tf.memory().numTensors).toBe(start);
      model.configure({ learningRates: { generator: 1e-4, discriminator: 1e-4 } });
      trainer.step();
      await trainer.readLosses();
      expect(tf.memory().numTensors).toBe(start);
      trainer.dispose();
      model.dispose();
    });
  }

  it('measures each generator loss term’s pull; the information term’s vanishes beyond δ', async () => {
    const { raw, schema } = twoClassTable(200);
    const codec = fitImageCodec(raw, schema);
    const real = tf.tensor2d(codec.encodeRows(raw).features.subarray(0, 64 * codec.featureWidth), [
      64,
      codec.featureWidth,
    ]);
    const norms = async (delta: number) => {
      const s = { ...settings(), privacy: { deltaMean: delta, deltaSd: delta } };
      const { model, trainer } = setup(codec, raw, s);
      for (let i = 0; i < 5; i++) trainer.step();
      await trainer.readLosses();
      const before = tf.memory().numTensors;
      const result = await model.generatorGradientNorms(real, 9);
      expect(tf.memory().numTensors).toBe(before);
      trainer.dispose();
      model.dispose();
      return result;
    };
    const tight = await norms(0);
    expect(tight.adversarial).toBeGreaterThan(0);
    expect(tight.classification).toBeGreaterThan(0);
    expect(tight.information).toBeGreaterThan(0);
    // Every gap per feature is far below 10: the hinge is flat, no pull at all.
    expect((await norms(10)).information).toBe(0);
    real.dispose();
  });

  it('repeats a run exactly from the same seed', async () => {
    const { raw, schema } = twoClassTable(200);
    const codec = fitImageCodec(raw, schema);
    const run = async (seed: number) => {
      const { model, trainer } = setup(codec, raw, settings(), seed);
      for (let i = 0; i < 5; i++) trainer.step();
      const losses = (await trainer.readLosses()).map((l) => l.values);
      trainer.dispose();
      model.dispose();
      return losses;
    };
    const first = await run(5);
    expect(await run(5)).toEqual(first);
    expect(await run(6)).not.toEqual(first);
  });
});

describe('table-GAN gradient penalty', () => {
  beforeAll(async () => {
    await useNodeBackend('cpu');
  });
  afterAll(async () => {
    await useNodeBackend('wasm');
  });

  it('has the gradient that finite differences measure (second-order gradients through the critic)', async () => {
    const rng = createRng(11);
    const critic = new ConvJudge(5, 3, 1, rng);
    const real = tf.randomUniform([6, 25], -1, 1, 'float32', 1) as tf.Tensor2D;
    const fake = tf.randomUniform([6, 25], -1, 1, 'float32', 2) as tf.Tensor2D;
    const penalty = () => gradientPenalty((x) => critic.apply(x).outputs, real, fake, 3);
    const { value, grads } = tf.variableGrads(penalty, critic.variables());
    expect((await value.data())[0]).toBeGreaterThan(0.01);

    // The penalty is piecewise smooth: a LeakyReLU's input crossing zero makes it jump. A difference
    // quotient that changes with the step straddles such a kink and is skipped.
    const quotient = async (variable: tf.Variable, base: Float32Array, i: number, h: number) => {
      const at = (shift: number) => {
        const moved = Float32Array.from(base);
        moved[i] = base[i]! + shift;
        variable.assign(tf.tensor(moved, variable.shape));
        return tf.tidy(() => penalty().dataSync()[0]!);
      };
      const value = (at(h) - at(-h)) / (2 * h);
      variable.assign(tf.tensor(base, variable.shape));
      return value;
    };
    let compared = 0;
    let kinks = 0;
    for (const variable of critic.variables()) {
      const base = Float32Array.from(await variable.data());
      // No entry: the penalty does not depend on it (the head's bias shifts scores, not gradients).
      const gradient = grads[variable.name];
      const analytic = gradient ? await gradient.data() : new Float32Array(base.length);
      for (let k = 0; k < 6; k++) {
        const i = rng.int(base.length);
        const coarse = await quotient(variable, base, i, 1e-3);
        const fine = await quotient(variable, base, i, 5e-4);
        if (Math.abs(coarse - fine) > 1e-2) {
          kinks++;
          continue;
        }
        expect(analytic[i]!, `${variable.name}[${i}]`).toBeCloseTo(fine, 2);
        compared++;
      }
    }
    expect(kinks).toBeLessThanOrEqual(2);
    expect(compared).toBeGreaterThanOrEqual(6 * critic.variables().length - 2);
    critic.dispose();
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../nn/tf';
import { useNodeBackend } from '../worker/nodeBackends';
import { applyMlp, createMlp, disposeMlp, mlpVariables, type DenseLayer } from '../nn/mlp';
import { createRng } from '../rng';
import { disposeTrace, exampleGradientNorms, traceMlp, weightedGradientSum } from './perExample';
import { privateGradients, type DpSgd } from './dpsgd';

beforeAll(async () => {
  await useNodeBackend('wasm');
});

const WIDTH = 7;

function setup(seed = 5) {
  const rng = createRng(seed);
  const layers = createMlp([WIDTH, 16, 8, 1], rng);
  const rows = tf.randomNormal([12, WIDTH], 0, 2, 'float32', seed) as tf.Tensor2D;
  return { layers, rows };
}

/** The discriminator's loss on real rows: softplus(−logit) per row. */
const realLoss = (outputs: tf.Tensor2D) => tf.reshape(tf.softplus(tf.neg(outputs)), [-1]) as tf.Tensor1D;

/** Example i's gradient, computed the slow way: its own loss, differentiated alone. */
function bruteForceGradients(layers: DenseLayer[], rows: tf.Tensor2D): Float32Array[] {
  const variables = mlpVariables(layers);
  return Array.from({ length: rows.shape[0] }, (_, i) =>
    tf.tidy(() => {
      const row = tf.slice(rows, [i, 0], [1, WIDTH]) as tf.Tensor2D;
      const { grads } = tf.variableGrads(
        () => tf.sum(realLoss(applyMlp(layers, row, { dropout: 0 }))) as tf.Scalar,
        variables,
      );
      return tf.concat(variables.map((v) => tf.reshape(grads[v.name]!, [-1]))).dataSync() as Float32Array;
    }),
  );
}

const norm = (g: Float32Array) => Math.sqrt(g.reduce((s, x) => s + x * x, 0));

function flatten(tensors: tf.Tensor[]): Float32Array {
  return tf.tidy(() => tf.concat(tensors.map((t) => tf.reshape(t, [-1]))).dataSync() as Float32Array);
}

describe('per-example gradients of an MLP', () => {
  it('give the same norms as differentiating each example alone', () => {
    const { layers, rows } = setup();
    const trace = traceMlp(layers, rows, realLoss, { dropout: 0 });
    const fast = exampleGradientNorms(trace).dataSync();
    const slow = bruteForceGradients(layers, rows).map(norm);
    slow.forEach((n, i) => expect(fast[i]).toBeCloseTo(n, 4));
    // The rows differ, so the norms do: a test that a constant would fail.
    expect(Math.max(...slow) / Math.min(...slow)).toBeGreaterThan(1.5);
    disposeTrace(trace);
    disposeMlp(layers);
    rows.dispose();
  });

  it('sum to the gradients each example would give, weighted', () => {
    const { layers, rows } = setup(6);
    const weights = tf.tensor1d(Array.from({ length: 12 }, (_, i) => (i % 3) / 2));
    const trace = traceMlp(layers, rows, realLoss, { dropout: 0 });
    const fast = flatten(weightedGradientSum(trace, weights));
    const perExample = bruteForceGradients(layers, rows);
    const w = weights.dataSync();
    fast.forEach((value, k) => {
      const expected = perExample.reduce((s, g, i) => s + w[i]! * g[k]!, 0);
      expect(value).toBeCloseTo(expected, 4);
    });
    disposeTrace(trace);
    disposeMlp(layers);
    tf.dispose([rows, weights]);
  });
});

describe('DP-SGD', () => {
  it("bounds every example's contribution by the clip norm", () => {
    const { layers, rows } = setup(7);
    const perExample = bruteForceGradients(layers, rows);
    const clipNorm = 0.5 * Math.min(...perExample.map(norm));
    // No noise, and a divisor of 1: the result is the plain sum of the clipped gradients.
    const dp: DpSgd = { clipNorm, noiseMultiplier: 0, samplingRate: 1, expectedBatchSize: 1 };
    for (let i = 0; i < 3; i++) {
      const one = tf.slice(rows, [i, 0], [1, WIDTH]) as tf.Tensor2D;
      const { gradients, loss } = privateGradients(
        { layers, call: { dropout: 0 }, real: one, realLoss },
        dp,
        1,
      );
      const clipped = flatten(gradients);
      // Each clipped gradient has norm C (each was longer) and points where the example's did.
      expect(norm(clipped)).toBeCloseTo(clipNorm, 4);
      const cosine =
        clipped.reduce((s, x, k) => s + x * perExample[i]![k]!, 0) / (clipNorm * norm(perExample[i]!));
      expect(cosine).toBeCloseTo(1, 4);
      tf.dispose([one, loss, ...gradients]);
    }
    const { gradients, loss } = privateGradients(
      { layers, call: { dropout: 0 }, real: rows, realLoss },
      dp,
      1,
    );
    expect(norm(flatten(gradients))).toBeLessThanOrEqual(12 * clipNorm * 1.0001);
    tf.dispose([rows, loss, ...gradients]);
    disposeMlp(layers);
  });

  it('without clipping or noise, is the ordinary gradient of the mean real and generated losses plus the penalty', () => {
    const { layers, rows } = setup(8);
    const variables = mlpVariables(layers);
    const generated = tf.randomNormal([12, WIDTH], 1, 1, 'float32', 2) as tf.Tensor2D;
    const generatedLoss = (outputs: tf.Tensor2D) => tf.reshape(tf.softplus(outputs), [-1]) as tf.Tensor1D;
    const penalty = () => tf.mul(tf.sum(tf.square(layers[0]!.kernel)), 0.01) as tf.Scalar;
    const dp: DpSgd = { clipNorm: 1e9, noiseMultiplier: 0, samplingRate: 1, expectedBatchSize: 12 };
    const { gradients, loss } = privateGradients(
      {
        layers,
        call: { dropout: 0 },
        real: rows,
        realLoss,
        generated: { rows: generated, loss: generatedLoss },
        penalty,
      },
      dp,
      1,
    );
    const mean = (loss: (o: tf.Tensor2D) => tf.Tensor1D, x: tf.Tensor2D) =>
      tf.mean(loss(applyMlp(layers, x, { dropout: 0 })));
    const plain = tf.variableGrads(
      () => tf.addN([mean(realLoss, rows), mean(generatedLoss, generated), penalty()]) as tf.Scalar,
      variables,
    );
    const expected = flatten(variables.map((v) => plain.grads[v.name]!));
    flatten(gradients).forEach((g, k) => expect(g).toBeCloseTo(expected[k]!, 5));
    expect(loss.dataSync()[0]).toBeCloseTo(plain.value.dataSync()[0]!, 5);
    tf.dispose([rows, generated, loss, plain.value, ...gradients, ...Object.values(plain.grads)]);
    disposeMlp(layers);
  });

  it('adds noise of standard deviation σ·C / (q·N), repeatable from its seed', () => {
    const { layers, rows } = setup(9);
    const base: DpSgd = { clipNorm: 2, noiseMultiplier: 0, samplingRate: 0.1, expectedBatchSize: 12 };
    const noisy = { ...base, noiseMultiplier: 1.5 };
    const spec = { layers, call: { dropout: 0 }, real: rows, realLoss };
    const run = (dp: DpSgd, seed: number) => {
      const { gradients, loss } = privateGradients(spec, dp, seed);
      const flat = flatten(gradients);
      tf.dispose([loss, ...gradients]);
      return flat;
    };
    const quiet = run(base, 1);
    const a = run(noisy, 1);
    const b = run(noisy, 1);
    const c = run(noisy, 2);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
    const difference = a.map((x, k) => x - quiet[k]!);
    const mean = difference.reduce((s, x) => s + x, 0) / difference.length;
    const std = Math.sqrt(difference.reduce((s, x) => s + (x - mean) ** 2, 0) / difference.length);
    const expected = (1.5 * 2) / 12;
    // 8·16 + 16 + 16·8 + 8 + 8 + 1 = 289 noise draws: their sample deviation is within ~8% of σ.
    console.info(`noise: std ${std.toFixed(4)} (expected ${expected.toFixed(4)}), mean ${mean.toFixed(4)}`);
    expect(std / expected).toBeGreaterThan(0.85);
    expect(std / expected).toBeLessThan(1.15);
    expect(Math.abs(mean)).toBeLessThan((4 * expected) / Math.sqrt(difference.length));
    rows.dispose();
    disposeMlp(layers);
  });

  it('takes a step with no real rows (a Poisson sample can be empty): noise and the public term only', () => {
    const { layers, rows } = setup(10);
    const empty = tf.zeros([0, WIDTH]) as tf.Tensor2D;
    const before = tf.memory().numTensors;
    const { gradients, loss } = privateGradients(
      { layers, call: { dropout: 0 }, real: empty, realLoss },
      { clipNorm: 1, noiseMultiplier: 1, samplingRate: 0.01, expectedBatchSize: 10 },
      3,
    );
    expect(loss.dataSync()[0]).toBe(0);
    expect(norm(flatten(gradients))).toBeGreaterThan(0);
    tf.dispose([loss, ...gradients]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([rows, empty]);
    disposeMlp(layers);
  });

  it('leaves no tensor behind', () => {
    const { layers, rows } = setup(11);
    const spec = {
      layers,
      call: { dropout: 0.3, dropoutSeed: 4 },
      real: rows,
      realLoss,
      generated: { rows: tf.ones([5, WIDTH]) as tf.Tensor2D, loss: realLoss },
      penalty: () => tf.sum(tf.square(layers[1]!.bias)) as tf.Scalar,
    };
    const dp: DpSgd = { clipNorm: 1, noiseMultiplier: 1, samplingRate: 0.1, expectedBatchSize: 12 };
    const once = privateGradients(spec, dp, 1);
    tf.dispose([once.loss, ...once.gradients]);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      const { gradients, loss } = privateGradients(spec, dp, i);
      tf.dispose([loss, ...gradients]);
    }
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([rows, spec.generated.rows]);
    disposeMlp(layers);
  });
});

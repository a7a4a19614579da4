import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../nn/tf';
import { useNodeBackend } from '../../worker/nodeBackends';
import {
  averageGaps,
  featureMoments,
  informationLoss,
  MovingMoments,
  type FeatureMoments,
} from './information';

beforeAll(async () => {
  await useNodeBackend('wasm');
});

const moments = (mean: number[], variance: number[]): FeatureMoments => ({
  mean: tf.tensor1d(mean),
  variance: tf.tensor1d(variance),
});
const values = async (t: tf.Tensor) => Array.from(await t.data()).map((v) => Number(v.toFixed(5)));

// Real and generated moments whose per-feature gaps are 0.1 and 0.3 (mean) and 0.02 and 0.04 (variance).
const real = () => moments([0.5, -0.2], [0.1, 0.3]);
const fake = () => moments([0.6, 0.1], [0.12, 0.26]);
const lossAt = async (deltaMean: number, deltaSd: number) =>
  (await informationLoss(real(), fake(), { deltaMean, deltaSd }).data())[0]!;

describe('table-GAN information loss', () => {
  it('is the summed absolute gaps at δ = 0, not their Euclidean norm', async () => {
    expect(await lossAt(0, 0)).toBeCloseTo(0.1 + 0.3 + 0.02 + 0.04, 5);
    expect(await values(averageGaps(real(), fake()))).toEqual([0.2, 0.03]);
  });

  it('is zero while the average gap per feature stays inside each threshold', async () => {
    expect(await lossAt(0.2, 0.03)).toBeCloseTo(0, 6);
    expect(await lossAt(0.5, 0.5)).toBe(0);
    expect(await lossAt(0.19, 1)).toBeCloseTo(0.02, 5);
  });

  it('subtracts δ per feature, so a feature under its δ offsets one over it', async () => {
    // Σ(|Δ| − δ) = (0.1 − 0.15) + (0.3 − 0.15) = 0.1; a hinge per feature would give 0.15.
    expect(await lossAt(0.15, 1)).toBeCloseTo(0.1, 5);
    // The variance hinge on its own: (0.02 − 0.01) + (0.04 − 0.01).
    expect(await lossAt(1, 0.01)).toBeCloseTo(0.04, 5);
    const losses = [];
    for (const delta of [0.3, 0.2, 0.1, 0]) losses.push(await lossAt(delta, 1));
    expect(losses).toEqual([...losses].sort((a, b) => a - b));
    expect(losses[3]! - losses[2]!).toBeCloseTo(0.2, 5);
  });

  it('averages from zero with weight 0.99 on the past, passing 1% of the batch gradient', async () => {
    const first = featureMoments(tf.tensor2d([1, 10, 3, 14], [2, 2]));
    expect(await values(first.mean)).toEqual([2, 12]);
    expect(await values(first.variance)).toEqual([1, 4]);
    const average = new MovingMoments(2);
    const started = average.blend(first);
    expect(await values(started.mean)).toEqual([0.02, 0.12]);
    average.commit(started);

    const batch = tf.tensor2d([5, 12, 5, 12], [2, 2]);
    const blended = average.blend(featureMoments(batch));
    // 0.99 · 0.02 + 0.01 · 5 and 0.99 · 0.12 + 0.01 · 12; the variances 0.99 · (0.01, 0.04) + 0.
    expect(await values(blended.mean)).toEqual([0.0698, 0.2388]);
    expect(await values(blended.variance)).toEqual([0.0099, 0.0396]);
    const gradient = tf.grad((x) => tf.sum(average.blend(featureMoments(x as tf.Tensor2D)).mean))(batch);
    // d(batch mean)/dx = 1/2 per row, of which the average passes on 1%.
    expect(await values(gradient)).toEqual([0.005, 0.005, 0.005, 0.005]);
    average.dispose();
  });
});

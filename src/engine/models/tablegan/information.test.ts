import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../tf';
import { useNodeBackend } from '../../../node/backend';
import { featureMoments, informationLoss, MovingMoments } from './information';

beforeAll(async () => {
  await useNodeBackend('wasm');
});

const lossAt = async (meanDistance: number, sdDistance: number, deltaMean: number, deltaSd: number) => {
  const loss = informationLoss(tf.scalar(meanDistance), tf.scalar(sdDistance), { deltaMean, deltaSd });
  return (await loss.data())[0]!;
};

describe('table-GAN information loss', () => {
  it('is zero while both distances stay inside their thresholds', async () => {
    expect(await lossAt(0, 0, 0, 0)).toBe(0);
    expect(await lossAt(0.3, 0.2, 0.5, 0.5)).toBe(0);
    expect(await lossAt(0.5, 0.5, 0.5, 0.5)).toBe(0);
  });

  it('grows with the distance beyond each threshold, one hinge per statistic', async () => {
    expect(await lossAt(0.8, 0.1, 0.5, 0.5)).toBeCloseTo(0.3, 6);
    expect(await lossAt(0.1, 0.9, 0.5, 0.5)).toBeCloseTo(0.4, 6);
    expect(await lossAt(1.5, 2, 0.5, 0.5)).toBeCloseTo(1 + 1.5, 6);
    const losses = [];
    for (const distance of [0.5, 1, 2, 4]) losses.push(await lossAt(distance, 0, 0.5, 10));
    expect(losses).toEqual([...losses].sort((a, b) => a - b));
    expect(losses[3]! - losses[2]!).toBeCloseTo(2, 5);
  });

  it('tracks moving averages (0.99) but passes the batch statistics’ full gradient', async () => {
    const moments = new MovingMoments();
    const first = featureMoments(tf.tensor2d([1, 10, 3, 14], [2, 2]));
    expect(Array.from(await first.mean.data())).toEqual([2, 12]);
    expect(Array.from(await first.sd.data()).map((v) => Number(v.toFixed(4)))).toEqual([1, 2]);
    moments.commit(moments.blend(first));

    const batch = tf.tensor2d([5, 12, 5, 12], [2, 2]);
    const blended = moments.blend(featureMoments(batch));
    // 0.99 · 2 + 0.01 · 5 and 0.99 · 12 + 0.01 · 12.
    expect(Array.from(await blended.mean.data()).map((v) => Number(v.toFixed(4)))).toEqual([2.03, 12]);
    const gradient = tf.grad((x) => tf.sum(moments.blend(featureMoments(x as tf.Tensor2D)).mean))(batch);
    // d(batch mean)/dx = 1/2 per row: the same as without averaging, not 1% of it.
    expect(Array.from(await gradient.data())).toEqual([0.5, 0.5, 0.5, 0.5]);
    moments.dispose();
  });
});

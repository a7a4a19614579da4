import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../nn/tf';
import { createRng } from '../../rng';
import { useNodeBackend } from '../../worker/nodeBackends';
import { RealMoments } from './moments';

beforeAll(async () => {
  await useNodeBackend('wasm');
});

/**
 * Real rows of a colour (3 levels) and a number, encoded: the colour one-hot at 0–2, the number (z) at 3.
 * Red rows are 60% and their number is high, so the pair holds a trend.
 */
function realRows(count: number) {
  const rng = createRng(3);
  const rows = new Float32Array(count * 4);
  for (let r = 0; r < count; r++) {
    const u = rng.next();
    const colour = u < 0.6 ? 0 : u < 0.9 ? 1 : 2;
    rows[r * 4 + colour] = 1;
    rows[r * 4 + 3] = (colour === 0 ? 1 : -1) + rng.next() - 0.5;
  }
  const columns: [number, number][] = [
    [0, 3],
    [3, 1],
  ];
  return { rows, moments: new RealMoments(columns, Float32Array.from([0, 0, 0, 1]), rows, 4) };
}

describe('RealMoments', () => {
  it('puts the real rows at 0 and a batch of one colour and a shifted number far from them', () => {
    const { rows, moments } = realRows(500);
    const distance = (batch: Float32Array) =>
      tf.tidy(() => moments.distance(tf.tensor2d(batch, [batch.length / 4, 4])).dataSync()[0]!);
    expect(distance(rows)).toBeLessThan(1e-5);
    const oneColour = rows.slice();
    for (let r = 0; r < 500; r++) oneColour.set([0, 0, 1, rows[r * 4 + 3]! + 1], r * 4);
    // The colour alone is 0.9 from its real frequencies (total variation), the number 1 from its quantiles.
    expect(distance(oneColour)).toBeGreaterThan(0.9);
    moments.dispose();
  });

  it('pulls a batch of free logits and numbers toward the real shapes and pair by its gradient', () => {
    const { moments } = realRows(500);
    const rng = createRng(4);
    const logits = tf.variable(
      tf.tensor2d(
        Array.from({ length: 64 * 3 }, () => rng.next()),
        [64, 3],
      ),
    );
    const numbers = tf.variable(
      tf.tensor2d(
        Array.from({ length: 64 }, () => 3 + rng.next()),
        [64, 1],
      ),
    );
    const batch = () => tf.concat([tf.softmax(logits), numbers], 1) as tf.Tensor2D;
    const distance = () => tf.tidy(() => moments.distance(batch()).dataSync()[0]!);
    const before = distance();
    const optimizer = tf.train.adam(0.05);
    for (let i = 0; i < 200; i++)
      optimizer.minimize(() => moments.distance(batch()), false, [logits, numbers]);
    const after = distance();
    expect(after).toBeLessThan(before / 4);
    // The red share came near its real 60%.
    const red = tf.tidy(() => tf.mean(tf.softmax(logits), 0).dataSync()[0]!);
    expect(red).toBeGreaterThan(0.5);
    tf.dispose([logits, numbers]);
    optimizer.dispose();
    moments.dispose();
  });
});

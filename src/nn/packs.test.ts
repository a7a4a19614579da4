import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from './tf';
import { useNodeBackend } from '../worker/nodeBackends';
import { applyMlp, createMlp, disposeMlp } from './mlp';
import { packRows, rowScoringLayers } from './packs';
import { createRng } from '../rng';

beforeAll(async () => {
  await useNodeBackend('wasm');
});

const rowsOf = (count: number) =>
  tf.tensor2d(
    Array.from({ length: count * 2 }, (_, i) => i),
    [count, 2],
  );

describe('packs', () => {
  it('lays pac rows side by side, drops a short last pack and fills a batch smaller than one', async () => {
    const whole = packRows(rowsOf(6), 3);
    expect(whole.shape).toEqual([2, 6]);
    expect(Array.from(await whole.data()).slice(0, 6)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(packRows(rowsOf(7), 3).shape).toEqual([2, 6]);
    const filled = packRows(rowsOf(2), 3);
    expect(Array.from(await filled.data())).toEqual([0, 1, 2, 3, 0, 1]);
    tf.dispose([whole, filled]);
  });

  it('scores a row as its packed discriminator scores a pack of copies of it', async () => {
    const layers = createMlp([2 * 4, 5, 1], createRng(1));
    const rows = tf.randomNormal([3, 2], 0, 1, 'float32', 2) as tf.Tensor2D;
    const copies = tf.reshape(tf.tile(rows, [1, 4]), [3, 8]) as tf.Tensor2D;
    const packed = await applyMlp(layers, copies, { dropout: 0 }).data();
    const single = await applyMlp(rowScoringLayers(layers, 4), rows, { dropout: 0 }).data();
    Array.from(single).forEach((v, i) => expect(v).toBeCloseTo(packed[i]!, 4));
    disposeMlp(layers);
  });
});

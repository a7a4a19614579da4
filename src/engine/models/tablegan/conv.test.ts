import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../tf';
import { useNodeBackend } from '../../../node/backend';
import { createRng } from '../../rng';
import { conv2d, conv2dTranspose, createConv, type ConvLayer } from './conv';

const SIZE = 3;

/** The layer's kernel as tfjs's conv2d filter [k, k, in, out]. */
const filterOf = (layer: ConvLayer) =>
  tf.reshape(layer.kernel, [SIZE, SIZE, layer.inChannels, layer.outChannels]) as tf.Tensor4D;

const maxDifference = async (a: tf.Tensor, b: tf.Tensor) => (await tf.max(tf.abs(tf.sub(a, b))).data())[0]!;

describe('table-GAN convolutions', () => {
  beforeAll(async () => {
    await useNodeBackend('cpu');
  });
  afterAll(async () => {
    await useNodeBackend('wasm');
  });

  it('compute what tf.conv2d computes, for odd and even sides and both strides', async () => {
    const rng = createRng(1);
    for (const [side, stride] of [
      [5, 2],
      [4, 2],
      [3, 2],
      [4, 1],
    ] as const) {
      const layer = createConv(SIZE, 2, 3, rng);
      const x = tf.randomNormal([2, side, side, 2], 0, 1, 'float32', side) as tf.Tensor4D;
      const expected = tf.add(tf.conv2d(x, filterOf(layer), stride, 'same'), layer.bias);
      expect(await maxDifference(conv2d(x, layer, stride), expected), `${side}/${stride}`).toBeLessThan(1e-5);
    }
  });

  it('compute what tf.conv2dTranspose computes with the kernel flipped, to odd and even sides', async () => {
    const rng = createRng(2);
    for (const [side, out] of [
      [1, 2],
      [2, 3],
      [2, 4],
      [3, 5],
      [4, 8],
    ] as const) {
      const layer = createConv(SIZE, 2, 3, rng);
      const x = tf.randomNormal([2, side, side, 2], 0, 1, 'float32', side) as tf.Tensor4D;
      const flipped = tf.reverse(tf.transpose(filterOf(layer), [0, 1, 3, 2]), [0, 1]) as tf.Tensor4D;
      const expected = tf.add(tf.conv2dTranspose(x, flipped, [2, out, out, 3], 2, 'same'), layer.bias);
      expect(await maxDifference(conv2dTranspose(x, layer, 2, out), expected), `${side}→${out}`).toBeLessThan(
        1e-5,
      );
    }
  });

  it('differentiate on the wasm backend, which has no kernel for tf.conv2d’s filter gradient', async () => {
    const gradients = async () => {
      const rng = createRng(3);
      const up = createConv(SIZE, 1, 2, rng);
      const down = createConv(SIZE, 2, 1, rng);
      const x = tf.randomNormal([2, 4, 4, 1], 0, 1, 'float32', 4) as tf.Tensor4D;
      const { grads } = tf.variableGrads(
        () => tf.sum(tf.square(conv2d(conv2dTranspose(x, up, 2, 7), down, 2))) as tf.Scalar,
        [up.kernel, down.kernel],
      );
      const values = [...(await grads[up.kernel.name]!.data()), ...(await grads[down.kernel.name]!.data())];
      tf.dispose([up.kernel, up.bias, down.kernel, down.bias, x, ...Object.values(grads)]);
      return Array.from(values);
    };
    const onCpu = await gradients();
    await useNodeBackend('wasm');
    const onWasm = await gradients();
    onWasm.forEach((g, i) => expect(g).toBeCloseTo(onCpu[i]!, 3));
  });
});

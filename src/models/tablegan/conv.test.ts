import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../nn/tf';
import { useNodeBackend } from '../../worker/nodeBackends';
import { createRng } from '../../rng';
import { applyConv, convOutputSide, createConv, disposeConv, type ConvLayer } from './conv';

const SIZE = 3;

/** The layer's kernel as tfjs's conv2d filter [k, k, in, out]. */
const filterOf = (layer: ConvLayer) =>
  tf.reshape(layer.kernel, [SIZE, SIZE, layer.inChannels, layer.outChannels]) as tf.Tensor4D;

/** The layer applied to an NHWC image, as an NHWC image. */
const applyTo = (x: tf.Tensor4D, layer: ConvLayer): tf.Tensor4D => {
  const { outSide } = layer.geometry;
  const flat = applyConv(tf.reshape(x, [x.shape[0], -1]) as tf.Tensor2D, layer);
  return tf.reshape(flat, [x.shape[0], outSide, outSide, layer.outChannels]) as tf.Tensor4D;
};

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
      const outSide = convOutputSide(side, stride);
      const layer = createConv(SIZE, 2, 3, { inSide: side, outSide, stride, transposed: false }, rng);
      const x = tf.randomNormal([2, side, side, 2], 0, 1, 'float32', side) as tf.Tensor4D;
      const expected = tf.add(tf.conv2d(x, filterOf(layer), stride, 'same'), layer.bias);
      expect(await maxDifference(applyTo(x, layer), expected), `${side}/${stride}`).toBeLessThan(1e-5);
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
      const layer = createConv(SIZE, 2, 3, { inSide: side, outSide: out, stride: 2, transposed: true }, rng);
      const x = tf.randomNormal([2, side, side, 2], 0, 1, 'float32', side) as tf.Tensor4D;
      const flipped = tf.reverse(tf.transpose(filterOf(layer), [0, 1, 3, 2]), [0, 1]) as tf.Tensor4D;
      const expected = tf.add(tf.conv2dTranspose(x, flipped, [2, out, out, 3], 2, 'same'), layer.bias);
      expect(await maxDifference(applyTo(x, layer), expected), `${side}→${out}`).toBeLessThan(1e-5);
    }
  });

  it('differentiate on the wasm backend, which cannot train tf.conv2d (no filter-gradient kernel)', async () => {
    const gradients = async () => {
      const rng = createRng(3);
      const up = createConv(SIZE, 1, 2, { inSide: 4, outSide: 7, stride: 2, transposed: true }, rng);
      const down = createConv(SIZE, 2, 1, { inSide: 7, outSide: 4, stride: 2, transposed: false }, rng);
      const x = tf.randomNormal([2, 16], 0, 1, 'float32', 4) as tf.Tensor2D;
      const { grads } = tf.variableGrads(
        () => tf.sum(tf.square(applyConv(applyConv(x, up), down))) as tf.Scalar,
        [up.kernel, down.kernel],
      );
      const values = [...(await grads[up.kernel.name]!.data()), ...(await grads[down.kernel.name]!.data())];
      disposeConv(up);
      disposeConv(down);
      tf.dispose([x, ...Object.values(grads)]);
      return Array.from(values);
    };
    const onCpu = await gradients();
    await useNodeBackend('wasm');
    const onWasm = await gradients();
    onWasm.forEach((g, i) => expect(g).toBeCloseTo(onCpu[i]!, 3));
  });
});

import * as tf from '../../tf';
import type { Rng } from '../../rng';

/*
 * Convolutions written with pad, slice, reshape, concat and one matMul. tfjs's own tf.conv2d cannot
 * train on the wasm backend (it has no Conv2DBackpropFilter kernel, and its gather has no working
 * gradient there either), and wasm is often the fastest backend on a CPU. These ops have kernels on
 * every backend, and their gradients are made of the same ops, so a gradient penalty can differentiate
 * them a second time. The images are tiny (d is a handful of cells), so the k·k slices cost little.
 */

/** A k×k convolution's weights: the kernel flattened to [k·k·in, out] (patch order: row, column, channel). */
export interface ConvLayer {
  kernel: tf.Variable;
  bias: tf.Variable;
  size: number;
  inChannels: number;
  outChannels: number;
}

export function createConv(size: number, inChannels: number, outChannels: number, rng: Rng): ConvLayer {
  const fanIn = size * size * inChannels;
  const fanOut = size * size * outChannels;
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  return {
    kernel: tf.variable(tf.randomUniform([fanIn, outChannels], -limit, limit, 'float32', rng.seed())),
    bias: tf.variable(tf.zeros([outChannels])),
    size,
    inChannels,
    outChannels,
  };
}

export const convVariables = (layer: ConvLayer): tf.Variable[] => [layer.kernel, layer.bias];

/** Output side of a 'same' convolution with this stride. */
export const convOutputSide = (side: number, stride: number): number => Math.ceil(side / stride);

/**
 * 'same'-padded convolution with the given stride, as TensorFlow defines it (output side ⌈side/stride⌉,
 * padding split with the extra cell at the bottom and right).
 */
export function conv2d(x: tf.Tensor4D, layer: ConvLayer, stride: number): tf.Tensor4D {
  const [batch, height, width] = x.shape;
  const k = layer.size;
  const outH = convOutputSide(height, stride);
  const outW = convOutputSide(width, stride);
  const padH = Math.max((outH - 1) * stride + k - height, 0);
  const padW = Math.max((outW - 1) * stride + k - width, 0);
  // The extra stride − 1 cells let every patch window be cut as stride·out cells, then subsampled.
  const padded = tf.pad(x, [
    [0, 0],
    [Math.floor(padH / 2), padH - Math.floor(padH / 2) + stride - 1],
    [Math.floor(padW / 2), padW - Math.floor(padW / 2) + stride - 1],
    [0, 0],
  ]);
  const patches: tf.Tensor4D[] = [];
  for (let dy = 0; dy < k; dy++) {
    for (let dx = 0; dx < k; dx++) {
      const window = tf.slice(padded, [0, dy, dx, 0], [batch, stride * outH, stride * outW, -1]);
      patches.push(subsample(window, stride));
    }
  }
  const columns = tf.reshape(tf.concat(patches, 3), [batch * outH * outW, k * k * layer.inChannels]);
  const out = tf.add(tf.matMul(columns, layer.kernel), layer.bias);
  return tf.reshape(out, [batch, outH, outW, layer.outChannels]);
}

/**
 * Transposed convolution (the generator's upsampling) to an outSide×outSide image: zeros inserted
 * between the cells, then a stride-1 convolution. The offset of the inserted cells follows TensorFlow's
 * 'same' padding, so this is exactly tf.conv2dTranspose with the kernel flipped (a test checks it).
 */
export function conv2dTranspose(
  x: tf.Tensor4D,
  layer: ConvLayer,
  stride: number,
  outSide: number,
): tf.Tensor4D {
  const [batch, height, width, channels] = x.shape;
  const k = layer.size;
  // Row (and column) i of the input lands at stride·i + offset of the upsampled image.
  const padBefore = Math.floor(Math.max((height - 1) * stride + k - outSide, 0) / 2);
  const offset = (k - 1) / 2 - padBefore;
  if (
    height !== width ||
    convOutputSide(outSide, stride) !== height ||
    k % 2 === 0 ||
    offset < 0 ||
    offset >= stride
  ) {
    throw new Error(`A ${height}×${width} input cannot be upsampled by ${stride} to ${outSide}×${outSide}.`);
  }
  const rows = tf.reshape(
    tf.pad(tf.reshape(x, [batch * height, 1, width, channels]), [
      [0, 0],
      [offset, stride - 1 - offset],
      [0, 0],
      [0, 0],
    ]),
    [batch * height * stride, width, 1, channels],
  );
  const cells = tf.reshape(
    tf.pad(rows, [
      [0, 0],
      [0, 0],
      [offset, stride - 1 - offset],
      [0, 0],
    ]),
    [batch, height * stride, width * stride, channels],
  ) as tf.Tensor4D;
  const cropped = tf.slice(cells, [0, 0, 0, 0], [batch, outSide, outSide, channels]);
  return conv2d(cropped, layer, 1);
}

/** Keeps every stride-th row and column, starting at the first: [b, s·h, s·w, c] → [b, h, w, c]. */
function subsample(x: tf.Tensor4D, stride: number): tf.Tensor4D {
  if (stride === 1) return x;
  const [batch, height, width, channels] = x.shape;
  const h = height / stride;
  const w = width / stride;
  const rows = tf.slice(tf.reshape(x, [batch * h, stride, width, channels]), [0, 0, 0, 0], [-1, 1, -1, -1]);
  const cols = tf.slice(tf.reshape(rows, [batch * h, w, stride, channels]), [0, 0, 0, 0], [-1, -1, 1, -1]);
  return tf.reshape(cols, [batch, h, w, channels]);
}

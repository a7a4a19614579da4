import * as tf from '../../nn/tf';
import type { Rng } from '../../rng';

/*
 * Convolutions on table-GAN's tiny images (d is a handful of cells), written as one matrix product.
 * A convolution is a linear map whose matrix repeats the kernel's weights in a pattern fixed by the
 * geometry: a constant 0/1 "placement" tensor says which kernel tap links which input cell to which
 * output cell, and placement × kernel builds the matrix in one matMul. Why not tf.conv2d: it cannot
 * train on the wasm backend (no Conv2DBackpropFilter kernel; gather's gradient fails there too), wasm
 * is often the fastest backend on a CPU, and the patch-by-patch alternative costs hundreds of tiny ops
 * per step. matMul, reshape and transpose have kernels everywhere, and their gradients are made of the
 * same ops, so a gradient penalty can differentiate them a second time. The matrix grows as d⁴: fine
 * for the few dozen cells a table row takes.
 *
 * Tensors stay flat, [batch, side·side·channels] in row-major (row, column, channel) order: the
 * layout of an NHWC image reshaped to two dimensions.
 */

export interface ConvGeometry {
  inSide: number;
  outSide: number;
  stride: number;
  /** A transposed convolution (upsampling by `stride`) instead of a strided one. */
  transposed: boolean;
}

/** A k×k convolution: the kernel as [k·k, in·out] (tap-major), its bias, and the constant placement. */
export interface ConvLayer {
  kernel: tf.Variable;
  bias: tf.Variable;
  inChannels: number;
  outChannels: number;
  geometry: ConvGeometry;
  /** [inSide²·outSide², k·k]: 1 where tap t links input cell i to output cell o. */
  placement: tf.Tensor2D;
}

/** Output side of a 'same' strided convolution, as TensorFlow defines it. */
export const convOutputSide = (side: number, stride: number): number => Math.ceil(side / stride);

export function createConv(
  size: number,
  inChannels: number,
  outChannels: number,
  geometry: ConvGeometry,
  rng: Rng,
): ConvLayer {
  const fanIn = size * size * inChannels;
  const fanOut = size * size * outChannels;
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  // In a tidy scope: tf.variable keeps its own reference, so the initial tensors must go.
  const { kernel, bias } = tf.tidy(() => ({
    kernel: tf.variable(
      tf.randomUniform([size * size, inChannels * outChannels], -limit, limit, 'float32', rng.seed()),
    ),
    bias: tf.variable(tf.zeros([outChannels])),
  }));
  return {
    kernel,
    bias,
    inChannels,
    outChannels,
    geometry,
    placement: placementTensor(size, geometry),
  };
}

export const convVariables = (layer: ConvLayer): tf.Variable[] => [layer.kernel, layer.bias];

export function disposeConv(layer: ConvLayer): void {
  tf.dispose([layer.kernel, layer.bias, layer.placement]);
}

/** Applies the layer to flat images [batch, inSide²·in] → [batch, outSide²·out]. */
export function applyConv(x: tf.Tensor2D, layer: ConvLayer): tf.Tensor2D {
  const { inSide, outSide } = layer.geometry;
  const cellsIn = inSide * inSide;
  const cellsOut = outSide * outSide;
  const { inChannels: ci, outChannels: co } = layer;
  // [cells in · cells out, in · out] → the [cells in · in, cells out · out] matrix of the whole layer.
  const linked = tf.matMul(layer.placement, layer.kernel);
  const matrix = tf.reshape(tf.transpose(tf.reshape(linked, [cellsIn, cellsOut, ci, co]), [0, 2, 1, 3]), [
    cellsIn * ci,
    cellsOut * co,
  ]);
  const out = tf.reshape(tf.matMul(x, matrix), [-1, co]);
  return tf.reshape(tf.add(out, layer.bias), [x.shape[0], cellsOut * co]);
}

/**
 * The placement of a k×k kernel. Strided ('same' padding, TensorFlow's split with the extra cell at
 * the end): output o reads input s·o + t − padBefore. Transposed: zeros inserted between input cells
 * (cell i lands at s·i + offset), then a stride-1 'same' convolution; the offset follows TensorFlow's
 * padding, so this is exactly tf.conv2dTranspose with the kernel flipped (a test checks both).
 */
function placementTensor(size: number, g: ConvGeometry): tf.Tensor2D {
  if (size % 2 === 0) throw new Error('Kernels have an odd size.');
  const half = (size - 1) / 2;
  let links: (input: number, output: number, tap: number) => boolean;
  if (g.transposed) {
    if (convOutputSide(g.outSide, g.stride) !== g.inSide) {
      throw new Error(`A side of ${g.inSide} cannot be upsampled by ${g.stride} to ${g.outSide}.`);
    }
    const padBefore = Math.floor(Math.max((g.inSide - 1) * g.stride + size - g.outSide, 0) / 2);
    const offset = half - padBefore;
    links = (i, o, t) => o + t - half === g.stride * i + offset;
  } else {
    if (convOutputSide(g.inSide, g.stride) !== g.outSide) {
      throw new Error(
        `A stride of ${g.stride} takes a side of ${g.inSide} to ${convOutputSide(g.inSide, g.stride)}.`,
      );
    }
    const padBefore = Math.floor(Math.max((g.outSide - 1) * g.stride + size - g.inSide, 0) / 2);
    links = (i, o, t) => i === g.stride * o + t - padBefore;
  }
  const cellsIn = g.inSide * g.inSide;
  const cellsOut = g.outSide * g.outSide;
  const taps = size * size;
  const values = new Float32Array(cellsIn * cellsOut * taps);
  for (let iy = 0; iy < g.inSide; iy++) {
    for (let ix = 0; ix < g.inSide; ix++) {
      for (let oy = 0; oy < g.outSide; oy++) {
        for (let ox = 0; ox < g.outSide; ox++) {
          for (let ty = 0; ty < size; ty++) {
            if (!links(iy, oy, ty)) continue;
            for (let tx = 0; tx < size; tx++) {
              if (!links(ix, ox, tx)) continue;
              const pair = (iy * g.inSide + ix) * cellsOut + oy * g.outSide + ox;
              values[pair * taps + ty * size + tx] = 1;
            }
          }
        }
      }
    }
  }
  return tf.tensor2d(values, [cellsIn * cellsOut, taps]);
}

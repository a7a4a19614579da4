import * as tf from './tf';
import { dropoutMask } from './random';
import type { Rng } from '../rng';

/** A fully connected layer as two trainable variables. */
export interface DenseLayer {
  kernel: tf.Variable;
  bias: tf.Variable;
}

/** Layers of sizes[0] → sizes[1] → … → sizes[n], Glorot-uniform weights drawn from `rng`. */
export function createMlp(sizes: number[], rng: Rng): DenseLayer[] {
  const layers: DenseLayer[] = [];
  for (let i = 0; i + 1 < sizes.length; i++) {
    const fanIn = sizes[i]!;
    const fanOut = sizes[i + 1]!;
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    // tf.variable keeps its own reference to the data: the initial tensors would otherwise leak.
    const kernel = tf.randomUniform([fanIn, fanOut], -limit, limit, 'float32', rng.seed());
    const bias = tf.zeros([fanOut]);
    layers.push({ kernel: tf.variable(kernel), bias: tf.variable(bias) });
    tf.dispose([kernel, bias]);
  }
  return layers;
}

export function mlpVariables(layers: DenseLayer[]): tf.Variable[] {
  return layers.flatMap((l) => [l.kernel, l.bias]);
}

/** Leaky ReLU's slope below zero, here and in the hand-written passes (leakyMlp.ts). */
export const LEAKY_SLOPE = 0.2;

/**
 * Leaky ReLU as x ⊙ s(x), s = 1 above zero and 0.2 below (tf.step with alpha): two kernels, where
 * relu(x)·0.8 + x·0.2 took four, and autodiff's second-order gradient stays right (s's derivative is
 * zero wherever it exists), which a gradient penalty needs; tf.leakyRelu has none in tfjs (research
 * notes, section 1).
 */
export function leakyRelu(x: tf.Tensor): tf.Tensor {
  return tf.mul(x, tf.step(x, LEAKY_SLOPE));
}

export interface MlpCall {
  /** Dropout rate on hidden layers; applied only when `dropoutSeed` is given (training). */
  dropout: number;
  dropoutSeed?: number;
  /**
   * For per-example gradients (privacy/perExample.ts): `probes[i]` is added to layer i's output, and
   * each layer's input is pushed onto `inputs`.
   */
  trace?: { probes: readonly tf.Tensor[]; inputs: tf.Tensor2D[] };
}

/** Hidden layers use leaky ReLU and dropout; the last layer is linear. */
export function applyMlp(
  layers: readonly { kernel: tf.Tensor; bias: tf.Tensor }[],
  input: tf.Tensor2D,
  call: MlpCall,
): tf.Tensor2D {
  let x: tf.Tensor2D = input;
  layers.forEach((layer, i) => {
    call.trace?.inputs.push(x);
    x = tf.add(tf.matMul(x, layer.kernel), layer.bias);
    if (call.trace) x = tf.add(x, call.trace.probes[i]!);
    if (i === layers.length - 1) return;
    x = leakyRelu(x) as tf.Tensor2D;
    if (call.dropoutSeed !== undefined && call.dropout > 0) {
      x = tf.mul(x, dropoutMask(x.shape, call.dropout, call.dropoutSeed + i)) as tf.Tensor2D;
    }
  });
  return x;
}

export function disposeMlp(layers: DenseLayer[]): void {
  for (const v of mlpVariables(layers)) v.dispose();
}

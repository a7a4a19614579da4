import * as tf from './tf';
import { LEAKY_SLOPE, type DenseLayer } from './mlp';
import { stackedDropoutMasks } from './random';

/*
 * Hand-written passes through an MLP of mlp.ts's kind (hidden layers: dense → leaky ReLU 0.2 →
 * dropout; a linear output layer), for where tfjs's autodiff costs more than the arithmetic: a
 * gradient penalty differentiates the critic's gradient, and tfjs's generic second-order pass had
 * been more than half of a CTGAN step's kernels.
 *
 * Leaky ReLU is a·s(a) with s = 1 above zero and 0.2 below, and dropout multiplies by a constant mask
 * m, so a hidden layer's output is its pre-activation times S = s(a) ⊙ m, and S is also the output's
 * derivative. S is piecewise constant: its own derivative is zero wherever it exists, which is why a
 * gradient of a gradient is a few matrix products here (critic.ts).
 */

/** A forward pass, kept for the backward one. */
export interface MlpTrace {
  /** Each layer's input: the MLP's input, then each hidden layer's output. */
  inputs: tf.Tensor2D[];
  /** S per hidden layer: the slope of its leaky ReLU times its dropout mask, elementwise. */
  slopes: tf.Tensor2D[];
  /** The last layer's output. */
  output: tf.Tensor2D;
}

/** x·W + b as one kernel. */
export function dense(x: tf.Tensor2D, layer: DenseLayer): tf.Tensor2D {
  return tf.fused.matMul({ a: x, b: layer.kernel, bias: layer.bias }) as tf.Tensor2D;
}

/**
 * The dropout multipliers of each hidden layer for rows made of blocks of `rows` rows, block k drawn
 * from seeds[k] + layer (the seeds applyMlp gives a layer), or null without dropout.
 */
export function dropoutMasks(
  layers: readonly DenseLayer[],
  rows: number,
  rate: number,
  seeds: number[] | null,
): (tf.Tensor2D | null)[] {
  return layers.slice(0, -1).map((layer, i) => {
    if (!seeds || rate === 0) return null;
    const width = layer.kernel.shape[1]!;
    const shifted = seeds.map((seed) => seed + i);
    return stackedDropoutMasks([rows, width], rate, shifted) as tf.Tensor2D;
  });
}

/**
 * The forward pass from the first layer's pre-activation (x·W₁ + b₁), which a caller may have
 * formed without the product (critic.ts's mixed rows).
 */
export function traceFrom(
  layers: readonly DenseLayer[],
  input: tf.Tensor2D,
  firstPreActivation: tf.Tensor2D,
  masks: readonly (tf.Tensor2D | null)[],
): MlpTrace {
  const inputs = [input];
  const slopes: tf.Tensor2D[] = [];
  let pre = firstPreActivation;
  for (let i = 0; i + 1 < layers.length; i++) {
    if (i > 0) pre = dense(inputs[i]!, layers[i]!);
    const slope = tf.step(pre, LEAKY_SLOPE) as tf.Tensor2D;
    const mask = masks[i];
    const scaled = mask ? (tf.mul(slope, mask) as tf.Tensor2D) : slope;
    slopes.push(scaled);
    inputs.push(tf.mul(pre, scaled) as tf.Tensor2D);
  }
  const output = layers.length > 1 ? dense(inputs.at(-1)!, layers.at(-1)!) : firstPreActivation;
  return { inputs, slopes, output };
}

export function traceMlp(
  layers: readonly DenseLayer[],
  input: tf.Tensor2D,
  masks: readonly (tf.Tensor2D | null)[],
): MlpTrace {
  return traceFrom(layers, input, dense(input, layers[0]!), masks);
}

/**
 * Backpropagation's deltas: ∂loss/∂(each layer's pre-activation), given ∂loss/∂output and the hidden
 * slopes; the last is `dOutput` itself. A layer's kernel gradient is then inputᵀ·delta and its bias
 * gradient delta's column sums. With dOutput all ones they are ∂output/∂(pre-activation) per row.
 */
export function deltas(
  layers: readonly DenseLayer[],
  slopes: readonly tf.Tensor2D[],
  dOutput: tf.Tensor2D,
): tf.Tensor2D[] {
  const out = [dOutput];
  for (let i = slopes.length - 1; i >= 0; i--) {
    const back = tf.matMul(out[0]!, layers[i + 1]!.kernel, false, true);
    out.unshift(tf.mul(back, slopes[i]!) as tf.Tensor2D);
  }
  return out;
}

/** ∂loss/∂input from the first layer's delta. */
export function inputGradient(layers: readonly DenseLayer[], firstDelta: tf.Tensor2D): tf.Tensor2D {
  return tf.matMul(firstDelta, layers[0]!.kernel, false, true);
}

/** Σ_k leftₖᵀ·rightₖ as one product of the blocks stacked by rows (one kernel, not one per term). */
export function sumOfProducts(terms: readonly [tf.Tensor2D, tf.Tensor2D][]): tf.Tensor2D {
  if (terms.length === 1) return tf.matMul(terms[0]![0], terms[0]![1], true, false);
  const left = tf.concat(
    terms.map((t) => t[0]),
    0,
  );
  const right = tf.concat(
    terms.map((t) => t[1]),
    0,
  );
  return tf.matMul(left, right, true, false);
}

/** A layer's bias gradient: the column sums of its delta. */
export function columnSums(delta: tf.Tensor2D): tf.Tensor1D {
  return tf.sum(delta, 0);
}

/** Rows [start, start + count) of every tensor in a trace (blocks of rows judged in one pass). */
export function traceRows(trace: MlpTrace, start: number, count: number): MlpTrace {
  const rows = (t: tf.Tensor2D) => tf.slice(t, [start, 0], [count, -1]);
  return {
    inputs: trace.inputs.map(rows),
    slopes: trace.slopes.map(rows),
    output: rows(trace.output),
  };
}

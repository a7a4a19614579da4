import * as tf from '../nn/tf';
import { applyMlp, type DenseLayer, type MlpCall } from '../nn/mlp';

/*
 * Per-example gradients of an MLP (nn/mlp.ts) without computing a gradient per example. For a dense
 * layer z = a·W + b, example i's gradient is a_i g_iᵀ for W and g_i for b, where a_i is the layer's
 * input row and g_i = ∂loss_i/∂z_i its output gradient. So ‖∂loss_i/∂W‖ = ‖a_i‖·‖g_i‖ and the whole
 * example's squared norm is Σ_layers (‖a_i‖²‖g_i‖² + ‖g_i‖²) (Goodfellow, 2015, "Efficient per-example
 * gradient computations"). One forward pass records every a; one backward pass to a zero "probe" added
 * to every z gives every g (the probe's gradient is ∂(Σ loss)/∂z, and row i of it is example i's alone,
 * as long as rows do not mix: dropout is per row, and there is no batch norm in these networks). A
 * clipped sum is then one matrix product per layer, Σ_i c_i a_i g_iᵀ = Aᵀ·(c ⊙ G).
 */

/** Each layer's input rows (A) and the gradient of the summed loss at its output (G), one row per example. */
export interface MlpTrace {
  inputs: tf.Tensor2D[];
  outputGradients: tf.Tensor2D[];
  /** Each example's loss. */
  losses: tf.Tensor1D;
}

/**
 * Runs the MLP on `rows` (one example each) and records what per-example gradients need. `exampleLoss`
 * turns the MLP's outputs into one loss per row. The caller disposes the trace (`disposeTrace`).
 */
export function traceMlp(
  layers: readonly DenseLayer[],
  rows: tf.Tensor2D,
  exampleLoss: (outputs: tf.Tensor2D) => tf.Tensor1D,
  call: MlpCall,
): MlpTrace {
  const count = rows.shape[0];
  const inputs: tf.Tensor2D[] = [];
  let losses: tf.Tensor1D | null = null;
  const probes = layers.map((layer) => tf.zeros([count, layer.bias.shape[0]!]) as tf.Tensor2D);
  const outputGradients = tf.grads((...given: tf.Tensor[]) => {
    inputs.length = 0;
    const outputs = applyMlp(layers, rows, { ...call, trace: { probes: given, inputs } });
    // Kept past the gradient's scope: the caller needs them after it. The first is `rows` itself.
    inputs.slice(1).forEach((input) => tf.keep(input));
    losses = tf.keep(exampleLoss(outputs));
    return tf.sum(losses);
  })(probes) as tf.Tensor2D[];
  tf.dispose(probes);
  return { inputs, outputGradients, losses: losses! };
}

/** Disposes what traceMlp made (not the rows it was given, the first input). */
export function disposeTrace(trace: MlpTrace): void {
  tf.dispose([...trace.inputs.slice(1), ...trace.outputGradients, trace.losses]);
}

/** Each example's gradient norm over every kernel and bias, from the trace alone. */
export function exampleGradientNorms(trace: MlpTrace): tf.Tensor1D {
  return tf.tidy(() => {
    const squared = trace.inputs.map((input, l) => {
      const gradient = tf.sum(tf.square(trace.outputGradients[l]!), 1);
      const activation = tf.sum(tf.square(input), 1);
      // ‖a‖²‖g‖² for the kernel, ‖g‖² for the bias.
      return tf.mul(gradient, tf.add(activation, 1));
    });
    return tf.sqrt(tf.addN(squared)) as tf.Tensor1D;
  });
}

/** Σ_i weights_i · (example i's gradient), as [kernel, bias] per layer (mlpVariables' order). */
export function weightedGradientSum(trace: MlpTrace, weights: tf.Tensor1D): tf.Tensor[] {
  return tf.tidy(() =>
    trace.inputs.flatMap((input, l) => {
      const weighted = tf.mul(trace.outputGradients[l]!, tf.expandDims(weights, 1)) as tf.Tensor2D;
      return [tf.matMul(input, weighted, true, false), tf.sum(weighted, 0)];
    }),
  );
}

import * as tf from './tf';

/**
 * The logistic (binary cross-entropy) loss of logits that all carry one label, 1 for real rows and 0
 * for generated ones: mean softplus(−x) or mean softplus(x). The same value and gradient as
 * tf.losses.sigmoidCrossEntropy with a tensor of ones or zeros, in three kernels instead of about a
 * dozen (a discriminator's loss pair, forward and backward at batch 500: 0.5 → 0.15 ms on wasm).
 */
export function logisticLoss(logits: tf.Tensor, label: 0 | 1): tf.Scalar {
  return tf.mean(tf.softplus(label === 1 ? tf.neg(logits) : logits));
}

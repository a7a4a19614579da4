import * as tf from '../../nn/tf';

/**
 * The gradient penalty of WGAN-GP (Gulrajani et al., 2017): the mean squared distance from 1 of the
 * critic's gradient norm, taken at random points between real and generated rows. Minimising it
 * differentiates a gradient, so the critic may use only ops whose second-order gradients tfjs gets
 * right: relu-based LeakyReLU, no tanh, sigmoid or tf.leakyRelu (research notes, section 1). Its
 * convolutions are matrix products (conv.ts), whose second-order gradients are matrix products again;
 * tf.conv2d's would need Conv2DBackpropInput's gradient, which tfjs has, but tf.conv2d cannot train on
 * wasm at all. A test checks the penalty's gradient against finite differences (and fails with tanh).
 */
export function gradientPenalty(
  critic: (rows: tf.Tensor2D) => tf.Tensor2D,
  real: tf.Tensor2D,
  fake: tf.Tensor2D,
  seed: number,
): tf.Scalar {
  const mix = tf.randomUniform([real.shape[0], 1], 0, 1, 'float32', seed);
  const between = tf.add(tf.mul(mix, real), tf.mul(tf.sub(1, mix), fake)) as tf.Tensor2D;
  const gradient = tf.grad((x) => tf.sum(critic(x as tf.Tensor2D)))(between);
  // The epsilon keeps the norm's own gradient finite at a zero gradient.
  const norms = tf.sqrt(tf.add(tf.sum(tf.square(gradient), 1), 1e-12));
  return tf.mean(tf.square(tf.sub(norms, 1))) as tf.Scalar;
}

import * as tf from './tf';
import { beforeAll, expect, it } from 'vitest';
import { useNodeBackend } from '../worker/nodeBackends';
import { logisticLoss } from './logisticLoss';

beforeAll(async () => {
  await useNodeBackend('wasm');
});

it.each([0, 1] as const)('equals sigmoid cross-entropy with every label %i, value and gradient', (label) => {
  // Ordinary logits and extreme ones, where a naive log(sigmoid) would overflow.
  const logits = tf.tensor2d([[-150], [-20], [-1.5], [0], [0.3], [4], [25], [150]]);
  const labels = label === 1 ? tf.onesLike(logits) : tf.zerosLike(logits);
  const reference = (x: tf.Tensor) => tf.losses.sigmoidCrossEntropy(labels, x) as tf.Scalar;
  const ours = (x: tf.Tensor) => logisticLoss(x, label);
  expect(ours(logits).dataSync()[0]).toBeCloseTo(reference(logits).dataSync()[0]!, 5);
  const gradient = (f: (x: tf.Tensor) => tf.Scalar) => Array.from(tf.grad(f)(logits).dataSync());
  const expected = gradient(reference);
  gradient(ours).forEach((g, i) => expect(g).toBeCloseTo(expected[i]!, 6));
  tf.dispose([logits, labels]);
});

import * as tf from '../../nn/tf';
import { fromGrid, toGrid, type SpanGrid } from './spanGrid';

/**
 * CTGAN's condition loss: the cross-entropy between each discrete column's generated logits and the
 * category the vector asked for, summed over columns (the vector is zero outside the asked column) and
 * averaged over rows, with its gradient to the raw outputs, (softmax − asked)/n on the asked column's
 * span (softmax times the span's share of the vector, which is 1 there and 0 elsewhere).
 */
export function conditionLoss(
  raw: tf.Tensor2D,
  vectors: tf.Tensor2D,
  outputGrid: SpanGrid,
  vectorGrid: SpanGrid,
): { value: tf.Scalar; dRaw: tf.Tensor2D } {
  if (outputGrid.spans === 0) return { value: tf.scalar(0), dRaw: tf.zerosLike(raw) };
  const rows = raw.shape[0];
  const logProbabilities = tf.logSoftmax(toGrid(raw, outputGrid));
  const asked = toGrid(vectors, vectorGrid, 0);
  const value = tf.div(tf.neg(tf.sum(tf.mul(logProbabilities, asked))), rows) as tf.Scalar;
  const spanShare = tf.sum(asked, 2, true);
  const dGrid = tf.div(tf.sub(tf.mul(tf.exp(logProbabilities), spanShare), asked), rows) as tf.Tensor3D;
  return { value, dRaw: fromGrid(dGrid, outputGrid) };
}

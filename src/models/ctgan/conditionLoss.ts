import * as tf from '../../nn/tf';
import { columnSpans, spanSoftmax, spanSoftmaxGrad, type ColumnSpans } from '../../nn/spanSoftmax';
import type { ConditionLayout } from './conditions';

/**
 * CTGAN's condition loss: the cross-entropy between each discrete column's generated logits and the
 * category the vector asked for, summed over columns (the vector is zero outside the asked column) and
 * averaged over rows, with its gradient to the raw outputs, (softmax − asked)/n on the asked column's
 * span and 0 elsewhere: log-softmax's gradient of −asked/n.
 */
export class ConditionLoss {
  /** The discrete columns' spans in the generator's output. */
  private readonly spans: ColumnSpans;
  /** For each output column, the vector column that asks for it, and 1 where there is one. */
  private readonly askingColumn: Int32Array;
  private readonly asked: Float32Array;

  constructor(layout: ConditionLayout, outputWidth: number) {
    this.spans = columnSpans(
      layout.columns.map((c) => ({ offset: c.featureOffset, width: c.width })),
      outputWidth,
    );
    this.askingColumn = new Int32Array(outputWidth);
    this.asked = new Float32Array(outputWidth);
    for (const c of layout.columns) {
      for (let j = 0; j < c.width; j++) {
        this.askingColumn[c.featureOffset + j] = c.vectorOffset + j;
        this.asked[c.featureOffset + j] = 1;
      }
    }
  }

  apply(raw: tf.Tensor2D, vectors: tf.Tensor2D): { value: tf.Scalar; dRaw: tf.Tensor2D } {
    if (this.spans.offsets.length === 0) return { value: tf.scalar(0), dRaw: tf.zerosLike(raw) };
    const rows = raw.shape[0];
    const logProbabilities = spanSoftmax(raw, this.spans, true);
    // The vector in the output's layout.
    const asked = tf.mul(tf.gather(vectors, this.askingColumn, 1), this.asked) as tf.Tensor2D;
    const value = tf.div(tf.neg(tf.sum(tf.mul(logProbabilities, asked))), rows) as tf.Scalar;
    const dRaw = spanSoftmaxGrad(logProbabilities, tf.div(asked, -rows), this.spans, true);
    return { value, dRaw };
  }
}

import * as tf from './tf';
import type { OutputSpan } from '../encoding/encoder';

/**
 * The same activation as activateSpans (activation.ts), computed over the whole row with a handful
 * of kernels instead of a slice, softmax and concat per span: for a table of many columns that was
 * dozens of small kernels forward and again backward, every step.
 *
 * Softmax is invariant to shifting a span's logits, so each span is centred on its own mean (a
 * matrix product with a constant block-diagonal matrix) and then the row is shifted by its largest
 * centred logit, which keeps exp from overflowing. exp times the block-diagonal matrix of ones gives
 * each softmax column its span's sum; constant masks pick softmax, linear or tanh per
 * column. The result equals the per-span softmax to float precision unless one span's logits spread
 * over ~87 (that span is one-hot to float precision long before), when other spans of the row
 * underflow to zeros. The model owns the constants and disposes them with itself.
 */
export class SpanActivation {
  /** [width, width]: ones inside each softmax span's block, zeros elsewhere. */
  private readonly blocks: tf.Tensor2D;
  /** The same blocks divided by the span's width: x·means is each softmax column's span mean. */
  private readonly means: tf.Tensor2D;
  /** Added to the sums: 1 outside softmax spans (no 0 / 0 there), a tiny floor inside. */
  private readonly floor: tf.Tensor1D;
  private readonly softmax: tf.Tensor1D;
  private readonly linear: tf.Tensor1D;
  private readonly tanh: tf.Tensor1D | null;

  constructor(spans: OutputSpan[], width: number) {
    const blocks = new Float32Array(width * width);
    const means = new Float32Array(width * width);
    const isSoftmax = new Float32Array(width);
    const isLinear = new Float32Array(width);
    const isTanh = new Float32Array(width);
    for (const span of spans) {
      if (span.kind === 'scalar') {
        (span.bounded ? isTanh : isLinear)[span.offset] = 1;
        continue;
      }
      for (let i = span.offset; i < span.offset + span.width; i++) {
        isSoftmax[i] = 1;
        blocks.fill(1, i * width + span.offset, i * width + span.offset + span.width);
        means.fill(1 / span.width, i * width + span.offset, i * width + span.offset + span.width);
      }
    }
    // Kept: a model may be built inside someone's tidy.
    this.blocks = tf.keep(tf.tensor2d(blocks, [width, width]));
    this.means = tf.keep(tf.tensor2d(means, [width, width]));
    // 1e-30 changes no sum of a live span; it turns a span that underflowed entirely (its logits ~90
    // below the row's maximum) into zeros rather than NaN.
    this.floor = tf.keep(tf.tensor1d(isSoftmax.map((v) => (v ? 1e-30 : 1))));
    this.softmax = tf.keep(tf.tensor1d(isSoftmax));
    this.linear = tf.keep(tf.tensor1d(isLinear));
    this.tanh = isTanh.some((v) => v) ? tf.keep(tf.tensor1d(isTanh)) : null;
  }

  apply(raw: tf.Tensor2D): tf.Tensor2D {
    return this.activate(raw) as tf.Tensor2D;
  }

  /**
   * Forward as described above; backward by the softmax's Jacobian, soft ⊙ (dy − Σ_span dy ⊙ soft),
   * from the saved output alone. Centring and shifting move every logit of a span together, which
   * a softmax ignores, so they add nothing to the gradient. Letting autodiff walk the forward pass
   * instead cost a second exp, a log and a second matrix product each way (~3 ms a CTGAN-sized step).
   */
  private readonly activate = tf.customGrad((x, save) => {
    const raw = x as tf.Tensor2D;
    // Zero outside softmax spans, so linear columns neither set the shift nor overflow exp.
    const centred = tf.mul(tf.sub(raw, tf.matMul(raw, this.means)), this.softmax);
    const exp = tf.exp(tf.sub(centred, tf.max(centred, 1, true)));
    // Masked: outside softmax spans exp is 1 and the sum is the floor's 1.
    const soft = tf.mul(tf.div(exp, tf.add(tf.matMul(exp, this.blocks), this.floor)), this.softmax);
    const squashed = this.tanh && tf.tanh(raw);
    const out = tf.add(soft, tf.mul(raw, this.linear));
    (save as tf.GradSaveFunc)(squashed ? [soft, squashed] : [soft]);
    return {
      value: squashed ? tf.add(out, tf.mul(squashed, this.tanh!)) : out,
      gradFunc: (dy, [savedSoft, savedSquashed]) => {
        const spanSums = tf.matMul(tf.mul(dy, savedSoft!), this.blocks);
        const dx = tf.add(tf.mul(savedSoft!, tf.sub(dy, spanSums)), tf.mul(dy, this.linear));
        if (!savedSquashed) return dx;
        // tanh' = 1 − tanh².
        const slope = tf.mul(tf.sub(1, tf.square(savedSquashed)), this.tanh!);
        return tf.add(dx, tf.mul(dy, slope));
      },
    };
  });

  dispose(): void {
    tf.dispose([this.blocks, this.means, this.floor, this.softmax, this.linear]);
    this.tanh?.dispose();
  }
}

import * as tf from './tf';
import type { OutputSpan } from '../encoding/encoder';
import { gumbelNoise } from './random';

/** A Gumbel-softmax draw on the softmax spans: temperature and the noise's seed. */
export interface GumbelDraw {
  tau: number;
  seed: number;
}

/**
 * The same activation as activateSpans (activation.ts), computed over the whole row with a handful
 * of kernels instead of a slice, softmax and concat per span: for a table of many columns that was
 * dozens of small kernels forward and again backward, every step.
 *
 * Softmax is invariant to shifting a span's logits, so each span is shifted by its own largest logit:
 * a gather lays the row out as [spans × widest span] (a narrower span repeats its first column, which
 * leaves its maximum alone), a max over the last axis gives each span's, and a product with a constant
 * [spans × width] indicator spreads it back over the span's columns. Each span then has an exp of 1 and
 * the rest at most 1: nothing overflows, and no span's sum underflows, however far apart the spans'
 * logits lie. (Shifting the whole row by its largest logit, as this once did, turned every other span
 * to zeros once one span's logits rose ~87 above them; with zero output and zero gradient those spans
 * never recovered, and the CGAN collapsed onto each column's first level.) exp times the
 * block-diagonal matrix of ones gives each softmax column its span's sum; constant masks pick softmax,
 * linear or tanh per column. The model owns the constants and disposes them with itself.
 */
export class SpanActivation {
  /** [width, width]: ones inside each softmax span's block, zeros elsewhere. */
  private readonly blocks: tf.Tensor2D;
  /** For each cell of the [spans × widest] layout, the column it reads. */
  private readonly cells: tf.Tensor1D | null;
  /** [spans, width]: row s has ones at span s's columns. */
  private readonly spread: tf.Tensor2D | null;
  private readonly spanCount: number;
  private readonly widest: number;
  /** Added to the sums: 1 outside softmax spans (no 0 / 0 there), 0 inside (a sum there is ≥ 1). */
  private readonly floor: tf.Tensor1D;
  private readonly softmax: tf.Tensor1D;
  private readonly linear: tf.Tensor1D;
  private readonly tanh: tf.Tensor1D | null;

  constructor(spans: OutputSpan[], width: number) {
    const softmaxSpans = spans.flatMap((s) => (s.kind === 'softmax' ? [s] : []));
    this.spanCount = softmaxSpans.length;
    this.widest = Math.max(1, ...softmaxSpans.map((s) => s.width));
    const blocks = new Float32Array(width * width);
    const cells = new Int32Array(this.spanCount * this.widest);
    const spread = new Float32Array(this.spanCount * width);
    const isSoftmax = new Float32Array(width);
    const isLinear = new Float32Array(width);
    const isTanh = new Float32Array(width);
    for (const span of spans) {
      if (span.kind === 'scalar') (span.bounded ? isTanh : isLinear)[span.offset] = 1;
    }
    softmaxSpans.forEach((span, s) => {
      for (let j = 0; j < this.widest; j++)
        cells[s * this.widest + j] = span.offset + (j < span.width ? j : 0);
      for (let i = span.offset; i < span.offset + span.width; i++) {
        isSoftmax[i] = 1;
        spread[s * width + i] = 1;
        blocks.fill(1, i * width + span.offset, i * width + span.offset + span.width);
      }
    });
    // Kept: a model may be built inside someone's tidy.
    this.blocks = tf.keep(tf.tensor2d(blocks, [width, width]));
    this.cells = this.spanCount > 0 ? tf.keep(tf.tensor1d(cells, 'int32')) : null;
    this.spread = this.spanCount > 0 ? tf.keep(tf.tensor2d(spread, [this.spanCount, width])) : null;
    this.floor = tf.keep(tf.tensor1d(isSoftmax.map((v) => (v ? 0 : 1))));
    this.softmax = tf.keep(tf.tensor1d(isSoftmax));
    this.linear = tf.keep(tf.tensor1d(isLinear));
    this.tanh = isTanh.some((v) => v) ? tf.keep(tf.tensor1d(isTanh)) : null;
  }

  /**
   * The activation; with `gumbel`, each softmax span is a Gumbel-softmax sample, softmax((raw + g) / τ)
   * (Jang et al., 2017, as CTGAN does): nearly one-hot, like real rows, and its largest entry falls on
   * each level with the plain softmax's probability, so decoding by argmax draws levels instead of
   * always writing the likeliest.
   */
  apply(raw: tf.Tensor2D, gumbel?: GumbelDraw): tf.Tensor2D {
    if (!gumbel) return this.activate(raw) as tf.Tensor2D;
    const noisy = tf.div(tf.add(raw, gumbelNoise(raw.shape, gumbel.seed)), gumbel.tau);
    // Only the softmax spans take the noise and the temperature; scalars stay as they are.
    return this.activate(tf.add(raw, tf.mul(tf.sub(noisy, raw), this.softmax))) as tf.Tensor2D;
  }

  /** Each softmax column's span maximum (0 outside softmax spans). */
  private spanMaxima(raw: tf.Tensor2D): tf.Tensor2D {
    if (!this.cells || !this.spread) return tf.zerosLike(raw);
    const laidOut = tf.reshape(tf.gather(raw, this.cells, 1), [-1, this.spanCount, this.widest]);
    return tf.matMul(tf.max(laidOut, 2) as tf.Tensor2D, this.spread);
  }

  /**
   * Forward as described above; backward by the softmax's Jacobian, soft ⊙ (dy − Σ_span dy ⊙ soft),
   * from the saved output alone. The shift moves every logit of a span together, which a softmax
   * ignores, so it adds nothing to the gradient. Letting autodiff walk the forward pass instead cost a
   * second exp, a log and a second matrix product each way (~3 ms a CTGAN-sized step).
   */
  private readonly activate = tf.customGrad((x, save) => {
    const raw = x as tf.Tensor2D;
    // Zero outside softmax spans, so linear columns cannot overflow exp.
    const shifted = tf.mul(tf.sub(raw, this.spanMaxima(raw)), this.softmax);
    const exp = tf.exp(shifted);
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
    tf.dispose([this.blocks, this.floor, this.softmax, this.linear]);
    this.cells?.dispose();
    this.spread?.dispose();
    this.tanh?.dispose();
  }
}

import * as tf from '../../nn/tf';
import type { OutputSpan } from '../../encoding/encoder';
import { createBatchNorm, type BatchNorm } from '../../nn/batchNorm';
import { createMlp, type DenseLayer } from '../../nn/mlp';
import { columnSums, dense } from '../../nn/leakyMlp';
import { columnSpans, spanSoftmax, spanSoftmaxGrad, type ColumnSpans } from '../../nn/spanSoftmax';
import { gumbelNoise } from '../../nn/random';
import type { Rng } from '../../rng';

/** Linear → BatchNorm → ReLU, whose output is concatenated with its input (CTGAN's `Residual`). */
interface ResidualBlock {
  dense: DenseLayer;
  norm: BatchNorm;
}

/** A batch's moments, kept past the step's tidy scope, to fold into the moving averages afterwards. */
export interface RecordedMoments {
  norm: BatchNorm;
  mean: tf.Tensor1D;
  variance: tf.Tensor1D;
}

/** What a block's backward pass needs from its training pass. */
interface BlockTrace {
  input: tf.Tensor2D;
  /** (h − mean) / sd, h being the dense layer's output. */
  normalised: tf.Tensor2D;
  /** 1 / sd per unit. */
  inverseSd: tf.Tensor1D;
  output: tf.Tensor2D;
}

/** A training pass, kept for the hand-written backward one (`gradients`). */
export interface GeneratorTrace {
  blocks: BlockTrace[];
  /** The output layer's input: each block's output, the last first, then the generator's input. */
  last: tf.Tensor2D;
  raw: tf.Tensor2D;
}

/** PyTorch's BatchNorm1d defaults, which CTGAN uses. */
const MOMENTUM = 0.1;
const EPSILON = 1e-5;

/**
 * CTGAN's generator: noise ‖ conditions → residual blocks → Linear. Training normalises each block by
 * the batch's moments; generating uses their moving averages, so a generated row does not depend on
 * which other rows share its batch (and a request for one row works).
 *
 * Training's backward pass is written by hand (`gradients`), as the critic's is: it is the
 * generator's part of CTGAN's step, and tfjs's autodiff spent a kernel per saved tensor and computed
 * gradients for the generator's own input, which nothing needs.
 */
export class ResidualGenerator {
  private readonly blocks: ResidualBlock[] = [];
  private readonly output: DenseLayer;

  constructor(
    private readonly inputWidth: number,
    sizes: number[],
    outputWidth: number,
    rng: Rng,
  ) {
    let width = inputWidth;
    for (const size of sizes) {
      this.blocks.push({
        dense: createMlp([width, size], rng)[0]!,
        norm: createBatchNorm(size),
      });
      width += size;
    }
    this.output = createMlp([width, outputWidth], rng)[0]!;
  }

  /** Raw outputs (before activation) with the moving averages' normalisation: generating. */
  forward(input: tf.Tensor2D): tf.Tensor2D {
    let x = input;
    for (const { dense: layer, norm } of this.blocks) {
      const h = dense(x, layer);
      const normalised = tf.div(tf.sub(h, norm.movingMean), tf.sqrt(tf.add(norm.movingVariance, EPSILON)));
      const out = tf.relu(tf.add(tf.mul(normalised, norm.gamma), norm.beta));
      x = tf.concat([out, x], 1) as tf.Tensor2D;
    }
    return dense(x, this.output);
  }

  /**
   * A training pass: each block normalised by the batch's moments, which are appended to `record`
   * when given (to fold into the moving averages after the step).
   */
  trace(input: tf.Tensor2D, record?: RecordedMoments[]): GeneratorTrace {
    const blocks: BlockTrace[] = [];
    let x = input;
    for (const { dense: layer, norm } of this.blocks) {
      const h = dense(x, layer);
      // Not a product with a row of 1/n: on wasm XNNPACK repacks its right operand for every product
      // (~10 ns an element), which made each such mean cost four times a reduction.
      const mean = tf.mean(h, 0) as tf.Tensor1D;
      const centred = tf.sub(h, mean);
      const variance = tf.mean(tf.square(centred), 0) as tf.Tensor1D;
      record?.push({ norm, mean: tf.keep(mean), variance: tf.keep(variance) });
      const inverseSd = tf.rsqrt(tf.add(variance, EPSILON)) as tf.Tensor1D;
      const normalised = tf.mul(centred, inverseSd) as tf.Tensor2D;
      const output = tf.relu(tf.add(tf.mul(normalised, norm.gamma), norm.beta)) as tf.Tensor2D;
      blocks.push({ input: x, normalised, inverseSd, output });
      x = tf.concat([output, x], 1) as tf.Tensor2D;
    }
    return { blocks, last: x, raw: dense(x, this.output) };
  }

  /**
   * The gradient of each trained variable from ∂loss/∂raw, for an optimizer's applyGradients. Only
   * the blocks' outputs get input gradients (the generator's input is noise and conditions). Batch
   * norm's backward pass is the usual closed form, ∂h = γ/(n·sd) ⊙ (n·∂z − Σ∂z − x̂ ⊙ Σ(∂z ⊙ x̂)), z
   * being the normalised and scaled units; the dense bias under it gets no gradient (batch norm
   * subtracts it again), so it is left out and never moves.
   */
  gradients(trace: GeneratorTrace, dRaw: tf.Tensor2D): { name: string; tensor: tf.Tensor }[] {
    const rows = dRaw.shape[0];
    const gradients = [
      { name: this.output.kernel.name, tensor: tf.matMul(trace.last, dRaw, true, false) },
      { name: this.output.bias.name, tensor: columnSums(dRaw) },
    ];
    // ∂loss/∂(the blocks' outputs), side by side as in `last`.
    let dHidden = tf.matMul(dRaw, this.hiddenRows(this.output.kernel), false, true) as tf.Tensor2D;
    for (let j = this.blocks.length - 1; j >= 0; j--) {
      const { dense: layer, norm } = this.blocks[j]!;
      const { input, normalised, inverseSd, output } = trace.blocks[j]!;
      const size = output.shape[1];
      const dOutput = j === 0 ? dHidden : (tf.slice(dHidden, [0, 0], [-1, size]) as tf.Tensor2D);
      const dz = tf.mul(dOutput, tf.step(output)) as tf.Tensor2D;
      const dGamma = columnSums(tf.mul(dz, normalised) as tf.Tensor2D);
      const dBeta = columnSums(dz);
      const scale = tf.div(tf.mul(norm.gamma, inverseSd), rows);
      const centred = tf.sub(tf.sub(tf.mul(dz, rows), dBeta), tf.mul(normalised, dGamma));
      const dh = tf.mul(centred, scale) as tf.Tensor2D;
      gradients.push(
        { name: layer.kernel.name, tensor: tf.matMul(input, dh, true, false) },
        { name: norm.gamma.name, tensor: dGamma },
        { name: norm.beta.name, tensor: dBeta },
      );
      if (j > 0) {
        const rest = tf.slice(dHidden, [0, size], [-1, -1]);
        dHidden = tf.add(rest, tf.matMul(dh, this.hiddenRows(layer.kernel), false, true)) as tf.Tensor2D;
      }
    }
    return gradients;
  }

  /** Folds recorded batch moments into the moving averages (as PyTorch does, variance unbiased). */
  updateMovingMoments(record: RecordedMoments[], batchSize: number): void {
    const unbias = batchSize > 1 ? batchSize / (batchSize - 1) : 1;
    tf.tidy(() => {
      for (const { norm, mean, variance } of record) {
        norm.movingMean.assign(tf.add(tf.mul(norm.movingMean, 1 - MOMENTUM), tf.mul(mean, MOMENTUM)));
        norm.movingVariance.assign(
          tf.add(tf.mul(norm.movingVariance, 1 - MOMENTUM), tf.mul(variance, MOMENTUM * unbias)),
        );
      }
    });
    tf.dispose(record.flatMap((m) => [m.mean, m.variance]));
    record.length = 0;
  }

  /** The trainable variables (moving averages are not trained). */
  variables(): tf.Variable[] {
    return [
      ...this.blocks.flatMap(({ dense, norm }) => [dense.kernel, dense.bias, norm.gamma, norm.beta]),
      this.output.kernel,
      this.output.bias,
    ];
  }

  dispose(): void {
    tf.dispose([
      ...this.variables(),
      ...this.blocks.flatMap(({ norm }) => [norm.movingMean, norm.movingVariance]),
    ]);
  }

  /** A kernel's rows that multiply the blocks' outputs (its last rows multiply the input). */
  private hiddenRows(kernel: tf.Variable): tf.Tensor2D {
    const hidden = kernel.shape[0]! - this.inputWidth;
    return tf.slice(kernel, [0, 0], [hidden, -1]) as tf.Tensor2D;
  }
}

/**
 * CTGAN's output activation: tanh on bounded scalars (mode-specific values), linear on z-scores, and a
 * Gumbel-softmax of temperature `tau` on every one-hot span (categories, modes, missing flags), so
 * generated one-hots are nearly discrete, like real ones, yet differentiable.
 */
export class OutputActivation {
  private readonly spans: ColumnSpans;
  /** The bounded scalars' columns, and a [bounded × columns] matrix that puts values back there. */
  private readonly bounded: Int32Array;
  private readonly placeBounded: Float32Array;
  private readonly linear: Float32Array;

  constructor(spans: OutputSpan[], columns: number) {
    this.spans = columnSpans(
      spans.flatMap((s) => (s.kind === 'softmax' ? [s] : [])),
      columns,
    );
    this.bounded = Int32Array.from(
      spans.flatMap((s) => (s.kind === 'scalar' && s.bounded ? [s.offset] : [])),
    );
    this.placeBounded = new Float32Array(this.bounded.length * columns);
    this.bounded.forEach((column, k) => (this.placeBounded[k * columns + column] = 1));
    this.linear = new Float32Array(columns);
    for (const s of spans) if (s.kind === 'scalar' && !s.bounded) this.linear[s.offset] = 1;
  }

  apply(raw: tf.Tensor2D, tau: number, seed: number): tf.Tensor2D {
    return this.trace(raw, tau, seed).out;
  }

  /** The activation, with what its backward pass needs. tanh is taken on the bounded columns only. */
  trace(raw: tf.Tensor2D, tau: number, seed: number): ActivationTrace {
    const logits = tf.div(tf.add(raw, gumbelNoise(raw.shape, seed)), tau) as tf.Tensor2D;
    const soft = spanSoftmax(logits, this.spans);
    let out = tf.add(soft, tf.mul(raw, this.linear)) as tf.Tensor2D;
    let squashed: tf.Tensor2D | null = null;
    if (this.bounded.length > 0) {
      squashed = tf.tanh(tf.gather(raw, this.bounded, 1)) as tf.Tensor2D;
      out = tf.add(out, this.place(squashed)) as tf.Tensor2D;
    }
    return { out, soft, squashed };
  }

  /**
   * ∂loss/∂raw from ∂loss/∂out: on spans the softmax's Jacobian from its saved output, over τ;
   * tanh′ = 1 − tanh² on bounded scalars; 1 on linear ones.
   */
  backward(trace: ActivationTrace, dOut: tf.Tensor2D, tau: number): tf.Tensor2D {
    const dSpans = tf.div(spanSoftmaxGrad(trace.soft, dOut, this.spans), tau);
    const dRaw = tf.add(dSpans, tf.mul(dOut, this.linear)) as tf.Tensor2D;
    if (!trace.squashed) return dRaw;
    const dSquashed = tf.mul(tf.gather(dOut, this.bounded, 1), tf.sub(1, tf.square(trace.squashed)));
    return tf.add(dRaw, this.place(dSquashed as tf.Tensor2D)) as tf.Tensor2D;
  }

  /** Values of the bounded columns, in place among all columns (zeros elsewhere). */
  private place(values: tf.Tensor2D): tf.Tensor2D {
    const columns = this.linear.length;
    return tf.matMul(values, tf.tensor2d(this.placeBounded, [this.bounded.length, columns]));
  }
}

/** What OutputActivation's backward pass needs from its forward one. */
export interface ActivationTrace {
  out: tf.Tensor2D;
  /** The spans' softmax (zero outside spans). */
  soft: tf.Tensor2D;
  /** tanh of the bounded columns; null when there are none. */
  squashed: tf.Tensor2D | null;
}

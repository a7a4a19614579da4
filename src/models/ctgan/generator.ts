import * as tf from '../../nn/tf';
import type { OutputSpan } from '../../encoding/encoder';
import { createBatchNorm, type BatchNorm } from '../../nn/batchNorm';
import { createMlp, type DenseLayer } from '../../nn/mlp';
import { fromGrid, spanGrid, toGrid, type SpanGrid } from './spanGrid';
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

/** PyTorch's BatchNorm1d defaults, which CTGAN uses. */
const MOMENTUM = 0.1;
const EPSILON = 1e-5;

/**
 * CTGAN's generator: noise ‖ conditions → residual blocks → Linear. Training normalises each block by
 * the batch's moments; generating uses their moving averages, so a generated row does not depend on
 * which other rows share its batch (and a request for one row works).
 */
export class ResidualGenerator {
  private readonly blocks: ResidualBlock[] = [];
  private readonly output: DenseLayer;

  constructor(inputWidth: number, sizes: number[], outputWidth: number, rng: Rng) {
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

  /**
   * Raw outputs (before activation). Training normalises by the batch's moments and, given `record`,
   * appends them there; otherwise the moving averages are used.
   */
  forward(input: tf.Tensor2D, training: boolean, record?: RecordedMoments[]): tf.Tensor2D {
    let x = input;
    for (const { dense, norm } of this.blocks) {
      const h = tf.add(tf.matMul(x, dense.kernel), dense.bias) as tf.Tensor2D;
      let mean: tf.Tensor = norm.movingMean;
      let variance: tf.Tensor = norm.movingVariance;
      if (training) {
        // Column means as a product with a row of 1/n: far faster than a mean over axis 0 on wasm.
        const average = tf.fill([1, h.shape[0]], 1 / h.shape[0]);
        mean = tf.reshape(tf.matMul(average, h), [-1]);
        variance = tf.reshape(tf.matMul(average, tf.square(tf.sub(h, mean))), [-1]);
        record?.push({
          norm,
          mean: tf.keep(mean as tf.Tensor1D),
          variance: tf.keep(variance as tf.Tensor1D),
        });
      }
      const normalised = tf.div(tf.sub(h, mean), tf.sqrt(tf.add(variance, EPSILON)));
      const out = tf.relu(tf.add(tf.mul(normalised, norm.gamma), norm.beta));
      x = tf.concat([out, x], 1) as tf.Tensor2D;
    }
    return tf.add(tf.matMul(x, this.output.kernel), this.output.bias) as tf.Tensor2D;
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

  /** The trainable variables and the moving averages: everything that decides a generated row. */
  state(): tf.Variable[] {
    return [
      ...this.variables(),
      ...this.blocks.flatMap(({ norm }) => [norm.movingMean, norm.movingVariance]),
    ];
  }

  dispose(): void {
    tf.dispose(this.state());
  }
}

/**
 * CTGAN's output activation: tanh on bounded scalars (mode-specific values), linear on z-scores, and a
 * Gumbel-softmax of temperature `tau` on every one-hot span (categories, modes, missing flags), so
 * generated one-hots are nearly discrete, like real ones, yet differentiable.
 */
export class OutputActivation {
  private readonly grid: SpanGrid;
  private readonly bounded: Float32Array;
  private readonly linear: Float32Array;

  constructor(spans: OutputSpan[], columns: number) {
    this.grid = spanGrid(
      spans.flatMap((s) => (s.kind === 'softmax' ? [s] : [])),
      columns,
    );
    this.bounded = new Float32Array(columns);
    this.linear = new Float32Array(columns);
    for (const s of spans) if (s.kind === 'scalar') (s.bounded ? this.bounded : this.linear)[s.offset] = 1;
  }

  apply(raw: tf.Tensor2D, tau: number, seed: number): tf.Tensor2D {
    const gumbel = gumbelNoise(raw.shape, seed);
    const logits = tf.div(tf.add(raw, gumbel), tau) as tf.Tensor2D;
    const soft =
      this.grid.spans > 0 ? fromGrid(tf.softmax(toGrid(logits, this.grid)), this.grid) : tf.zerosLike(raw);
    const scalars = tf.add(tf.mul(tf.tanh(raw), this.bounded), tf.mul(raw, this.linear));
    return tf.add(soft, scalars) as tf.Tensor2D;
  }
}

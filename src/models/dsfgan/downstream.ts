import * as tf from '../../nn/tf';
import type { EncodedRows } from '../../encoding/encoder';
import { applyMlp, createMlp, disposeMlp, mlpVariables, type DenseLayer } from '../../nn/mlp';
import { adam } from '../../nn/optimizer';
import { createRng, permutation, type Rng } from '../../rng';
import type { DownstreamKind } from './description';
import type { ModelState } from '../model';

/**
 * DSF-GAN's downstream model, written in tfjs so that its loss on generated rows is differentiable in
 * those rows: it predicts the target (the CGAN's condition vector) from the encoded features. It is fitted
 * on the real training rows only, then held fixed while the generator trains against it.
 * classification: the condition is a one-hot class, the loss softmax cross-entropy.
 * regression: the condition is the standardised target, the loss the mean squared error.
 */
export type DownstreamTask = 'classification' | 'regression';

/** The real rows a downstream model learns from, already on the device. */
export interface DownstreamData {
  features: tf.Tensor2D;
  targets: tf.Tensor2D;
}

const HIDDEN = 32;
const FIT = { steps: 120, batchSize: 512, learningRate: 0.03, l2: 1e-4 } as const;
/** More real rows than this add little to a small model and cost device memory: a seeded sample is kept. */
export const MAX_DOWNSTREAM_ROWS = 20_000;

export class DownstreamModel {
  private layers: DenseLayer[];
  private optimizer: tf.AdamOptimizer;
  private readonly sizes: number[];

  constructor(
    featureWidth: number,
    targetWidth: number,
    private readonly task: DownstreamTask,
    kind: DownstreamKind,
    rng: Rng,
  ) {
    this.sizes = kind === 'mlp' ? [featureWidth, HIDDEN, targetWidth] : [featureWidth, targetWidth];
    this.layers = createMlp(this.sizes, rng);
    this.optimizer = adam(FIT.learningRate);
  }

  /**
   * Fits afresh: new weights and moments, then minibatch Adam on rows drawn with replacement from `data`
   * (a bootstrap sample, so each refit sees the real rows a little differently).
   */
  fit(data: DownstreamData, rng: Rng): void {
    disposeMlp(this.layers);
    this.optimizer.dispose();
    this.layers = createMlp(this.sizes, rng);
    this.optimizer = adam(FIT.learningRate);
    const rows = data.features.shape[0];
    const variables = mlpVariables(this.layers);
    for (let i = 0; i < FIT.steps; i++) {
      const indices = Int32Array.from({ length: Math.min(FIT.batchSize, rows) }, () => rng.int(rows));
      tf.tidy(() => {
        const at = tf.tensor1d(indices, 'int32');
        const features = tf.gather(data.features, at) as tf.Tensor2D;
        const targets = tf.gather(data.targets, at) as tf.Tensor2D;
        this.optimizer.minimize(
          () => tf.add(this.loss(features, targets), tf.mul(FIT.l2, this.weightNorm())) as tf.Scalar,
          false,
          variables,
        );
      });
    }
  }

  /** Mean loss of predicting `targets` from `features` (generated rows: soft one-hots are fine). */
  loss(features: tf.Tensor2D, targets: tf.Tensor2D): tf.Scalar {
    const output = applyMlp(this.layers, features, { dropout: 0 });
    return this.task === 'classification'
      ? (tf.losses.softmaxCrossEntropy(targets, output) as tf.Scalar)
      : (tf.losses.meanSquaredError(targets, output) as tf.Scalar);
  }

  /** Its output for `features` (class logits, or the standardised target); the caller disposes it. */
  predict(features: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => applyMlp(this.layers, features, { dropout: 0 }));
  }

  state(): ModelState {
    return { variables: mlpVariables(this.layers), optimizers: [this.optimizer] };
  }

  dispose(): void {
    disposeMlp(this.layers);
    this.optimizer.dispose();
  }

  private weightNorm(): tf.Scalar {
    return tf.addN(this.layers.map((l) => tf.sum(tf.square(l.kernel)))) as tf.Scalar;
  }
}

/** Uploads the real training rows for the downstream model, a seeded sample of them when there are many. */
export function downstreamData(rows: EncodedRows, seed: number): DownstreamData {
  const { count } = rows;
  const featureWidth = count > 0 ? rows.features.length / count : 0;
  const targetWidth = count > 0 ? rows.conditions.length / count : 0;
  const keep =
    count > MAX_DOWNSTREAM_ROWS ? permutation(count, createRng(seed)).subarray(0, MAX_DOWNSTREAM_ROWS) : null;
  const upload = (source: Float32Array, width: number) => {
    if (!keep) return tf.tensor2d(source, [count, width]);
    const out = new Float32Array(keep.length * width);
    keep.forEach((row, i) => out.set(source.subarray(row * width, (row + 1) * width), i * width));
    return tf.tensor2d(out, [keep.length, width]);
  };
  return { features: upload(rows.features, featureWidth), targets: upload(rows.conditions, targetWidth) };
}

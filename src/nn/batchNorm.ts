import * as tf from './tf';

/**
 * Batch normalisation over every axis but the last (channels, or units of a dense layer). Training
 * uses the batch's own statistics; generating uses moving averages of them, so a generated row does
 * not depend on which other rows share its batch.
 */
export interface BatchNorm {
  gamma: tf.Variable;
  beta: tf.Variable;
  movingMean: tf.Variable;
  movingVariance: tf.Variable;
}

/** Moving averages follow the batch statistics with this weight on the past (Keras uses 0.99; short runs need faster). */
const MOMENTUM = 0.9;
const EPSILON = 1e-5;

export function createBatchNorm(channels: number): BatchNorm {
  // In a tidy scope: tf.variable keeps its own reference, so the initial tensors must go.
  return tf.tidy(() => ({
    gamma: tf.variable(tf.ones([channels])),
    beta: tf.variable(tf.zeros([channels])),
    movingMean: tf.variable(tf.zeros([channels]), false),
    movingVariance: tf.variable(tf.ones([channels]), false),
  }));
}

export const batchNormVariables = (bn: BatchNorm): tf.Variable[] => [bn.gamma, bn.beta];

/** The moving averages: not trained, but kept (and checkpointed) with the weights. */
export const movingAverages = (bn: BatchNorm): tf.Variable[] => [bn.movingMean, bn.movingVariance];

export const disposeBatchNorm = (bn: BatchNorm): void =>
  tf.dispose([bn.gamma, bn.beta, bn.movingMean, bn.movingVariance]);

/** A batch's statistics, taken in training mode, to fold into the moving averages after the step. */
export interface BatchMoments {
  bn: BatchNorm;
  mean: tf.Tensor1D;
  variance: tf.Tensor1D;
}

/** How a forward pass normalises: training uses the batch's moments, and may record them. */
export interface Training {
  /** Where to append the batch moments (kept out of tidy scopes) for `updateMovingMoments`. */
  record?: BatchMoments[];
}

/** Normalises `x`: with `training`, by the batch's moments; without, by the moving averages. */
export function applyBatchNorm<T extends tf.Tensor>(x: T, bn: BatchNorm, training?: Training): T {
  const axes = x.shape.slice(0, -1).map((_, i) => i);
  let mean: tf.Tensor = bn.movingMean;
  let variance: tf.Tensor = bn.movingVariance;
  if (training) {
    ({ mean, variance } = tf.moments(x, axes));
    training.record?.push({
      bn,
      mean: tf.keep(mean as tf.Tensor1D),
      variance: tf.keep(variance as tf.Tensor1D),
    });
  }
  const normalised = tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, EPSILON)));
  return tf.add(tf.mul(normalised, bn.gamma), bn.beta) as T;
}

/** Folds recorded batch moments into the moving averages and frees them. */
export function updateMovingMoments(record: BatchMoments[]): void {
  tf.tidy(() => {
    for (const { bn, mean, variance } of record) {
      bn.movingMean.assign(tf.add(tf.mul(bn.movingMean, MOMENTUM), tf.mul(mean, 1 - MOMENTUM)));
      bn.movingVariance.assign(tf.add(tf.mul(bn.movingVariance, MOMENTUM), tf.mul(variance, 1 - MOMENTUM)));
    }
  });
  tf.dispose(record.flatMap((m) => [m.mean, m.variance]));
  record.length = 0;
}

import * as tf from '../../tf';

/**
 * table-GAN's information loss (Park et al., 2018, section 4.3): the discriminator's penultimate
 * features of real and generated rows should agree in mean and standard deviation, but only up to the
 * privacy thresholds δ_mean and δ_sd:
 *
 *   L_info = max(0, ‖Δmean‖₂ − δ_mean) + max(0, ‖Δsd‖₂ − δ_sd)
 *
 * Larger thresholds let the generator stop short of the real statistics: a looser copy, more privacy,
 * less fidelity. The statistics are moving averages (weight 0.99 on the past) over steps, as in the
 * paper's code, so a small batch does not make the thresholds meaningless.
 */
export interface PrivacyThresholds {
  deltaMean: number;
  deltaSd: number;
}

const DECAY = 0.99;
const EPSILON = 1e-8;

/** The hinge on the two distances; zero while both stay inside their thresholds. */
export function informationLoss(
  meanDistance: tf.Scalar,
  sdDistance: tf.Scalar,
  thresholds: PrivacyThresholds,
): tf.Scalar {
  return tf.add(
    tf.relu(tf.sub(meanDistance, thresholds.deltaMean)),
    tf.relu(tf.sub(sdDistance, thresholds.deltaSd)),
  ) as tf.Scalar;
}

/** Mean and standard deviation of each feature over the batch. */
export function featureMoments(features: tf.Tensor2D): { mean: tf.Tensor1D; sd: tf.Tensor1D } {
  const { mean, variance } = tf.moments(features, 0);
  return { mean: mean as tf.Tensor1D, sd: tf.sqrt(tf.add(variance, EPSILON)) as tf.Tensor1D };
}

/** Moving averages of the mean and sd of the discriminator's features, for real or for generated rows. */
export class MovingMoments {
  private mean: tf.Variable | null = null;
  private sd: tf.Variable | null = null;

  /**
   * The averages after folding in this batch, for use inside a loss. Their value is the moving
   * average; their gradient is that of this batch's moments. (The paper's code differentiates the
   * average itself, which passes on only 1 − 0.99 = 1% of the gradient and leaves the term ~100×
   * weaker than the adversarial loss; the batch moments are the unbiased estimate of the same gradient.)
   */
  blend(batch: { mean: tf.Tensor1D; sd: tf.Tensor1D }): { mean: tf.Tensor1D; sd: tf.Tensor1D } {
    return {
      mean: this.blendOne(this.mean, batch.mean),
      sd: this.blendOne(this.sd, batch.sd),
    };
  }

  /** Stores blended averages (their values only) for the next step. */
  commit(blended: { mean: tf.Tensor1D; sd: tf.Tensor1D }): void {
    if (!this.mean || !this.sd) {
      this.mean = tf.variable(blended.mean, false);
      this.sd = tf.variable(blended.sd, false);
      return;
    }
    this.mean.assign(blended.mean);
    this.sd.assign(blended.sd);
  }

  /** The current averages, or null before the first step. */
  current(): { mean: tf.Tensor1D; sd: tf.Tensor1D } | null {
    return this.mean && this.sd ? { mean: this.mean as tf.Tensor1D, sd: this.sd as tf.Tensor1D } : null;
  }

  dispose(): void {
    tf.dispose([this.mean, this.sd].filter((v): v is tf.Variable => v !== null));
    this.mean = null;
    this.sd = null;
  }

  private blendOne(average: tf.Variable | null, batch: tf.Tensor1D): tf.Tensor1D {
    // The first batch starts the average, so early steps are not pulled toward zero.
    if (!average) return batch;
    const value = tf.add(tf.mul(average, DECAY), tf.mul(stopGradient(batch), 1 - DECAY));
    return tf.add(stopGradient(value), tf.sub(batch, stopGradient(batch))) as tf.Tensor1D;
  }
}

const zeroGradient = tf.customGrad((x) => ({
  value: tf.clone(x as tf.Tensor),
  gradFunc: (dy) => tf.zerosLike(dy),
}));

/** The identity with a zero gradient (tfjs has no stop_gradient op). */
export function stopGradient<T extends tf.Tensor>(x: T): T {
  return zeroGradient(x) as T;
}

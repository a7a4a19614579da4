import type { PrivacyThresholds } from './description';
import * as tf from '../../nn/tf';

/*
 * table-GAN's information loss, as the authors' code computes it (github.com/mahmoodm2/tableGAN,
 * model.py): per feature of the discriminator's penultimate layer (flattened, after its activation),
 * the batch mean and variance, each folded into a moving average (0.99 on the past, started at zero)
 * for real and for generated rows; then
 *
 *   L_info = max(0, Σ_i (|Δmean_i| − δ_mean)) + max(0, Σ_i (|Δvar_i| − δ_sd))
 *
 * so a hinge acts while the average gap per feature exceeds its δ. The paper writes the same loss with
 * L2 norms of the mean and sd gaps and δ on the norm; its experiments ran this code, with δ = 0 (low
 * privacy), 0.1 and 0.2 (high privacy), so δ here means what it meant there. The paper's name δ_sd
 * is kept for the second threshold, which the code applies to the variance.
 */

export interface FeatureMoments {
  mean: tf.Tensor1D;
  variance: tf.Tensor1D;
}

const DECAY = 0.99;

/** The two hinges; zero while the average gap per feature stays inside each threshold. */
export function informationLoss(
  real: FeatureMoments,
  fake: FeatureMoments,
  thresholds: PrivacyThresholds,
): tf.Scalar {
  const hinge = (a: tf.Tensor1D, b: tf.Tensor1D, delta: number) =>
    tf.relu(tf.sum(tf.sub(tf.abs(tf.sub(a, b)), delta)));
  return tf.add(
    hinge(real.mean, fake.mean, thresholds.deltaMean),
    hinge(real.variance, fake.variance, thresholds.deltaSd),
  ) as tf.Scalar;
}

/** The average absolute gap per feature, of the means and of the variances: what each δ compares to. */
export function averageGaps(real: FeatureMoments, fake: FeatureMoments): tf.Tensor1D {
  const gap = (a: tf.Tensor1D, b: tf.Tensor1D) => tf.mean(tf.abs(tf.sub(a, b)));
  return tf.stack([gap(real.mean, fake.mean), gap(real.variance, fake.variance)]) as tf.Tensor1D;
}

/** Mean and (biased) variance of each feature over the batch. */
export function featureMoments(features: tf.Tensor2D): FeatureMoments {
  const { mean, variance } = tf.moments(features, 0);
  return { mean: mean as tf.Tensor1D, variance: variance as tf.Tensor1D };
}

/** Moving averages of the moments of the discriminator's features, for real or for generated rows. */
export class MovingMoments {
  /** Zero before the first step, as in the authors' code (blending with zero is what they do then). */
  private readonly average: { mean: tf.Variable; variance: tf.Variable };

  constructor(features: number) {
    this.average = tf.tidy(() => ({
      mean: tf.variable(tf.zeros([features]), false),
      variance: tf.variable(tf.zeros([features]), false),
    }));
  }

  /**
   * 0.99 · the stored average + 0.01 · this batch's moments, for use inside a loss. The stored average
   * is a constant there, as in the authors' code (it is fed back as a placeholder), so the loss gets
   * 1% of the batch moments' gradient. Before the first commit the average is zero, as there.
   */
  blend(batch: FeatureMoments): FeatureMoments {
    const fold = (past: tf.Variable, now: tf.Tensor1D) =>
      tf.add(tf.mul(past, DECAY), tf.mul(now, 1 - DECAY)) as tf.Tensor1D;
    return {
      mean: fold(this.average.mean, batch.mean),
      variance: fold(this.average.variance, batch.variance),
    };
  }

  /** Stores blended averages (their values only) for the next step. */
  commit(blended: FeatureMoments): void {
    this.average.mean.assign(blended.mean);
    this.average.variance.assign(blended.variance);
  }

  /** The current averages (zero before the first step). */
  current(): FeatureMoments {
    return { mean: this.average.mean as tf.Tensor1D, variance: this.average.variance as tf.Tensor1D };
  }

  variables(): tf.Variable[] {
    return [this.average.mean, this.average.variance];
  }

  dispose(): void {
    tf.dispose(this.variables());
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

import * as tf from '../nn/tf';
import type { EncodedRows } from '../encoding/encoder';
import type { RowSampler } from '../models/model';
import type { Rng } from '../rng';
import { privacyLabel } from './disclosure';
import { spentCurve, type PrivacyPlan } from './plan';
import { ConditionPrior, PoissonRows } from './sampling';

/**
 * What a model keeps to train privately: the DP-SGD settings, its Poisson row sampler, and the prior
 * its generated rows' conditions come from. A model that supports privacy (CGAN, CTGAN-style) holds
 * one after `trainPrivately` and, with it:
 * - draws real rows by `rowSampler` (Poisson, as the accountant assumes);
 * - updates its discriminator by `privateUpdate` (dpsgd.ts): real rows clipped and noised, generated
 *   rows and any penalty on them (which read no real row) as they are;
 * - generates rows, in both players' updates, for `conditions` drawn from the prior, never for the
 *   sampled rows' own targets, so the generator's update reads nothing private but the discriminator.
 */
export class PrivateTraining {
  private prior: ConditionPrior | null = null;
  private stepsTaken = 0;
  private readonly spent: (steps: number) => number;

  constructor(
    readonly dp: PrivacyPlan,
    private readonly conditionWidth: number,
    /** Zeros per row for a conditional vector the model keeps empty under privacy (CTGAN's). */
    private readonly vectorWidth = 0,
  ) {
    this.spent = spentCurve(dp);
  }

  /**
   * Counts one private discriminator update, refusing one past the plan's steps: the budget is a promise
   * made before training, and the run stops there, so a step past it is a bug this guard makes loud.
   */
  spend(): void {
    if (this.stepsTaken >= this.dp.steps)
      throw new Error(`The privacy budget is spent: ${this.dp.steps} steps give ${privacyLabel(this.dp)}.`);
    this.stepsTaken++;
  }

  /** ε spent by the steps taken so far. */
  get epsilonSpent(): number {
    return this.spent(this.stepsTaken);
  }

  rowSampler(rows: EncodedRows): RowSampler {
    this.prior = new ConditionPrior(rows, this.conditionWidth);
    return new PoissonRows(rows.count, this.dp.samplingRate, this.vectorWidth);
  }

  /** How many rows the generator makes per step: the expected batch size, at least one. */
  get generatedRows(): number {
    return Math.max(1, Math.round(this.dp.expectedBatchSize));
  }

  /** Conditions for `size` generated rows. */
  conditions(size: number, rng: Rng): tf.Tensor2D {
    if (!this.prior) throw new Error('A private model draws conditions only once its rows are known.');
    return tf.tensor2d(this.prior.draw(size, rng), [size, this.conditionWidth]);
  }
}

/** A discriminator's per-row logistic loss on real rows (label 1): softplus(−x). */
export function realRowLosses(logits: tf.Tensor2D): tf.Tensor1D {
  return tf.reshape(tf.softplus(tf.neg(logits)), [-1]) as tf.Tensor1D;
}

/** On generated rows (label 0): softplus(x). */
export function generatedRowLosses(logits: tf.Tensor2D): tf.Tensor1D {
  return tf.reshape(tf.softplus(logits), [-1]) as tf.Tensor1D;
}

/** A Wasserstein critic's per-row loss on real rows: −score. */
export function realRowScores(scores: tf.Tensor2D): tf.Tensor1D {
  return tf.reshape(tf.neg(scores), [-1]) as tf.Tensor1D;
}

/** On generated rows: +score. */
export function generatedRowScores(scores: tf.Tensor2D): tf.Tensor1D {
  return tf.reshape(scores, [-1]) as tf.Tensor1D;
}

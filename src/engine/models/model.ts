import type * as tf from '../tf';
import type { OutputSpan } from '../encoder';
import type { Rng } from '../rng';

/** What every model sees of the table: widths of the encoded rows and how to activate each span. */
export interface TableShape {
  featureWidth: number;
  conditionWidth: number;
  spans: OutputSpan[];
}

/** One training batch, already on the device. */
export interface Batch {
  features: tf.Tensor2D;
  conditions: tf.Tensor2D;
}

/**
 * The contract between the training loop and a model. A model owns its variables and optimizers;
 * the loop owns data, batches and the step count. Losses come back as scalars still on the device,
 * aligned with `lossNames`, so the loop can read many steps back in one transfer.
 */
export interface GanModel {
  readonly lossNames: readonly string[];
  trainStep(batch: Batch, rng: Rng): tf.Scalar[];
  /** Activated generator outputs (inference mode) for the given conditions. */
  generate(conditions: tf.Tensor2D, rng: Rng): tf.Tensor2D;
  setLearningRates(rates: LearningRates): void;
  dispose(): void;
  /**
   * Scores rows with the discriminator or critic (inference mode: no dropout), higher meaning "more
   * real". Optional: the verdicts panel (src/worker/verdictLab.ts) works for every model that has it.
   */
  discriminate?(features: tf.Tensor2D, conditions: tf.Tensor2D): Discrimination;
}

/**
 * probability: P(real) in [0, 1], as a sigmoid discriminator gives. critic: an unbounded Wasserstein
 * critic score, which the verdicts turn into a rank among real rows' scores (see engine/verdicts.ts).
 */
export interface Discrimination {
  scale: 'probability' | 'critic';
  /** One score per row. */
  scores: tf.Tensor1D;
}

export interface LearningRates {
  generator: number;
  discriminator: number;
}

import type * as tf from '../nn/tf';
import type { EncodedRows, OutputSpan } from '../encoding/encoder';
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
  /** Only for a model with a row sampler: the vectors its rows were drawn by (`RowDraw.vectors`). */
  drawn?: tf.Tensor2D;
}

/**
 * Rows a model draws for itself, e.g. CTGAN's training-by-sampling: pick a condition, then real rows
 * that meet it. `vectors` (row-major, `width` per row) says which condition each row was drawn by.
 */
export interface RowDraw {
  rows: Int32Array;
  vectors: Float32Array;
  width: number;
}

export interface RowSampler {
  draw(size: number, rng: Rng): RowDraw;
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
   * real". Optional: the verdicts panel (src/eval/verdicts/verdictLab.ts) works for every model that has it.
   */
  discriminate?(features: tf.Tensor2D, conditions: tf.Tensor2D): Discrimination;
  /**
   * Optional: the model picks its training rows itself (with replacement, any batch size) instead of
   * visiting every row once per epoch in a shuffled order. Called once with the encoded table.
   */
  rowSampler?(rows: EncodedRows): RowSampler;
  /** Optional: the weight λ of a downstream-feedback term (DSF-GAN), applied from the next step. */
  setFeedbackWeight?(weight: number): void;
}

/**
 * probability: P(real) in [0, 1], as a sigmoid discriminator gives. critic: an unbounded Wasserstein
 * critic score, which the verdicts turn into a rank among real rows' scores (see eval/verdicts/verdicts.ts).
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

import type * as tf from '../nn/tf';
import type { TypedTable } from '../data/schema';
import type { TableCodec } from '../encoding/codec';
import type { EncodedRows, OutputSpan } from '../encoding/encoder';
import type { EncoderFit } from '../encoding/encoderCache';
import type { PrivacyPlan } from '../privacy/plan';
import type { Rng, RngState } from '../rng';
import type { CommonSettings, ModelDescription } from './plugin';

/** What every model sees of the table: widths of the encoded rows and how to activate each span. */
export interface TableShape {
  featureWidth: number;
  conditionWidth: number;
  spans: OutputSpan[];
}

/** One network of a GAN's step: the players a step updates one after the other. */
export type NetworkPart = 'discriminator' | 'generator';

/** One training batch, already on the device. */
export interface Batch {
  features: tf.Tensor2D;
  conditions: tf.Tensor2D;
  /** Only for a model with a row sampler: the vectors its rows were drawn by (`RowDraw.vectors`). */
  drawn?: tf.Tensor2D;
  /** Which of the model's `stages` this step trains in; 0 for a model without stages. */
  stage: number;
}

/**
 * One stage of a model that trains in stages (PPO-GAN: likelihood, then PPO). The trainer decides
 * from the step count which stage a step is in; the run, the session and the chart keep each step's
 * stage beside its values.
 */
export interface TrainingStage {
  name: string;
  /** The series (of `lossNames` and `metricNames`) its steps report; the others are NaN in its steps. */
  series: readonly string[];
  /** How long it lasts, in epochs; the last stage lasts to the end of the run. */
  epochs: number;
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
 * The contract between the run (src/train/run.ts) and a model: a trainable generator, a GAN or not.
 * A model owns its variables and optimizers; the run owns data, batches and the step count.
 *
 * Each step reports its series, losses first and then metrics (a weight in force, an accuracy), as
 * scalars still on the device, so the run can read many steps back in one transfer. The run, the charts,
 * the verdicts and the report ask the model what it has (a discriminator, a row sampler, live settings)
 * rather than assume one discriminator and one generator update.
 */
/**
 * An extra, differentiable term of the generator's loss on its soft rows, weighted by a number read at
 * every step (so a change applies at the next one). DSF-GAN's downstream feedback is one, taken by the CGAN
 * and the CTGAN-style generator alike. Its unweighted value is reported as a loss of its own, after the model's.
 */
export interface GeneratorTerm {
  readonly name: string;
  /** Loss of the generated (activated) rows given the conditions they were generated for. */
  loss(fake: tf.Tensor2D, conditions: tf.Tensor2D): tf.Scalar;
  weight(): number;
}

export interface TrainableModel {
  readonly lossNames: readonly string[];
  /** Series that are not losses, drawn on their own axis; after the losses in each step's values. */
  readonly metricNames?: readonly string[];
  /** One training step: one value per loss, then one per metric. */
  trainStep(batch: Batch, rng: Rng): tf.Scalar[];
  /**
   * Optional, for watching one player at a time: only the discriminator's (or critic's) update of a
   * step, or only the generator's, each as `trainStep` does it. One entry per series as `trainStep`
   * returns them, null for a series the part does not update (the generator's loss in a discriminator
   * step). A family with more networks says which side each trains on (table-GAN's classifier learns
   * from real rows beside the discriminator).
   */
  trainPart?(part: NetworkPart, batch: Batch, rng: Rng): (tf.Scalar | null)[];
  /** Activated generator outputs (inference mode) for the given conditions. */
  generate(conditions: tf.Tensor2D, rng: Rng): tf.Tensor2D;
  /**
   * Takes the settings its family marks live (learning rates, λ) from the next step on; the others were
   * fixed when the model was built. A model declares the part of its family's settings it reads.
   */
  configure(settings: object): void;
  /**
   * Everything it keeps between steps, for checkpoints (src/train/checkpoint.ts). A model built from
   * the same settings and table lists variables of the same shapes in the same order.
   */
  state(): ModelState;
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
  /**
   * Optional, for a family whose description declares `differentialPrivacy`: DP-SGD for the
   * discriminator under `plan` from the first step on (src/privacy/privateTraining.ts). Called before
   * the run asks for `rowSampler`; the model refuses a step past `plan.steps`.
   */
  trainPrivately?(plan: PrivacyPlan): void;
  /**
   * Optional: every variable that decides what the generator writes (weights, batch-norm averages), so
   * early stopping can keep the best generator's and put them back. Without it, a run stopped early
   * keeps its last generator.
   */
  generatorState?(): tf.Variable[];
  /**
   * Optional, DSF-GAN: its downstream model, so the watching screen can show what it decides on
   * generated rows and the λ its loss is weighted by.
   */
  readonly feedback?: FeedbackView;
  /** Optional, for a model that trains in stages (likelihood, then reinforcement): the stages in order. */
  readonly stages?: readonly TrainingStage[];
  /**
   * Optional: a line about the rows generated since the last call, shown beside them (PPO-GAN: how many
   * of the rows it wrote did not parse and were written again).
   */
  takeGenerationNote?(): string | null;
  /** Optional: a table about how the model sees the data (PPO-GAN: its vocabulary), for the page to show. */
  details?(): ModelDetails;
  /**
   * Optional: work of seconds the model does before its first step (the explorer grows its forest and
   * distils its surrogate), in pieces of at most a few hundred milliseconds: each `next()` does one and
   * says where the work stands, so the run lets messages (Pause, a setting) in between. Always the same
   * iterator; the model finishes whatever is left itself if it is used before the run is done with it.
   */
  preparation?(): Iterator<Preparing, void>;
}

/** A downstream model a generator learns from (DSF-GAN), as the page's views ask it. */
export interface FeedbackView {
  task: 'classification' | 'regression';
  /** λ in force: the weight of its loss in the generator's. */
  lambda(): number;
  /** Its output for encoded feature rows (inference): class logits, or the standardised target. */
  predict(features: tf.Tensor2D): tf.Tensor2D;
}

/** Where a model's preparation stands, e.g. "Growing the forest: tree 12 of 30" and 0.3 of the whole. */
export interface Preparing {
  label: string;
  fraction: number;
}

/** A table a model shows about itself, as text. */
export interface ModelDetails {
  title: string;
  /** One or two sentences above the table. */
  caption: string;
  columns: string[];
  rows: string[][];
}

/** What a checkpoint saves and restores of a model. */
export interface ModelState {
  /** Every variable that changes as it trains: weights, batch-norm and other moving averages. */
  variables: tf.Variable[];
  /** Its optimizers (their step counts and moments), in a fixed order. */
  optimizers: tf.AdamOptimizer[];
  /**
   * Plain data it keeps beside its tensors (a step counter, a random stream's place), with how to put
   * it back: a checkpoint stores `saved` and hands it to `restore` in the rebuilt model.
   */
  host?: { saved: HostState; restore(saved: HostState): void };
}

/** A model's plain (non-tensor) state: numbers and random streams' places, cloneable as they are. */
export type HostState = Readonly<Record<string, number | RngState>>;

/**
 * probability: P(real) in [0, 1], as a sigmoid discriminator gives. critic: an unbounded Wasserstein
 * critic score, which the verdicts turn into a rank among real rows' scores (see eval/verdicts/verdicts.ts).
 */
export interface Discrimination {
  scale: 'probability' | 'critic';
  /** One score per row. */
  scores: tf.Tensor1D;
}

/** A model family as the engine sees it: its description, plus how to encode a table for it and build it. */
export interface ModelPlugin<S extends CommonSettings = CommonSettings, C extends TableCodec = TableCodec>
  extends ModelDescription<S> {
  /**
   * The encoding the model needs, fitted to its training rows. `fit` fits the tabular encoder (a cache
   * in front of it, so a fit made while the user chooses is reused); `rng` is the model's own stream,
   * which `create` continues with.
   */
  encode(settings: S, training: TypedTable, rng: Rng, fit: EncoderFit): C;
  create(codec: C, settings: S, training: TypedTable, rng: Rng): TrainableModel;
}

/** A description and its engine half, typed together. */
export function definePlugin<S extends CommonSettings, C extends TableCodec>(
  description: ModelDescription<S>,
  engine: Pick<ModelPlugin<S, C>, 'encode' | 'create'>,
): ModelPlugin<S, C> {
  return { ...description, ...engine };
}

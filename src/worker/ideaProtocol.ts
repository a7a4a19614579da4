/**
 * The training worker's typed contract for "each model shows its idea": what sets a model family apart,
 * drawn from the same fixed batch and snapshots as the live views. Types only; `EngineApi` extends
 * `IdeaApi`.
 */
import type { Cell, Result } from '../data/table';
import type { SnapshotInfo } from './verdictProtocol';

/**
 * image: table-GAN's rows as d×d images. modes: CTGAN's mode-specific normalisation of each number.
 * downstream: DSF-GAN's downstream model and what it decides on generated rows.
 */
export type IdeaKind = 'image' | 'modes' | 'downstream';

/** One row as table-GAN sees it: its d·d cells (row by row, each in [−1, 1]) and the row they decode to. */
export interface RowImage {
  values: Float32Array;
  cells: Cell[];
}

export interface ImageIdea {
  kind: 'image';
  snapshot: SnapshotInfo;
  side: number;
  /** What each of the side² cells holds, row by row: a column's value, its missing flag, or padding. */
  cells: { label: string; role: 'value' | 'target' | 'missing' | 'padding' }[];
  /** Header of `RowImage.cells`. */
  columns: string[];
  /** A few training rows (the same ones at every snapshot) and the fixed batch's first rows. */
  real: RowImage[];
  generated: RowImage[];
}

/** One Gaussian mode of a number column's mixture, with the share of real and generated values in it. */
export interface ModeView {
  weight: number;
  /** Where the mode sits and how wide, on the axis (logarithms for a `log` column). */
  mean: number;
  std: number;
  realShare: number;
  generatedShare: number;
  /** Its weighted density at `ModeColumn.curvePoints` points evenly over the axis, as a share per bin. */
  curve: number[];
}

export interface ModeColumn {
  name: string;
  /** The modes were fitted to the logarithms of the values (a long right tail): so is the axis. */
  log: boolean;
  /** The axis: the real values' span (on the fitted scale), cut into `real.length` bins. */
  x0: number;
  x1: number;
  /** Share of the present values in each bin: the training rows, and the fixed batch. */
  real: number[];
  generated: number[];
  modes: ModeView[];
  curvePoints: number;
}

export interface ModesIdea {
  kind: 'modes';
  snapshot: SnapshotInfo;
  /** Every number column the encoder gave mode-specific normalisation, in table order. */
  columns: ModeColumn[];
}

/** One class of the target: the fixed batch's rows asked for it, and what the downstream model answers. */
export interface DownstreamClass {
  level: string;
  /** Generated rows asked for this class, and how many of them the downstream model gives it. */
  asked: number;
  agreed: number;
  /** The same on real training rows (a sample): how well the downstream model knows the class at all. */
  realRows: number;
  realAgreed: number;
}

export interface DownstreamIdea {
  kind: 'downstream';
  snapshot: SnapshotInfo;
  /** λ in force: the weight of the downstream model's loss in the generator's. */
  lambda: number;
  target: string;
  task: 'classification' | 'regression';
  /** Per class (classification; empty for a regression). */
  classes: DownstreamClass[];
  /**
   * Regression: the root mean squared error of the prediction against the value asked for, in the
   * target's standard deviations, on generated and on real rows. Null for a classification.
   */
  error: { generated: number; real: number } | null;
}

export type ModelIdea = ImageIdea | ModesIdea | DownstreamIdea;

export interface IdeaApi {
  /** The ideas the current run's model can show, in the order of its tabs; empty without a run. */
  ideaKinds(): Promise<IdeaKind[]>;
  /**
   * The idea `kind` at the latest snapshot, or null when it is the one the page has (`knownSnapshotId`)
   * or there is none yet; fails when there is no model or it has no such idea.
   */
  modelIdea(kind: IdeaKind, knownSnapshotId: number | null): Promise<Result<ModelIdea | null>>;
}

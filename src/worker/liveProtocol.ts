/**
 * The training worker's typed contract for the live views: what the generator writes, column by column,
 * on the fixed batch the verdict snapshots score. Types only; `EngineApi` extends `LiveApi`.
 */
import type { Cell, Result } from '../data/table';
import type { ScoreScale, SnapshotInfo } from './verdictProtocol';

/** One column, real against generated, over shared bins (a number's range cut evenly, or its levels). */
export interface ColumnView {
  name: string;
  kind: 'numeric' | 'categorical';
  /** What each bin holds: a range of numbers ("31.2 to 35.6") or a level. */
  bins: string[];
  /** Rows of each bin: the real training rows, and the generated rows of the fixed batch. */
  real: number[];
  generated: number[];
  /** Rows without a value in this column, in no bin. */
  missing: { real: number; generated: number };
  /** KSComplement for numbers, TVComplement for categories (as the report's column shapes); 1 is a match. */
  metric: 'KSComplement' | 'TVComplement';
  /** Null when it cannot be computed (no values to compare). */
  score: number | null;
}

/** A few rows as colour strips: each cell a number's place in its real range in [0, 1], or a level's index. */
export interface FingerprintRow {
  values: (number | null)[];
  cells: Cell[];
}

export interface Fingerprints {
  columns: { name: string; kind: 'numeric' | 'categorical'; levels: number }[];
  /** Sorted by the target, so rows asked for the same class sit together on both sides. */
  real: FingerprintRow[];
  generated: FingerprintRow[];
}

/** The live views of one snapshot of the fixed batch. */
export interface LiveView {
  snapshot: SnapshotInfo;
  columns: ColumnView[];
  fingerprints: Fingerprints;
  realRows: number;
  generatedRows: number;
}

/**
 * The discriminator's view on a map: a projection fitted once on the real rows (fixed axes), real rows
 * and the fixed batch's first rows on it, and the discriminator's score over the plane, each lattice
 * point decoded back to a row through the projection's inverse and scored at the snapshot.
 */
export interface DiscriminatorMap {
  snapshot: SnapshotInfo;
  /** probability: the discriminator's; critic: the share of real rows the critic scores lower. */
  scale: ScoreScale;
  /** Share of the real rows' variance along each axis. */
  explained: number[];
  extent: { x0: number; x1: number; y0: number; y1: number };
  /** The lattice is gridSize × gridSize, its scores row by row from the top (y1) down. */
  gridSize: number;
  gridScores: Float32Array;
  /** x then y per point; the generated rows are the same ones at every snapshot. */
  real: Float32Array;
  realScores: Float32Array;
  generated: Float32Array;
  generatedScores: Float32Array;
}

/** A bar of a column view: `column` indexes `LiveView.columns`, `bin` its bins. */
export interface BarRowsRequest {
  /** The snapshot whose generated rows the page shows; the latest is used when it is gone. */
  snapshotId: number;
  column: number;
  bin: number;
}

/** The rows behind one bar: a few real training rows and generated rows of the fixed batch that fall in it. */
export interface BarRows {
  snapshot: SnapshotInfo;
  column: string;
  bin: string;
  /** Header of the rows: every generated column, in table order. */
  columns: string[];
  real: Cell[][];
  generated: Cell[][];
  /** How many rows fall in the bin in all: `real` and `generated` hold at most BAR_ROWS of them. */
  realTotal: number;
  generatedTotal: number;
}

/** One point of a snapshot's map: the index-th real row or generated row drawn on it. */
export interface MapPoint {
  snapshotId: number;
  kind: 'real' | 'generated';
  index: number;
}

/** A map point's row, in the table's output columns, and the discriminator's score of it. */
export interface MapRow extends MapPoint {
  step: number;
  columns: string[];
  cells: Cell[];
  score: number;
}

export interface LiveApi {
  /**
   * The live views of the latest snapshot, or null when it is the one the page has (`knownSnapshotId`)
   * or there is none yet; fails when there is no model, or the model has no fixed batch to show.
   */
  liveView(knownSnapshotId: number | null): Promise<Result<LiveView | null>>;
  /** The discriminator's map of the latest snapshot, or null as for `liveView`. */
  discriminatorMap(knownSnapshotId: number | null): Promise<Result<DiscriminatorMap | null>>;
  /** The rows behind one bar of a column view (a seeded sample of the real ones); fails on a bad bar. */
  barRows(request: BarRowsRequest): Promise<Result<BarRows>>;
  /** The row behind one point of a map (hover, click): fails when its snapshot is gone. */
  mapRow(point: MapPoint): Promise<Result<MapRow>>;
}

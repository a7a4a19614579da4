/**
 * The training worker's typed contract for discriminator verdicts. Types only; `EngineApi` extends
 * `VerdictApi`. Scores are P(real) in [0, 1] (for a Wasserstein critic: the rank among real rows'
 * scores, see src/eval/verdicts/verdicts.ts), so one threshold works for every model.
 */
import type { Cell, Result } from '../data/table';

export type ScoreScale = 'probability' | 'critic';

/** A moment during training at which the fixed batch of generated rows was scored. */
export interface SnapshotInfo {
  id: number;
  step: number;
}

export type VerdictStatus =
  | { kind: 'no-model' }
  /** The model has no discriminator to ask (it does not implement `discriminate`). */
  | { kind: 'unsupported'; message: string }
  | {
      kind: 'ready';
      scale: ScoreScale;
      snapshots: SnapshotInfo[];
      /** A snapshot is taken automatically every this many training steps. */
      everySteps: number;
      /** How many generated rows each snapshot holds: the most the map can split into verdicts. */
      poolSize: number;
      /** How many real rows the map can show. */
      realRows: number;
    };

export interface VerdictRequest {
  snapshotId: number;
  realCount: number;
  fooledCount: number;
  rejectedCount: number;
  threshold: number;
}

export type PointRole = 'real' | 'fooled' | 'rejected';

/** The real row nearest to a generated one, among all real training rows, in encoded space. */
export interface NearestReal {
  distance: number;
  cells: Cell[];
  /** Its index among this sample's points when it is on the map, else −1. */
  onMap: number;
}

/**
 * Points for a verdict map: real rows first, then fooled, then rejected. `ids` identify a point across
 * snapshots (a real row's training-row index; a generated row's place in the fixed batch), so the
 * page can animate the same point from one snapshot's map to the next.
 */
export interface VerdictSample {
  snapshot: SnapshotInfo;
  threshold: number;
  scale: ScoreScale;
  columns: string[];
  /** Width of an encoded row: generated columns then the target's one-hot. */
  dim: number;
  roles: PointRole[];
  ids: Int32Array;
  /** points × dim, row-major: what the t-SNE map is computed from. */
  encoded: Float32Array;
  cells: Cell[][];
  scores: Float32Array;
  /** For generated points; null for real ones. */
  nearest: (NearestReal | null)[];
  /** Of the snapshot's whole fixed batch: how many fooled the discriminator at this threshold. */
  batchFooled: number;
  batchSize: number;
}

/** N freshly generated rows, scored; the page splits them at its threshold. */
export interface PassCount {
  step: number;
  scale: ScoreScale;
  columns: string[];
  cells: Cell[][];
  scores: Float32Array;
  /** Distance from each row to its nearest real training row, in encoded space. */
  nearestDistances: Float32Array;
  realRows: number;
}

export interface VerdictApi {
  verdictStatus(): Promise<VerdictStatus>;
  /** Scores the fixed batch with the current discriminator now. */
  takeSnapshot(): Promise<Result<SnapshotInfo>>;
  setSnapshotInterval(steps: number): Promise<Result<number>>;
  verdicts(request: VerdictRequest): Promise<Result<VerdictSample>>;
  passCount(count: number): Promise<Result<PassCount>>;
}

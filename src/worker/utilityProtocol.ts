/**
 * Live utility during training: the training worker hands over a small sample (freshly generated rows and
 * held-out real rows), a separate utility worker (src/worker/utility.worker.ts) scores it, so neither the
 * training loop nor the page's main thread does the model fitting. Types only.
 */
import type { Cell, Result } from '../data/table';
import type { HeldOutUtility } from '../eval/metrics/heldOutUtility';
import type { MetricColumn } from '../eval/metrics/quality';

export type { HeldOutUtility };

export interface UtilitySample {
  /** The training step the synthetic rows were generated at. */
  step: number;
  columns: MetricColumn[];
  /** Index of the target in `columns`. */
  target: number;
  synthetic: Cell[][];
  /** A seeded sample of the held-out real rows, which the generator never saw. */
  holdout: Cell[][];
  seed: number;
}

export interface LiveUtilityPoint {
  step: number;
  utility: HeldOutUtility;
  /** Rows the model was trained on (generated) and tested on (held-out real). */
  rows: { synthetic: number; holdout: number };
  /** Time the utility worker took to fit and score. */
  ms: number;
}

export interface UtilityApi {
  score(sample: UtilitySample): Promise<Result<LiveUtilityPoint>>;
}

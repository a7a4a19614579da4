/**
 * The evaluation report's contract: what the training worker hands over (EvaluationData), what the report
 * worker returns (EvaluationReport, also the JSON export) and the report worker's API. Types only.
 */
import type { Cell, Result } from '../../data/table';
import type { TimeFormat } from '../../data/time';
import type { MetricColumn } from '../columns';
import type { Measure } from '../measure';
import type { DetectionResult } from '../metrics/detection';
import type { MembershipResult } from '../metrics/membership';
import type { PrivacyResult } from '../metrics/privacy';
import type { QualityReport } from '../metrics/quality';
import type { UtilityResult } from '../metrics/utility';
import type { Packed } from '../../worker/packed';

/** Real and synthetic rows for one report, in the generated columns' order (every non-ignored column). */
export interface EvaluationData {
  table: string;
  columns: MetricColumn[];
  /** Index of the target in `columns`. */
  target: number;
  /** A seeded sample of the rows the generator trained on (all of them up to the cap). */
  train: Cell[][];
  /** A seeded sample of the held-out rows, which the generator never saw. */
  holdout: Cell[][];
  /** Freshly generated rows, as many as `train`. */
  synthetic: Cell[][];
  /** Rows on each side before capping. */
  totals: { train: number; holdout: number };
  caps: { train: number; holdout: number };
  /** Every random choice of the report derives from it (itself derived from the user's seed). */
  seed: number;
  model: {
    id: string;
    step: number;
    totalSteps: number;
    /** The (ε, δ) the synthetic rows were trained under; absent or null without differential privacy. */
    privacy?: { epsilon: number; delta: number } | null;
  };
}

/** Shares of rows per bin (numbers) or per level (categories); real and synthetic aligned. */
export type ColumnFigure =
  | {
      kind: 'histogram';
      column: string;
      /** A date or date-time column: edges are days or seconds since 1970, labelled as dates. */
      time?: TimeFormat;
      edges: number[];
      real: number[];
      synthetic: number[];
      missing: [number, number];
    }
  | { kind: 'bars'; column: string; levels: string[]; real: number[]; synthetic: number[] };

export interface CorrelationFigure {
  columns: string[];
  /** Null where a correlation is undefined (a constant column); `blanks` says why. */
  real: (number | null)[][];
  synthetic: (number | null)[][];
  blanks: string[];
}

export interface DcrFigure {
  edges: number[];
  /** Shares of synthetic rows per DCR bin, against training rows and against held-out rows. */
  train: number[];
  holdout: number[];
}

export interface ChiSquareEstimate {
  estimate: Measure;
  caveat: string;
}

/** Both ends of a numeric column's distribution. */
export interface Tail {
  min: number;
  p1: number;
  p99: number;
  max: number;
}

/** A numeric column's ends in the training rows and in the synthetic rows. */
export interface TailFigure {
  column: string;
  time?: TimeFormat;
  real: Tail;
  synthetic: Tail;
}

/** A categorical column's training-row categories that no synthetic row has. */
export interface UnseenLevels {
  column: string;
  /** Share of the training rows; `expected` synthetic rows had the generator kept that share. */
  levels: { level: string; share: number; expected: number }[];
}

/** The quality score of held-out real rows, and of as many synthetic rows, against the training rows. */
export interface QualityReference {
  rows: number;
  heldOut: Measure;
  synthetic: Measure;
}

/** A headline figure in plain words, in one of the bands the report's help states (bands.ts). */
export interface Verdict {
  words: string;
  tone: 'good' | 'fair' | 'poor';
  /** The numbers the verdict was read from. */
  detail: string;
}

/** Where a figure misleads on its own. */
export type ReportWarning =
  | { kind: 'imbalance' | 'holdout'; text: string }
  | { kind: 'tail' | 'categories'; column: string; text: string };

export interface Summary {
  min: number;
  median: number;
  mean: number;
}

export interface EvaluationReport {
  table: string;
  model: EvaluationData['model'];
  target: { name: string; task: 'classification' | 'regression' };
  sample: {
    train: number;
    holdout: number;
    synthetic: number;
    totals: EvaluationData['totals'];
    caps: EvaluationData['caps'];
    capped: boolean;
    /** One sentence on the rows used, naming the cap when it applied. */
    note: string;
  };
  fidelity: {
    quality: QualityReport;
    qualityReference: QualityReference;
    detection: Omit<DetectionResult, 'chiSquare'>;
    columns: ColumnFigure[];
    /** Pearson correlations of the numeric columns; null with fewer than two. */
    correlation: CorrelationFigure | null;
    tails: TailFigure[];
    unseenLevels: UnseenLevels[];
  };
  /** Plain words beside each headline figure; null where the figure could not be computed. */
  verdicts: {
    quality: Verdict | null;
    detection: Verdict | null;
    utility: Verdict | null;
    privacy: Verdict;
  };
  warnings: ReportWarning[];
  /** The χ² estimate always; the model comparison unless the rows could not support it (then `error`). */
  utility: { chiSquare: ChiSquareEstimate } & (({ ok: true } & UtilityResult) | { ok: false; error: string });
  /** The privacy measures, with the per-row distances summarised and plotted rather than listed. */
  privacy: Omit<PrivacyResult, 'dcrToTrain' | 'dcrToHoldout'> & {
    dcrToTrain: Summary;
    dcrToHoldout: Summary;
    figure: DcrFigure;
    /** A membership-inference attack by distance to the closest synthetic row: AUC 0.5 is no signal. */
    membership: MembershipResult;
  };
  timingsMs: { fidelity: number; utility: number; privacy: number; total: number };
}

export interface ReportProgress {
  /** 0 to 1. */
  fraction: number;
  /** What is being computed, e.g. "Random forest on synthetic rows". */
  stage: string;
}

export interface ReportApi {
  evaluate(
    data: Packed<EvaluationData>,
    onProgress: (progress: ReportProgress) => void,
  ): Promise<Result<EvaluationReport>>;
}

/**
 * The training worker's black-box explorer requests: the forest's figures, the answers on a fixed set
 * of asks, and the export. Types only; `EngineApi` extends `ExplorerApi`.
 */
import type { Result } from '../data/table';
import type { Answers, ForestFigures } from '../models/explorer/answers';
import type { ExplorerTraining } from '../models/explorer/description';

export type { Answers, ClassAnswers, DecileError, ForestFigures } from '../models/explorer/answers';

export type ExplorerStatus =
  | { kind: 'no-model' }
  /** The current model is not the explorer. */
  | { kind: 'unsupported'; message: string }
  /** The forest is growing, or the surrogate being distilled: where that stands. */
  | { kind: 'preparing'; message: string }
  | {
      kind: 'ready';
      step: number;
      training: ExplorerTraining;
      /** The forest on the held-out rows (a seeded sample of at most HELD_OUT_ROWS). */
      forest: ForestFigures;
      /** Share of the held-out rows on whose class the surrogate and the forest agree; null gradient-free. */
      surrogateAgreement: number | null;
    };

/** The answers for a fixed set of asks (the same asks and noise every time), at a training step. */
export interface ExplorerAnswers extends Answers {
  step: number;
}

/** The assignment's deliverable: generated rows with their asked and obtained confidence, and the figures. */
export interface ExplorerExport {
  csv: string;
  /** The forest's figures and the answers, as formatted JSON. */
  statistics: string;
  rows: number;
}

export interface ExplorerApi {
  explorerStatus(): Promise<ExplorerStatus>;
  /** `count` rows asked for each class in turn, at confidences evenly spaced from 1 / classes to 1. */
  explorerAnswers(count: number): Promise<Result<ExplorerAnswers>>;
  /** EXPORT_ROWS such rows as CSV (plus "asked confidence" and "obtained confidence") and the statistics. */
  explorerExport(): Promise<Result<ExplorerExport>>;
}

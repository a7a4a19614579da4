/**
 * The λ-sweep worker's typed contract. Types only: the page calls it through Comlink, the sweep worker
 * (src/worker/sweep.worker.ts) implements it with src/worker/lambdaSweep.ts.
 */
import type { TypedTable } from '../data/schema';
import type { Result } from '../data/table';
import type { BackendName } from '../nn/backend';
import type { FeedbackTrainingSettings } from '../models/catalog';
import type { HeldOutUtility } from '../eval/metrics/heldOutUtility';

export type { HeldOutUtility };

/** The table and held-out share the training worker holds, for a sweep that trains beside it. */
export interface SweepTable {
  table: TypedTable;
  holdoutShare: number;
}

/**
 * A SweepTable as UTF-8 JSON. Its buffer is transferred, not copied, from the training worker through
 * the page to the sweep worker: cloning a table as large as Adult on the main thread would stall the page
 * for a few hundred milliseconds.
 */
export interface PackedSweepTable {
  json: Uint8Array;
}

export interface SweepRequest extends SweepTable {
  /** The user's DSF-GAN settings; each run replaces only λ. */
  settings: FeedbackTrainingSettings;
  lambdas: number[];
  /** Training steps of each run. */
  steps: number;
}

/** Fidelity and utility of one set of rows: the quality score against real training rows, and held-out utility. */
export interface FrontierScores {
  quality: number;
  utility: HeldOutUtility;
}

export interface SweepPoint extends FrontierScores {
  lambda: number;
  steps: number;
  /** Wall time of the run (training and scoring). */
  ms: number;
}

export type SweepEvent =
  /** The real-data model: trained on real training rows; its fidelity is held-out rows against training rows. */
  | { type: 'reference'; reference: FrontierScores }
  | { type: 'progress'; lambda: number; run: number; runs: number; step: number; steps: number }
  | { type: 'point'; point: SweepPoint }
  /** A run whose loss stopped being a number: it has no point, and the sweep goes on to the next λ. */
  | { type: 'diverged'; lambda: number; step: number };

export type SweepOutcome = 'finished' | 'cancelled';

/** A SweepRequest as it crosses to the sweep worker: the table packed. */
export type PackedSweepRequest = Omit<SweepRequest, keyof SweepTable> & { packed: PackedSweepTable };

export interface SweepApi {
  /** Starts tfjs on the training worker's backend (the sweep's runs then match the app's). */
  init(backend: BackendName): Promise<void>;
  /** Trains one short run per λ (same seed), reporting each finished point as it comes. */
  run(request: PackedSweepRequest, onEvent: (event: SweepEvent) => void): Promise<Result<SweepOutcome>>;
  /** Stops the sweep after the current chunk of steps; finished points stay with the page. */
  cancel(): Promise<void>;
}

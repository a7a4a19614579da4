/**
 * The typed contract between the page and the training worker. Types only: both sides import it,
 * the worker implements `EngineApi`, the page calls it through Comlink.
 */
import type { Cell, Result } from '../data/table';
import type { ColumnKind, ColumnSchema } from '../data/schema';
import type { BackendInfo, BackendName } from '../nn/backend';
import type { TrainingSettings } from '../models/catalog';
import type { FeedbackApi } from './feedbackProtocol';
import type { LiveApi } from './liveProtocol';
import type { VerdictApi } from './verdictProtocol';
import type { EvaluationData } from '../eval/report/types';
import type { Packed } from './packed';
import type { Readiness } from '../data/readiness';
import type { StepPart } from '../train/trainer';

export type {
  BackendInfo,
  BackendName,
  Cell,
  ColumnKind,
  ColumnSchema,
  EvaluationData,
  Result,
  StepPart,
  TrainingSettings,
};

/** What the page shows of the loaded table. */
export interface TableView {
  name: string;
  rowCount: number;
  columns: ColumnSchema[];
  target: number;
  /** The first rows, as text, for the preview. */
  preview: Cell[][];
  /** Notes from parsing and typing (rows dropped, columns ignored). */
  warnings: string[];
  /** The held-out rows no generator sees (stratified on the target), as a count and the share asked for. */
  holdout: { rows: number; share: number };
  /** Whether Train can go on this table and split: what stops it (with the minimum) and what to know. */
  readiness: Readiness;
}

/**
 * idle: a table is loaded, no model yet. training: the loop runs. paused: a model exists and waits.
 * finished: the planned epochs are done.
 */
export type TrainingStatus = 'idle' | 'training' | 'paused' | 'finished';

/**
 * Mean values over a stretch of steps ending at `step`, aligned with `lossNames` then `metricNames`;
 * null for a series none of those steps updated (a step of the other player alone).
 */
export interface LossPoint {
  step: number;
  values: (number | null)[];
}

export interface TrainingProgress {
  /** Changes on every reset or new table, so the page knows to start its curves afresh. */
  runId: number;
  status: TrainingStatus;
  step: number;
  totalSteps: number;
  stepsPerEpoch: number;
  elapsedMs: number;
  stepsPerSecond: number;
  lossNames: string[];
  /** Series that are not losses (a weight in force, an accuracy), after the losses in each point. */
  metricNames: string[];
  /** Points since the previous event. */
  points: LossPoint[];
}

export type EngineEvent =
  | { type: 'progress'; progress: TrainingProgress }
  | { type: 'parse-progress'; name: string; fraction: number }
  | { type: 'backend'; backend: BackendInfo }
  /** Something the user must know that no request asked for, e.g. training paused on a NaN loss. */
  | { type: 'alert'; message: string };

export type EngineListener = (event: EngineEvent) => void;

export interface GeneratedRows {
  columns: string[];
  rows: Cell[][];
  /** The same rows as CSV text with the source's column names, labels and missing marker. */
  csv: string;
  /** Real rows in the same columns, drawn at random, to show beside the generated ones. */
  realSample: Cell[][];
}

/**
 * Verdict requests (discriminator scores, snapshots, pass counts) are typed in verdictProtocol.ts, the
 * live views in liveProtocol.ts.
 */
export interface EngineApi extends VerdictApi, LiveApi, FeedbackApi {
  /** Subscribes the page and chooses a backend by probing; resolves with the choice. */
  init(listener: EngineListener): Promise<BackendInfo>;
  setBackend(name: BackendName): Promise<Result<BackendInfo>>;
  /**
   * Reads a table (a File from the page: a handle, not a copy of its bytes) and makes it the table.
   * A load that a newer one overtakes gives up and leaves the table alone: the newest request wins.
   */
  loadFile(file: Blob | Uint8Array, name: string): Promise<Result<TableView>>;
  loadUrl(url: string, name: string): Promise<Result<TableView>>;
  setColumnKind(index: number, kind: ColumnKind): Promise<Result<TableView>>;
  setTarget(index: number): Promise<Result<TableView>>;
  /**
   * Fits the encoder `settings` will need while nothing is trained yet (seconds for CTGAN's modes on a
   * large table), so that Train with the same table, split and seed starts at once.
   */
  prepare(settings: TrainingSettings): Promise<void>;
  /** Starts training (building the model from `settings` when there is none) or resumes it. */
  train(settings: TrainingSettings): Promise<Result<TrainingProgress>>;
  /** Plans `epochs` more epochs for a finished run and trains on from where it stopped. */
  trainMore(epochs: number): Promise<Result<TrainingProgress>>;
  pause(): Promise<TrainingProgress>;
  /**
   * One discriminator and generator update, then paused; or one of the two alone (`part`), for a model
   * that can (`TrainableModel.trainPart`).
   */
  step(settings: TrainingSettings, part?: StepPart): Promise<Result<TrainingProgress>>;
  reset(): Promise<TrainingProgress>;
  /**
   * Applies the settings the model marks live (learning rates, λ) to the running model at its next
   * step, without a reset; resolves with the settings now in force, or why they cannot be used.
   */
  updateSettings(settings: TrainingSettings): Promise<Result<TrainingSettings>>;
  generate(count: number): Promise<Result<GeneratedRows>>;
  /** Changes the held-out share (0.05 to 0.5); a new split starts training afresh. */
  setHoldoutShare(share: number): Promise<Result<TableView>>;
  /** Rows for the evaluation report: real training and held-out samples and fresh synthetic rows. */
  evaluationData(): Promise<Result<Packed<EvaluationData>>>;
}

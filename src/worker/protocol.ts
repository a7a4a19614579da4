/**
 * The typed contract between the page and the training worker. Types only: both sides import it,
 * the worker implements `EngineApi`, the page calls it through Comlink.
 */
import type { Cell, Result } from '../data/table';
import type { ColumnKind, ColumnSchema } from '../data/schema';
import type { BackendInfo, BackendName } from '../nn/backend';
import type { TrainingSettings } from '../models/catalog';
import type { ExplorerApi } from './explorerProtocol';
import type { FeedbackApi } from './feedbackProtocol';
import type { IdeaApi } from './ideaProtocol';
import type { LiveApi } from './liveProtocol';
import type { VerdictApi } from './verdictProtocol';
import type { EvaluationData } from '../eval/report/types';
import type { Packed } from './packed';
import type { Readiness } from '../data/readiness';
import type { Checkpoint } from '../train/checkpoint';
import type { TableIdentity } from '../train/runFile';
import type { ModelDetails } from '../models/model';
import type { RunHealth } from '../eval/health';
import type { StepPart } from '../train/trainer';

export type {
  BackendInfo,
  BackendName,
  Cell,
  ColumnKind,
  ColumnSchema,
  EvaluationData,
  ModelDetails,
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
  /** Index into `TrainingProgress.stages` of the stage these steps trained in; 0 without stages. */
  stage: number;
}

/** A stage of a model that trains in stages, and the series its steps report. */
export interface StageView {
  name: string;
  series: string[];
}

/** A private run's budget and what it has spent; the page draws ε spent beside the losses. */
export interface PrivacyProgress {
  /** ε spent by the steps so far: what the current generator's rows are private to, at δ. */
  epsilonSpent: number;
  /** ε at the end of the planned steps, where training stops. */
  epsilonBudget: number;
  delta: number;
  /** σ: noise standard deviation over the clip norm. */
  noiseMultiplier: number;
  clipNorm: number;
  /** q: each training row's chance to join a step. */
  samplingRate: number;
}

/** The (ε, δ) a run's generated rows were trained under: ε as spent when they were generated. */
export interface PrivacyLabel {
  epsilon: number;
  delta: number;
}

/**
 * The batch of the last step by hand (Step, Step D, Step G, slow motion), for the live views to mark:
 * the batch, never the table. Not sent while training runs on its own.
 */
export interface StepRows {
  /** The step that trained on it (its number once taken), and which players it updated. */
  step: number;
  part: StepPart;
  /** Distinct real rows in the batch (a model that samples rows may draw one twice). */
  batchRows: number;
  /** Indices into a map's real points (`DiscriminatorMap.real`) of the batch's rows that are among them. */
  onMap: number[];
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
  /** Series that are not losses (a weight in force, an accuracy, ε spent), after the losses in each point. */
  metricNames: string[];
  /** The model's stages in order (empty for a model that trains in one), and the one the next step is in. */
  stages: StageView[];
  stage: number;
  /** Null when the run trains without differential privacy (or there is no run). */
  privacy: PrivacyProgress | null;
  /** Points since the previous event. */
  points: LossPoint[];
  /** The step of the checkpoint Roll back returns to, once a loss stopped being finite; else null. */
  rollbackStep: number | null;
  /** What the model is preparing before its first step (e.g. "Growing the forest: tree 12 of 30"), or null. */
  preparing: string | null;
  /** The last step by hand's batch while the run stands still after it; null otherwise. */
  stepRows: StepRows | null;
}

/**
 * A checkpoint of the current run, sent to the page every CHECKPOINT_EVERY steps and on pause, so that a
 * new worker can resume the run (`resume`) if this one dies. `table` says which table and split it needs.
 */
export interface RunCheckpoint {
  runId: number;
  table: string;
  checkpoint: Checkpoint;
  /** The run's health checks when it was taken: a new worker's run goes on with them. */
  health: RunHealth | null;
}

/**
 * The engine's part of a saved run (src/train/runFile.ts): the current run's checkpoint and which table
 * it was trained on, by name and hash. The page adds the curves and a name, and stores or exports it.
 */
export interface SavedRunState {
  table: TableIdentity;
  checkpoint: Checkpoint;
  /**
   * The run's health as the page saved it: opened with it, the run's checks go on from its quality
   * curve. Absent or null (a run saved before its first check, a demo run), the checks start afresh.
   */
  health?: RunHealth | null;
}

export type EngineEvent =
  | { type: 'progress'; progress: TrainingProgress }
  | { type: 'parse-progress'; name: string; fraction: number }
  | { type: 'backend'; backend: BackendInfo }
  | { type: 'checkpoint'; checkpoint: RunCheckpoint }
  /** A health check of the run `runId` (every few epochs while training): signals, problems, quality curve. */
  | { type: 'health'; runId: number; health: RunHealth }
  /**
   * The backend stopped working under the run (a lost GPU device, a failed first step): the page moves
   * the run to a new worker that avoids it.
   */
  | { type: 'backend-failed'; backend: BackendName; message: string }
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
  /** What the model says about these rows (e.g. how many did not parse), or null. */
  note: string | null;
  /** The (ε, δ) the rows were trained under; null without differential privacy. */
  privacy: PrivacyLabel | null;
}

/**
 * Verdict requests (discriminator scores, snapshots, pass counts) are typed in verdictProtocol.ts, the
 * live views in liveProtocol.ts, each model's idea in ideaProtocol.ts.
 */
export interface EngineApi extends VerdictApi, LiveApi, IdeaApi, FeedbackApi, ExplorerApi {
  /**
   * Subscribes the page and chooses a backend by probing, never one of `avoid` (backends that failed in
   * an earlier worker of the page); resolves with the choice.
   */
  init(listener: EngineListener, avoid?: readonly BackendName[]): Promise<BackendInfo>;
  setBackend(name: BackendName): Promise<Result<BackendInfo>>;
  /**
   * Reads a table (a File from the page: a handle, not a copy of its bytes) and makes it the table.
   * A load that a newer one overtakes gives up and leaves the table alone: the newest request wins.
   * A file too big to keep whole is sampled with `seed` (the Seed setting).
   */
  loadFile(file: Blob | Uint8Array, name: string, seed?: number): Promise<Result<TableView>>;
  loadUrl(url: string, name: string): Promise<Result<TableView>>;
  setColumnKind(index: number, kind: ColumnKind): Promise<Result<TableView>>;
  setTarget(index: number): Promise<Result<TableView>>;
  /**
   * Fits the encoder `settings` will need while nothing is trained yet (seconds for CTGAN's modes on a
   * large table), so that Train with the same table, split and seed starts at once.
   */
  prepare(settings: TrainingSettings): Promise<void>;
  /** Answers at once: the page's check that the worker is alive and not stuck. */
  ping(): Promise<true>;
  /**
   * Builds the checkpoint's run on the loaded table (which must be the one it names) and puts its state
   * in, paused at its step: a new worker takes over the run of one that died.
   */
  resume(checkpoint: RunCheckpoint): Promise<Result<TrainingProgress>>;
  /**
   * The current run as it is now, for saving: a run that is training is paused for the moment it takes
   * and goes on. Fails without a run.
   */
  saveRun(): Promise<Result<SavedRunState>>;
  /**
   * Reopens a saved run on the loaded table, which must be the run's own (same hash and columns): paused
   * at its step, with a verdict snapshot of its state taken at once, so its maps show without training.
   */
  openRun(saved: SavedRunState): Promise<Result<TrainingProgress>>;
  /** After a loss stopped being finite: back to the last checkpoint, paused. */
  rollBack(): Promise<Result<TrainingProgress>>;
  /** Starts training (building the model from `settings` when there is none) or resumes it. */
  train(settings: TrainingSettings): Promise<Result<TrainingProgress>>;
  /** Plans `epochs` more epochs for a finished run and trains on from where it stopped. */
  trainMore(epochs: number): Promise<Result<TrainingProgress>>;
  /** Plans `epochs` more epochs for a finished run and leaves it paused (slow motion steps it on). */
  planMore(epochs: number): Promise<Result<TrainingProgress>>;
  pause(): Promise<TrainingProgress>;
  /**
   * One discriminator and generator update, then paused; or one of the two alone (`part`), for a model
   * that can (`TrainableModel.trainPart`).
   */
  step(settings: TrainingSettings, part?: StepPart): Promise<Result<TrainingProgress>>;
  reset(): Promise<TrainingProgress>;
  /**
   * How fast Train runs: at most `stepsPerFrame` steps per animation frame (1/60 s), for a class to
   * watch; null trains at full speed. Kept across runs.
   */
  setPace(stepsPerFrame: number | null): Promise<Result<number | null>>;
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
  /** The current model's table about itself (PPO-GAN's vocabulary); null without a model or a table. */
  modelDetails(): Promise<ModelDetails | null>;
}

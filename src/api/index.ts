/*
 * The page's one door into the engine: the types of the workers' protocols and the plain-data parts of
 * the engine the page shows or checks before it asks (model descriptions, settings rules, formats).
 * Nothing here may import TensorFlow.js: e2e/bundle.spec.ts fails if the page's bundle contains it, and
 * the lint config lets app/ import from src/ only through this module. The page starts the workers
 * themselves by URL (app/*Client.ts).
 */

// Tables and their columns.
export type { Cell, Result } from '../data/table';
export type { ColumnKind, ColumnSchema } from '../data/schema';
export { formatTime } from '../data/time';
export type { Readiness } from '../data/readiness';
export { writeCsv } from '../data/writeCsv';

// Models: what each family is called, its settings and their rules.
export {
  MODEL_DESCRIPTIONS,
  defaultSettings,
  describeModel,
  settingsProblems,
  switchModel,
  carryOver,
  withPrivacy,
  type ModelId,
  type FeedbackTrainingSettings,
  type SettingsOf,
  type TrainingSettings,
} from '../models/catalog';
export {
  allFields,
  valueAt,
  withValueAt,
  type CommonSettings,
  type Control,
  type ModelDescription,
  type Panel,
  type PrivacySupport,
  type SettingField,
} from '../models/plugin';
export { FEEDBACK_SERIES } from '../models/dsfgan/description';
export {
  PART_PHASES,
  STEP_PHASES,
  type ModelPicture,
  type PictureArrow,
  type PictureBox,
  type StepPhase,
} from '../models/picture';

// Differential privacy: its settings, the default δ, and what the page says about the guarantee.
export { DEFAULT_PRIVACY, type PrivacySettings } from '../privacy/plan';
export { defaultDelta } from '../privacy/accountant';
export {
  EPSILON_SERIES,
  formatDelta,
  GUARANTEE_SCOPE,
  privacyLabel,
  READ_OUTSIDE_BUDGET,
} from '../privacy/disclosure';
export { derivedSettings, tableFacts, type DerivedSettings } from '../models/tableDefaults';
export { PRESETS, findPreset, type Preset, type RunSetup } from '../models/presets';

// A run's health: collapse and divergence signals on the fixed verdict batch, early stopping.
export type { HealthPoint, HealthProblem, HealthSignal, RunHealth, SignalId } from '../eval/health';

// Backends.
export { BACKEND_NAMES, type BackendInfo, type BackendName } from '../nn/backendNames';

// The training worker.
export type {
  EngineApi,
  EngineEvent,
  GeneratedRows,
  LossPoint,
  ModelDetails,
  StageView,
  RunCheckpoint,
  SavedRunState,
  PrivacyLabel,
  PrivacyProgress,
  StepPart,
  StepRows,
  TableView,
  TrainingProgress,
  TrainingStatus,
} from '../worker/protocol';
export { moved, type Packed } from '../worker/packed';

// Saved runs: the .ganrun file format (plain data; the weights come from the worker's saveRun).
export {
  crc32,
  decodeRunFile,
  encodeRunFile,
  summarize,
  RUN_FILE_EXTENSION,
  RUN_FILE_VERSION,
  type RunCurves,
  type RunRecord,
  type RunSummary,
  type TableIdentity,
  type TableStep,
} from '../train/runFile';

// Discriminator verdicts and the t-SNE map.
export type {
  PassCount,
  PointRole,
  SnapshotInfo,
  VerdictSample,
  VerdictStatus,
} from '../worker/verdictProtocol';
export { DEFAULT_THRESHOLD, histogram, meanAt, splitVerdicts } from '../eval/verdicts/verdicts';
export type { TsneApi, TsneProgress, TsneRequest, WarmStart } from '../worker/tsneProtocol';
export { alignTo } from '../eval/embedding/align';

// The live views of the fixed batch.
export type {
  BarRows,
  BarRowsRequest,
  ColumnView,
  DiscriminatorMap,
  MapPoint,
  MapRow,
  FingerprintRow,
  Fingerprints,
  LiveView,
} from '../worker/liveProtocol';
export type {
  DownstreamClass,
  DownstreamIdea,
  IdeaKind,
  ImageIdea,
  ModeColumn,
  ModelIdea,
  ModesIdea,
  ModeView,
  RowImage,
} from '../worker/ideaProtocol';

// DSF-GAN's live utility and λ sweep.
export type { LiveUtilityPoint, UtilityApi } from '../worker/utilityProtocol';
export type { FrontierScores, SweepApi, SweepEvent, SweepPoint } from '../worker/sweepProtocol';
export type { HeldOutUtility } from '../eval/metrics/heldOutUtility';
export { sweepProblems } from '../worker/sweepRequest';

// The black-box explorer.
export type {
  ClassAnswers,
  DecileError,
  ExplorerAnswers,
  ExplorerExport,
  ExplorerStatus,
  ForestFigures,
} from '../worker/explorerProtocol';
export { EXPLORER_SERIES, SUCCESS_MARGIN } from '../models/explorer/description';

// The evaluation report.
export type * from '../eval/report/types';
export type { Measure } from '../eval/measure';
export { valueText } from '../eval/report/readings';
export {
  DETECTION_BANDS,
  PRIVACY_BANDS,
  QUALITY_BANDS,
  UTILITY_BANDS,
  WARNING_RULES,
  type BandSet,
} from '../eval/report/bands';

// The run as a Python project (SDV's CTGANSynthesizer): plain text, built in the page.
export { pythonProject } from '../export/pythonProject';

import { changeColumnKind, changeTarget, inferSchema } from '../data/infer';
import { parseTableFile, readTableFile, type ReadOptions } from '../data/load';
import type { Schema } from '../data/schema';
import { DEFAULT_HOLDOUT_SHARE, heldOutCount, holdoutShareProblem, targetStrata } from '../data/split';
import { readiness } from '../data/readiness';
import { fail, ok, type RawTable, type Result } from '../data/table';
import { writeCsv } from '../data/writeCsv';
import { EncoderCache } from '../encoding/encoderCache';
import { createVerdictLab, type VerdictLab } from '../eval/verdicts/verdictLab';
import { evaluationSample } from '../eval/report/sample';
import { settingsProblems } from '../models/catalog';
import type { CommonSettings } from '../models/plugin';
import { allFields, valueAt, withValueAt } from '../models/plugin';
import { findPlugin, MODEL_PLUGINS, type PluginList } from '../models/registry';
import type { BackendInfo, BackendName } from '../nn/backend';
import { privacyLabel } from '../privacy/disclosure';
import { createRng, type Rng } from '../rng';
import { restoreCheckpoint, takeCheckpoint, type Checkpoint } from '../train/checkpoint';
import { tableHash } from '../data/tableHash';
import { prepareEncoding, Run, type Chunk, type PlannedSteps } from '../train/run';
import type { StepLosses, StepPart } from '../train/trainer';
import { explorerEndpoints } from './explorerEndpoints';
import type { RunHealth } from '../eval/health';
import { feedbackEndpoints } from './feedbackEndpoints';
import { barRows, discriminatorMap, liveView, mapRow } from './liveEndpoints';
import type { LiveViews } from '../eval/live/liveViews';
import { RunIdeas } from '../eval/live/ideas/runIdeas';
import { ideaKinds, modelIdea, type IdeaSessionRun } from './ideaEndpoints';
import type { IdeaKind } from './ideaProtocol';
import type { BarRowsRequest, MapPoint } from './liveProtocol';
import { packedResult, type Packed } from './packed';
import { verdictEndpoints, type VerdictRun } from './verdictEndpoints';
import type { VerdictRequest } from './verdictProtocol';
import type {
  ColumnKind,
  EngineApi,
  EngineListener,
  EvaluationData,
  GeneratedRows,
  LossPoint,
  RunCheckpoint,
  SavedRunState,
  PrivacyLabel,
  PrivacyProgress,
  StepRows,
  TableView,
  TrainingProgress,
  TrainingSettings,
  TrainingStatus,
} from './protocol';

/** How the session reaches the outside world: backends differ between a browser worker and Node. */
export interface SessionEnvironment {
  /** Chooses a backend, never one of `avoid` (they failed in an earlier worker of the page). */
  chooseBackend(avoid: readonly BackendName[]): Promise<BackendInfo>;
  switchBackend(name: BackendName): Promise<Result<BackendInfo>>;
  /** Watches the active backend and calls `onFailure` if it stops working under the run (a lost GPU). */
  watchBackend?(onFailure: (message: string) => void): void;
  fetchBytes(url: string): Promise<Uint8Array>;
}

interface LoadedTable {
  raw: RawTable;
  schema: Schema;
  warnings: string[];
}

/** The current run, with what the session keeps beside it; all thrown away together on reset. */
interface SessionRun {
  id: number;
  run: Run;
  /** The chooser's name of the model, for messages. */
  label: string;
  generationRng: Rng;
  /** Discriminator verdicts over the run; null when the model has no discriminator. */
  verdicts: VerdictLab | null;
  /**
   * The latest checkpoint, and whether a loss has since stopped being finite or a step failed: the run
   * cannot go on from where it is, and Roll back is offered.
   */
  checkpoint: Checkpoint | null;
  diverged: boolean;
  /** The live views of the fixed batch, built when the page first asks. */
  live: LiveViews | null;
  /** The last step by hand's batch, for the live views to mark; null once training runs on its own. */
  stepRows: StepRows | null;
  /** What the model shows of its idea (table-GAN's images, CTGAN's modes…), built when first asked. */
  ideas: RunIdeas | null;
  /** Whether a step has trained in this worker: a backend that fails the first one is left. */
  stepped: boolean;
}

const PREVIEW_ROWS = 8;
const MAX_GENERATED_ROWS = 100_000;
const REAL_SAMPLE_ROWS = 20;
/** Progress events are throttled so the page never floods. */
const EMIT_INTERVAL_MS = 100;
const FINISHED = 'Training has finished its epochs. Press Train more to go on, or Reset to start again.';
/** One animation frame: a paced run trains its steps, then waits this long. */
const FRAME_MS = 1000 / 60;
/** The most steps per frame a pace may ask for (full speed is null). */
const MAX_PACE = 1000;
/** The most epochs one Train more may add. */
const MAX_MORE_EPOCHS = 100_000;
/** A checkpoint goes to the page at least this often while training (and on every pause). */
export const CHECKPOINT_EVERY = 200;

/** Why a finished run will not step again: its epochs, or for a private run its privacy budget. */
function finishedMessage(run: Run): string {
  const spent = run.epsilonSpent;
  if (spent === null) return FINISHED;
  return `The privacy budget is spent: ${privacyLabel({ epsilon: spent, delta: run.privacy!.delta })} after ${run.stepsDone} steps. Training stops here; press Reset to start again.`;
}

/**
 * The training worker's state, free of Worker APIs so Node tests drive it directly: one table and at
 * most one run (src/train/run.ts), whose loop runs between requests and yields after each chunk.
 */
export class EngineSession implements EngineApi {
  private listener: EngineListener = () => {};
  private table: LoadedTable | null = null;
  private current: SessionRun | null = null;
  private status: TrainingStatus = 'idle';
  private loop: Promise<unknown> | null = null;
  private runCounter = 0;
  /** Counts loads: each knows its own, so one that a newer load overtook does not replace the table. */
  private loadTicket = 0;
  private emitted = { at: 0, points: [] as LossPoint[] };
  private holdoutShare = DEFAULT_HOLDOUT_SHARE;
  /**
   * Settles once init's backend probe is done. The demo table loads during the probe, so Train can come
   * before it ends; a model built then trains on a backend the probe is about to switch away from
   * ("Backend 'wasm' has not yet been initialized"), and its loop dies.
   */
  private backendChosen: Promise<unknown> = Promise.resolve();
  private backend: BackendName | null = null;
  private readonly encoders = new EncoderCache();
  /** Steps per animation frame while training; null: as fast as the backend goes. */
  private pace: number | null = null;
  /** The steps the next run will plan, for the settings `prepare` was last given; null before. */
  private planned: PlannedSteps | null = null;

  constructor(
    private readonly environment: SessionEnvironment,
    /** The model families it can build; a test passes its own. */
    private readonly plugins: PluginList = MODEL_PLUGINS,
  ) {}

  async init(listener: EngineListener, avoid: readonly BackendName[] = []): Promise<BackendInfo> {
    this.listener = listener;
    const choosing = this.environment.chooseBackend(avoid);
    this.backendChosen = choosing.catch(() => undefined);
    const backend = await choosing;
    this.adoptBackend(backend);
    return backend;
  }

  async setBackend(name: BackendName): Promise<Result<BackendInfo>> {
    // A model's tensors live on one backend: switching starts training afresh.
    await this.discardRun();
    const result = await this.environment.switchBackend(name);
    if (result.ok) this.adoptBackend(result.value);
    this.emitProgress(true);
    return result;
  }

  async loadUrl(url: string, name: string): Promise<Result<TableView>> {
    const ticket = ++this.loadTicket;
    let bytes: Uint8Array;
    try {
      bytes = await this.environment.fetchBytes(url);
    } catch (error) {
      return fail(`Could not read ${name}: ${String(error)}`);
    }
    return this.adoptTable(bytes, name, ticket);
  }

  async loadFile(file: Blob | Uint8Array, name: string, seed?: number): Promise<Result<TableView>> {
    return this.adoptTable(file, name, ++this.loadTicket, seed);
  }

  /** Reads a table and makes it the table, unless a newer load (a higher ticket) has started meanwhile. */
  private async adoptTable(
    file: Blob | Uint8Array,
    name: string,
    ticket: number,
    seed?: number,
  ): Promise<Result<TableView>> {
    const overtaken = () => fail<TableView>(`${name} was not loaded: a newer table was chosen meanwhile.`);
    const options: ReadOptions = {
      onProgress: (fraction) => this.listener({ type: 'parse-progress', name, fraction }),
      wanted: () => ticket === this.loadTicket,
      seed,
    };
    const parsed =
      file instanceof Uint8Array
        ? parseTableFile(file, name, options)
        : await readTableFile(file, name, options);
    if (!parsed.ok) return parsed;
    const schema = inferSchema(parsed.value);
    if (!schema.ok) return schema;
    if (ticket !== this.loadTicket) return overtaken();
    // Only now, with a good table in hand, is the previous one given up.
    await this.discardRun();
    this.table = {
      raw: parsed.value,
      schema: schema.value,
      warnings: [...parsed.warnings, ...schema.warnings],
    };
    this.emitProgress(true);
    return ok(this.tableView());
  }

  async setColumnKind(index: number, kind: ColumnKind): Promise<Result<TableView>> {
    return this.changeSchema((t) => changeColumnKind(t.raw, t.schema, index, kind));
  }

  async setTarget(index: number): Promise<Result<TableView>> {
    return this.changeSchema((t) => changeTarget(t.raw, t.schema, index));
  }

  async ping(): Promise<true> {
    return true;
  }

  async resume(saved: RunCheckpoint): Promise<Result<TrainingProgress>> {
    await this.backendChosen;
    const table = this.table;
    if (!table) return fail('Load a table first.');
    if (saved.table !== this.tableKey(table)) return fail('The checkpoint was taken of another table.');
    await this.discardRun();
    const settings = saved.checkpoint.settings as TrainingSettings;
    const current = this.ensureRun(settings, saved.runId);
    if (!current.ok) return current;
    const restored = await this.restoreInto(current.value, saved.checkpoint);
    if (!restored.ok) return restored;
    this.restoreHealth(current.value, saved.health);
    return ok(this.progress());
  }

  async saveRun(): Promise<Result<SavedRunState>> {
    const current = this.current;
    const table = this.table;
    if (!current || !table) return fail(NO_MODEL);
    if (current.run.preparing)
      return fail('The model is still preparing: save it once it has trained a step.');
    if (current.diverged) return fail(DIVERGED);
    const wasTraining = this.status === 'training';
    if (wasTraining) this.status = 'paused';
    await this.loop;
    try {
      if (this.current !== current) return fail('The run was reset while it was being saved.');
      const checkpoint = await takeCheckpoint(current.run);
      const identity = { name: table.raw.name, hash: await tableHash(table.raw), key: this.tableKey(table) };
      return ok({ table: identity, checkpoint });
    } finally {
      if (wasTraining && this.current === current) await this.train(current.run.settings as TrainingSettings);
    }
  }

  async openRun(saved: SavedRunState): Promise<Result<TrainingProgress>> {
    await this.backendChosen;
    const table = this.table;
    if (!table) return fail("Load the run's table first.");
    const { name, hash, key } = saved.table;
    if (hash !== (await tableHash(table.raw)))
      return fail(`The run was trained on another table (${name}): load that table to open it.`);
    if (key !== this.tableKey(table))
      return fail(
        `The run was trained on ${name} with other column types, another target or another held-out share.`,
      );
    await this.discardRun();
    const current = this.ensureRun(saved.checkpoint.settings as TrainingSettings);
    if (!current.ok) return current;
    const restored = await this.restoreInto(current.value, saved.checkpoint);
    if (!restored.ok) return restored;
    this.restoreHealth(current.value, saved.health ?? null);
    // The maps need a snapshot of the restored discriminator: taken now, not at the next interval.
    await current.value.verdicts?.maybeSnapshot(current.value.run.stepsDone, true);
    return ok(this.progress());
  }

  async rollBack(): Promise<Result<TrainingProgress>> {
    const current = this.current;
    const checkpoint = current?.checkpoint;
    if (!current || !checkpoint) return fail('There is no checkpoint to roll back to.');
    // The settings as they are now: a learning rate lowered since the checkpoint stays lowered.
    const settings = current.run.settings as TrainingSettings;
    const health = current.run.health;
    await this.discardRun();
    const rebuilt = this.ensureRun(settings, current.id);
    if (!rebuilt.ok) return rebuilt;
    const restored = await this.restoreInto(rebuilt.value, checkpoint);
    if (!restored.ok) return restored;
    this.restoreHealth(rebuilt.value, health);
    return ok(this.progress());
  }

  async train(settings: TrainingSettings): Promise<Result<TrainingProgress>> {
    await this.backendChosen;
    if (this.status === 'training') return ok(this.progress());
    if (this.status === 'finished') return fail(finishedMessage(this.current!.run));
    const current = this.ensureRun(settings);
    if (!current.ok) return current;
    if (current.value.diverged) return fail(DIVERGED);
    this.status = 'training';
    current.value.stepRows = null;
    this.emitProgress(true);
    const run = current.value;
    this.loop = this.trainLoop(run)
      .catch((error: unknown) => this.stepFailed(run, error))
      .finally(() => (this.loop = null));
    return ok(this.progress());
  }

  async trainMore(epochs: number): Promise<Result<TrainingProgress>> {
    const planned = await this.planMore(epochs);
    if (!planned.ok) return planned;
    return this.train(this.current!.run.settings as TrainingSettings);
  }

  async planMore(epochs: number): Promise<Result<TrainingProgress>> {
    if (!Number.isInteger(epochs) || epochs < 1 || epochs > MAX_MORE_EPOCHS) {
      return fail(
        `Train more needs a whole number of epochs from 1 to ${MAX_MORE_EPOCHS.toLocaleString('en')}.`,
      );
    }
    const current = this.current;
    if (!current || this.status !== 'finished')
      return fail('Train more continues a finished run: train one first.');
    if (current.run.privacy)
      return fail(
        'A private run ends at its privacy budget: training more would spend more than the ε you set. Reset with a larger ε to train longer.',
      );
    current.run.extend(epochs);
    this.status = 'paused';
    this.emitProgress(true);
    return ok(this.progress());
  }

  async prepare(settings: TrainingSettings): Promise<void> {
    const table = this.table;
    if (this.current || !table) return;
    const planned = prepareEncoding({ ...this.plan(table, settings), fit: this.encoderFit(table, settings) });
    // Before the first step the progress bar counts to what Train will plan.
    if (this.current || this.table !== table) return;
    this.planned = planned;
    this.emitProgress(true);
  }

  async pause(): Promise<TrainingProgress> {
    if (this.status === 'training') this.status = 'paused';
    await this.loop;
    if (this.current) await this.saveCheckpoint(this.current);
    this.emitProgress(true);
    return this.progress();
  }

  async step(settings: TrainingSettings, part: StepPart = 'both'): Promise<Result<TrainingProgress>> {
    await this.backendChosen;
    if (this.status === 'training') await this.pause();
    if (this.status === 'finished') return fail(finishedMessage(this.current!.run));
    const current = this.ensureRun(settings);
    if (!current.ok) return current;
    if (current.value.diverged) return fail(DIVERGED);
    const { run, label } = current.value;
    if (part !== 'both' && !run.trainer.trainsParts) {
      return fail(`The ${label} model trains its networks together: it cannot step one alone.`);
    }
    let chunk: Chunk;
    try {
      chunk = await run.trainChunk({ maxMs: 0, maxSteps: 1, untilStep: run.stepsDone + 1 }, part);
    } catch (error) {
      await this.stepFailed(current.value, error);
      return fail(`The step failed: ${String(error)}`);
    }
    current.value.stepped = true;
    // Which rows this step trained on, where the map shows them: the batch (≤ batch size), not the table.
    const verdicts = current.value.verdicts;
    const batch = run.trainer.lastRows;
    current.value.stepRows = verdicts
      ? { step: run.stepsDone, part, batchRows: new Set(batch).size, onMap: verdicts.mapPlaces(batch) }
      : null;
    if (run.complete) this.finish(run);
    else this.status = 'paused';
    this.record(chunk.losses);
    if (chunk.diverged) current.value.diverged = true;
    else await this.checkpointIfDue(current.value);
    this.emitProgress(true);
    // The live views follow a step by hand too: without it they waited for the run's next snapshot
    // (step 100), and slow motion showed them still for 100 iterations.
    if (!chunk.diverged) void current.value.verdicts?.stepSnapshot(run.stepsDone);
    return ok(this.progress());
  }

  async setPace(stepsPerFrame: number | null): Promise<Result<number | null>> {
    if (
      stepsPerFrame !== null &&
      !(Number.isInteger(stepsPerFrame) && stepsPerFrame >= 1 && stepsPerFrame <= MAX_PACE)
    )
      return fail(`The pace must be a whole number of steps per frame from 1 to ${MAX_PACE}, or full speed.`);
    this.pace = stepsPerFrame;
    return ok(stepsPerFrame);
  }

  async reset(): Promise<TrainingProgress> {
    await this.discardRun();
    this.emitProgress(true);
    return this.progress();
  }

  async updateSettings(settings: TrainingSettings): Promise<Result<TrainingSettings>> {
    const current = this.current;
    if (!current) return ok(settings);
    const plugin = findPlugin(this.plugins, current.run.settings.model)!;
    // Only the live fields change a built model; the rest stay as it was built.
    const live = allFields(plugin).filter((f) => f.live);
    const next = live.reduce<CommonSettings>(
      (s, f) => withValueAt(s, f.path, valueAt(settings, f.path)),
      current.run.settings,
    );
    const problems = settingsProblems(next, plugin);
    if (problems.length > 0) return fail(problems.join(' '));
    current.run.configure(next);
    return ok(next as TrainingSettings);
  }

  async generate(count: number): Promise<Result<GeneratedRows>> {
    const current = this.current;
    if (!current) return fail(NO_MODEL);
    if (!Number.isInteger(count) || count < 1 || count > MAX_GENERATED_ROWS) {
      return fail(
        `The number of rows must be a whole number from 1 to ${MAX_GENERATED_ROWS.toLocaleString('en')}.`,
      );
    }
    const { run, generationRng } = current;
    const { codec } = run;
    run.model.takeGenerationNote?.(); // The note is about these rows, not a verdict snapshot's.
    const rows = await run.generate(count, generationRng);
    const note = run.model.takeGenerationNote?.() ?? null;
    const csv = writeCsv(
      codec.outputColumns,
      rows.map((row) => row.map((cell) => cell ?? codec.missingMarker)),
    );
    const table = this.table!;
    const keep = table.schema.columns.flatMap((c, i) => (c.kind === 'ignored' ? [] : [i]));
    const realSample = Array.from({ length: Math.min(REAL_SAMPLE_ROWS, table.raw.rows.length) }, () => {
      const row = table.raw.rows[generationRng.int(table.raw.rows.length)]!;
      return keep.map((i) => row[i] ?? null);
    });
    return ok({ columns: codec.outputColumns, rows, csv, realSample, note, privacy: privacySpent(run) });
  }

  async setHoldoutShare(share: number): Promise<Result<TableView>> {
    const problem = holdoutShareProblem(share);
    if (problem) return fail(problem);
    if (!this.table) return fail('Load a table first.');
    // The generator must never have seen the held-out rows: a new split means a new model.
    await this.discardRun();
    this.holdoutShare = share;
    this.emitProgress(true);
    return ok(this.tableView());
  }

  /**
   * Real training and held-out rows (capped, seeded) with as many freshly generated rows, for the report
   * worker: packed, so the page relays them without cloning.
   */
  async evaluationData(): Promise<Result<Packed<EvaluationData>>> {
    const current = this.current;
    const table = this.table;
    if (!current || !table) return fail(NO_MODEL);
    const { run } = current;
    const real = evaluationSample(table, run.split, run.seeds.evaluation);
    const generated = await this.generate(real.train.length);
    if (!generated.ok) return generated;
    const model = {
      id: run.settings.model,
      step: run.stepsDone,
      totalSteps: run.totalSteps,
      privacy: generated.value.privacy,
    };
    return packedResult({ ...real, table: table.raw.name, synthetic: generated.value.rows, model });
  }

  async modelDetails() {
    return this.current?.run.model.details?.() ?? null;
  }

  async utilitySample() {
    return feedbackEndpoints.utilitySample(this.current?.run ?? null, this.table);
  }

  async sweepTable() {
    return feedbackEndpoints.sweepTable(this.table, this.holdoutShare);
  }

  // The black-box explorer: see explorerEndpoints.ts.
  async explorerStatus() {
    return explorerEndpoints.status(this.current?.run ?? null, this.table);
  }
  async explorerAnswers(count: number) {
    return explorerEndpoints.answers(this.current?.run ?? null, count);
  }
  async explorerExport() {
    return explorerEndpoints.export(this.current?.run ?? null, this.table);
  }

  /** The live views of the latest snapshot: see liveEndpoints.ts. */
  async liveView(knownSnapshotId: number | null) {
    const current = this.current;
    if (!current) return liveView(null, knownSnapshotId);
    const live = { run: current.run, lab: current.verdicts, modelLabel: current.label, views: current.live };
    const result = await liveView(live, knownSnapshotId);
    // Kept only while the run is still the current one: a Reset during the request drops it.
    if (this.current === current) current.live = live.views;
    return result;
  }

  async discriminatorMap(knownSnapshotId: number | null) {
    const current = this.current;
    if (!current) return discriminatorMap(null, knownSnapshotId);
    const live = { run: current.run, lab: current.verdicts, modelLabel: current.label, views: current.live };
    return discriminatorMap(live, knownSnapshotId);
  }

  async mapRow(point: MapPoint) {
    const current = this.current;
    if (!current) return mapRow(null, point);
    return mapRow({ run: current.run, lab: current.verdicts, modelLabel: current.label, views: null }, point);
  }

  async barRows(request: BarRowsRequest) {
    const current = this.current;
    if (!current) return barRows(null, request);
    const live = { run: current.run, lab: current.verdicts, modelLabel: current.label, views: current.live };
    const result = await barRows(live, request);
    if (this.current === current) current.live = live.views;
    return result;
  }

  // Each model's idea: see ideaEndpoints.ts.
  async ideaKinds() {
    return ideaKinds(this.ideaRun());
  }
  async modelIdea(kind: IdeaKind, knownSnapshotId: number | null) {
    return modelIdea(this.ideaRun(), kind, knownSnapshotId);
  }
  private ideaRun(): IdeaSessionRun | null {
    const current = this.current;
    if (!current) return null;
    const { run } = current;
    current.ideas ??= new RunIdeas({
      codec: run.codec,
      model: run.model,
      rows: run.rows,
      raw: run.training.raw.rows,
      seed: run.seeds.verdicts,
    });
    return { ideas: current.ideas, lab: current.verdicts, modelLabel: current.label };
  }

  // Discriminator verdicts: see verdictEndpoints.ts.
  async verdictStatus() {
    return verdictEndpoints.status(this.verdictRun());
  }
  async takeSnapshot() {
    // A snapshot after a step by hand may still be reading back: this one is that one, not a twin. The
    // step is read after the wait, so the snapshot is named for the model it scores.
    await this.current?.verdicts?.settled();
    return verdictEndpoints.takeSnapshot(this.verdictRun());
  }
  async setSnapshotInterval(steps: number) {
    return verdictEndpoints.setSnapshotInterval(this.verdictRun(), steps);
  }
  async verdicts(request: VerdictRequest) {
    return verdictEndpoints.verdicts(this.verdictRun(), request);
  }
  async passCount(count: number) {
    return verdictEndpoints.passCount(this.verdictRun(), count);
  }
  private verdictRun(): VerdictRun | null {
    const current = this.current;
    return current && { lab: current.verdicts, step: current.run.stepsDone, modelLabel: current.label };
  }

  /** The page's view of the loaded table, or null before any table loads. */
  tableView(): TableView {
    const table = this.table;
    if (!table) throw new Error('No table is loaded.');
    return {
      name: table.raw.name,
      rowCount: table.raw.rows.length,
      columns: table.schema.columns,
      target: table.schema.target,
      preview: table.raw.rows.slice(0, PREVIEW_ROWS),
      warnings: table.warnings,
      holdout: { rows: heldOutCount(targetStrata(table), this.holdoutShare), share: this.holdoutShare },
      readiness: readiness(table, this.holdoutShare),
    };
  }

  private async changeSchema(change: (table: LoadedTable) => Result<Schema>): Promise<Result<TableView>> {
    const table = this.table;
    if (!table) return fail('Load a table first.');
    const result = change(table);
    if (!result.ok) return result;
    await this.discardRun();
    this.table = { ...table, schema: result.value };
    this.emitProgress(true);
    return ok(this.tableView());
  }

  private plan(table: LoadedTable, settings: CommonSettings) {
    return { table, settings, holdoutShare: this.holdoutShare, plugins: this.plugins };
  }

  /** The encoder fit for this table, split and seed, cached: what `prepare` fits, Train reuses. */
  private encoderFit(table: LoadedTable, settings: CommonSettings) {
    return this.encoders.fitFor(table, [this.holdoutShare, settings.seed]);
  }

  /** A string that changes with the table, its columns' types, its target and the held-out share. */
  private tableKey(table: LoadedTable): string {
    const { raw, schema } = table;
    const columns = schema.columns.map((c) => `${c.name}:${c.kind}`);
    return JSON.stringify([raw.name, raw.rows.length, columns, schema.target, this.holdoutShare]);
  }

  /** Sends the page a checkpoint of the run as it is now (between chunks), and keeps it for Roll back. */
  private async saveCheckpoint(current: SessionRun): Promise<void> {
    // Before its preparation is done a run has nothing of its own to save: it is as built.
    if (current.diverged || current.run.preparing || current.checkpoint?.step === current.run.stepsDone)
      return;
    const checkpoint = await takeCheckpoint(current.run);
    if (this.current !== current) return;
    current.checkpoint = checkpoint;
    const table = this.table!;
    // Progress to the checkpoint's step goes first: the page never holds a checkpoint past the step
    // it shows (throttled, progress could trail it, and a worker lost then resumed "ahead" of the page).
    this.emitProgress(true);
    this.listener({
      type: 'checkpoint',
      checkpoint: { runId: current.id, table: this.tableKey(table), checkpoint, health: current.run.health },
    });
  }

  private async checkpointIfDue(current: SessionRun): Promise<void> {
    const lastSaved = current.checkpoint?.step ?? 0;
    if (current.run.stepsDone - lastSaved >= CHECKPOINT_EVERY) await this.saveCheckpoint(current);
  }

  /**
   * A rebuilt run (rolled back, or resumed by a new worker) takes up its health checks up to its step,
   * and the page is shown them: its quality curve goes on instead of starting again.
   */
  private restoreHealth(current: SessionRun, health: RunHealth | null): void {
    if (!health) return;
    current.run.restoreHealth(health);
    const restored = current.run.health;
    if (restored) this.listener({ type: 'health', runId: current.id, health: restored });
  }

  /** Puts a checkpoint into a freshly built run, paused at its step; the run is dropped if it does not fit. */
  private async restoreInto(current: SessionRun, checkpoint: Checkpoint): Promise<Result<void>> {
    const restored = await restoreCheckpoint(current.run, checkpoint);
    if (!restored.ok) {
      await this.discardRun();
      return restored;
    }
    current.checkpoint = checkpoint;
    this.status = current.run.complete ? 'finished' : 'paused';
    this.emitted = { at: 0, points: [] };
    this.emitProgress(true);
    return restored;
  }

  private ensureRun(settings: TrainingSettings, id = ++this.runCounter): Result<SessionRun> {
    if (this.current) return ok(this.current);
    const table = this.table;
    if (!table) return fail('Load a table first.');
    const run = Run.create({ ...this.plan(table, settings), fit: this.encoderFit(table, settings) });
    if (!run.ok) return run;
    const { seeds, model, codec, rows } = run.value;
    this.runCounter = Math.max(this.runCounter, id);
    this.current = {
      id,
      run: run.value,
      label: findPlugin(this.plugins, settings.model)!.label,
      generationRng: createRng(seeds.generation),
      verdicts: createVerdictLab(model, codec, rows, seeds.verdicts),
      checkpoint: null,
      diverged: false,
      live: null,
      stepRows: null,
      ideas: null,
      stepped: false,
    };
    this.emitted = { at: 0, points: [] };
    return ok(this.current);
  }

  private async trainLoop(current: SessionRun): Promise<void> {
    const { run } = current;
    const afterChunk = async (chunk: Chunk) => {
      if (this.current !== current) return;
      current.stepped = true;
      this.record(chunk.losses);
      if (chunk.diverged) {
        this.status = 'paused';
        current.diverged = true;
        this.listener({ type: 'alert', message: chunk.diverged.message + rollBackHint(current) });
        this.emitProgress(true);
        return;
      }
      await this.checkpointIfDue(current);
      if (run.complete) this.finish(run);
      // Progress first: a snapshot's scoring runs before its promise returns (synchronously on wasm).
      this.emitProgress(this.status !== 'training');
      void current.verdicts?.maybeSnapshot(run.stepsDone, this.status === 'finished');
      // A paced run waits out the rest of its frame (messages come in meanwhile).
      if (this.pace !== null) await new Promise((resolve) => setTimeout(resolve, FRAME_MS));
    };
    const keepGoing = () => this.status === 'training' && this.current === current;
    // Each stage of the preparation (the forest, the surrogate…) is shown at least once, however short:
    // the throttle alone could skip a stage that ends within its interval.
    let stage: string | undefined;
    const onSlice = ({ label }: { label: string }) => {
      const now = label.split(':')[0];
      this.emitProgress(now !== stage);
      stage = now;
    };
    if (!(await run.prepare(keepGoing, onSlice))) return;
    // A checkpoint of the start, so Roll back has somewhere to go before the first interval.
    if (!current.checkpoint) await this.saveCheckpoint(current);
    const onHealth = (health: RunHealth) => {
      if (this.current !== current) return;
      this.listener({ type: 'health', runId: current.id, health });
      if (health.stoppedEarly) {
        this.status = 'finished';
        this.emitProgress(true);
      }
    };
    // Paced, a chunk is one frame's steps; else the run's time-boxed chunks.
    const limits = () => (this.pace === null ? undefined : { maxMs: Infinity, maxSteps: this.pace });
    await run.trainUntil(run.totalSteps, { keepGoing, afterChunk, onHealth, limits });
  }

  private finish(run: Run): void {
    this.status = 'finished';
    // A private run stops at its budget: say so, not only "Finished".
    if (run.privacy) this.listener({ type: 'alert', message: finishedMessage(run) });
  }

  /** Makes `backend` the one in use, tells the page, and watches it for a failure under the run. */
  private adoptBackend(backend: BackendInfo): void {
    this.backend = backend.name;
    this.listener({ type: 'backend', backend });
    const name = backend.name;
    this.environment.watchBackend?.((message) => this.backendFailed(name, message));
  }

  /**
   * The backend stopped working under the run: training stops and the page moves the run to a new
   * worker on another backend (app/engineClient.ts), which resumes it from the last checkpoint.
   */
  private backendFailed(name: BackendName, message: string): void {
    if (this.backend !== name) return;
    this.backend = null;
    // The page is told first, while the status still says whether the run was training.
    this.listener({ type: 'backend-failed', backend: name, message });
    if (this.status === 'training') this.status = 'paused';
  }

  /**
   * A step threw (not a loss that stopped being finite: the backend itself). A backend that fails the
   * run's first step in this worker is left for another; a later failure pauses with the error.
   */
  private async stepFailed(current: SessionRun, error: unknown): Promise<void> {
    // A lost GPU device fails the step and settles `lost` in either order: a moment lets the loss be
    // reported as what it is (backendFailed) rather than as a failed step.
    await new Promise((resolve) => setTimeout(resolve, 100));
    if (this.current !== current) return;
    // With no backend in force, its failure was reported already (a lost device fails the steps after).
    // A step trained here if a chunk ended, or if steps of the failing chunk went through before it:
    // a backend is left only when it trained none (a fast backend runs many steps in its first chunk).
    const trained = current.stepped || current.run.stepsDone > (current.checkpoint?.step ?? 0);
    if (this.backend && !trained) {
      this.backendFailed(this.backend, `${this.backend} failed its first training step: ${String(error)}`);
    } else if (this.backend) {
      current.diverged = true;
      const message = `Training stopped: a step failed (${String(error)}).${rollBackHint(current)}`;
      this.listener({ type: 'alert', message });
    }
    this.status = 'paused';
    this.emitProgress(true);
  }

  /** Adds chart points: the mean of each series over the steps just read back, one point per stage. */
  private record(losses: StepLosses[]): void {
    for (const stage of new Set(losses.map((l) => l.stage))) {
      const part = losses.filter((l) => l.stage === stage);
      const last = part.at(-1)!;
      // Per series, over the steps that updated it (a one-player step leaves the other's out).
      const means = last.values.map((_, i) => {
        const values = part.flatMap((l) => (l.values[i] == null ? [] : [l.values[i]]));
        return values.length === 0 ? null : values.reduce((sum, v) => sum + v, 0) / values.length;
      });
      this.emitted.points.push({ step: last.step, values: means, stage });
    }
  }

  private async discardRun(): Promise<void> {
    if (this.status === 'training') this.status = 'paused';
    await this.loop;
    if (this.current) {
      this.current.verdicts?.dispose();
      this.current.run.dispose();
      this.current = null;
    }
    this.runCounter++;
    this.status = 'idle';
    this.emitted = { at: 0, points: [] };
    // The page prepares again for what comes next (a new table, split or run).
    this.planned = null;
  }

  private progress(): TrainingProgress {
    const run = this.current?.run;
    return {
      runId: this.current?.id ?? this.runCounter,
      status: this.status,
      step: run?.stepsDone ?? 0,
      totalSteps: run?.totalSteps ?? this.planned?.totalSteps ?? 0,
      stepsPerEpoch: run?.trainer.stepsPerEpoch ?? this.planned?.stepsPerEpoch ?? 0,
      elapsedMs: run?.elapsedMs ?? 0,
      stepsPerSecond: run && run.elapsedMs > 0 ? (run.stepsDone / run.elapsedMs) * 1000 : 0,
      lossNames: run ? [...run.model.lossNames] : [],
      metricNames: run ? run.metricNames : [],
      stages: (run?.model.stages ?? []).map((s) => ({ name: s.name, series: [...s.series] })),
      stage: run?.stage?.index ?? 0,
      privacy: run ? privacyProgress(run) : null,
      points: [],
      rollbackStep: this.current?.diverged ? (this.current.checkpoint?.step ?? null) : null,
      preparing: run?.preparing?.label ?? null,
      stepRows: this.status === 'training' ? null : (this.current?.stepRows ?? null),
    };
  }

  /** Sends progress with the points gathered since the last event, at most every EMIT_INTERVAL_MS. */
  private emitProgress(force: boolean): void {
    const now = performance.now();
    if (!force && now - this.emitted.at < EMIT_INTERVAL_MS) return;
    const progress = { ...this.progress(), points: this.emitted.points };
    this.emitted = { at: now, points: [] };
    this.listener({ type: 'progress', progress });
  }
}

const NO_MODEL = 'There is no model yet: press Train or Step first.';
const DIVERGED = 'A loss stopped being a finite number or a step failed: press Roll back or Reset first.';

const rollBackHint = (current: SessionRun) =>
  current.checkpoint
    ? ` Or press Roll back to return to step ${current.checkpoint.step.toLocaleString('en')}.`
    : '';

function privacyProgress(run: Run): PrivacyProgress | null {
  const plan = run.privacy;
  if (!plan) return null;
  return {
    epsilonSpent: run.epsilonSpent!,
    epsilonBudget: plan.epsilon,
    delta: plan.delta,
    noiseMultiplier: plan.noiseMultiplier,
    clipNorm: plan.clipNorm,
    samplingRate: plan.samplingRate,
  };
}

/** What the current generator's rows are private to: ε spent so far, at the plan's δ. */
function privacySpent(run: Run): PrivacyLabel | null {
  return run.privacy && { epsilon: run.epsilonSpent!, delta: run.privacy.delta };
}

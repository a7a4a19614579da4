import * as tf from '../nn/tf';
import Papa from 'papaparse';
import { changeColumnKind, changeTarget, inferSchema } from '../data/infer';
import { parseTableFile } from '../data/load';
import type { Schema } from '../data/schema';
import { fail, ok, type RawTable, type Result } from '../data/table';
import type { BackendInfo, BackendName } from '../nn/backend';
import type { TableCodec } from '../encoding/codec';
import type { GanModel, LearningRates } from '../models/model';
import { EncoderCache } from '../encoding/encoderCache';
import { createModel, encoderFor } from '../models/registry';
import { createRng, type Rng } from '../rng';
import { settingsProblems, type TrainingSettings } from '../models/settings';
import {
  DEFAULT_HOLDOUT_SHARE,
  heldOutCount,
  holdoutShareProblem,
  splitTable,
  targetStrata,
  type RowSplit,
} from '../data/split';
import { evaluationSample } from '../eval/report/sample';
import { Trainer } from '../train/trainer';
import { feedbackEndpoints } from './feedbackEndpoints';
import { packedResult, type Packed } from './packed';
import { verdictEndpoints, type VerdictRun } from './verdictEndpoints';
import { yieldToMessages } from './yieldToMessages';
import { createVerdictLab, type VerdictLab } from '../eval/verdicts/verdictLab';
import type { VerdictRequest } from './verdictProtocol';
import type {
  ColumnKind,
  EngineApi,
  EngineListener,
  EvaluationData,
  GeneratedRows,
  LossPoint,
  TableView,
  TrainingProgress,
  TrainingStatus,
} from './protocol';

/** How the session reaches the outside world: backends differ between a browser worker and Node. */
export interface SessionEnvironment {
  chooseBackend(): Promise<BackendInfo>;
  switchBackend(name: BackendName): Promise<Result<BackendInfo>>;
  fetchBytes(url: string): Promise<Uint8Array>;
}

interface LoadedTable {
  raw: RawTable;
  schema: Schema;
  warnings: string[];
}

/** A model being trained, with everything that must be thrown away together on reset. */
interface Run {
  id: number;
  settings: TrainingSettings;
  codec: TableCodec;
  model: GanModel;
  trainer: Trainer;
  totalSteps: number;
  elapsedMs: number;
  generationRng: Rng;
  /** Which rows the generator trains on and which it never sees; the report's real rows come from it. */
  split: RowSplit;
  evaluationSeed: number;
  /** Discriminator verdicts over the run; null when the model has no discriminator. */
  verdicts: VerdictLab | null;
}

const PREVIEW_ROWS = 8;
const MAX_GENERATED_ROWS = 100_000;
const REAL_SAMPLE_ROWS = 20;
/** The loop reads losses back after this much work, then lets messages (Pause) through. */
const CHUNK_MS = 50;
const CHUNK_MAX_STEPS = 64;
/** Progress events are throttled so the page never floods. */
const EMIT_INTERVAL_MS = 100;

/**
 * The training worker's state and logic, free of Worker APIs so Node tests drive it directly.
 * One table, at most one run; the training loop runs between requests and yields after each chunk.
 */
export class EngineSession implements EngineApi {
  private listener: EngineListener = () => {};
  private table: LoadedTable | null = null;
  private run: Run | null = null;
  private status: TrainingStatus = 'idle';
  private loop: Promise<void> | null = null;
  private runCounter = 0;
  private emitted = { at: 0, points: [] as LossPoint[] };
  private holdoutShare = DEFAULT_HOLDOUT_SHARE;
  /**
   * Settles once init's backend probe is done. The demo table loads during the probe, so Train can come
   * before it ends; a model built then trains on a backend the probe is about to switch away from
   * ("Backend 'wasm' has not yet been initialized"), and its loop dies.
   */
  private backendChosen: Promise<unknown> = Promise.resolve();
  private readonly encoders = new EncoderCache();

  constructor(private readonly environment: SessionEnvironment) {}

  async init(listener: EngineListener): Promise<BackendInfo> {
    this.listener = listener;
    const choosing = this.environment.chooseBackend();
    this.backendChosen = choosing.catch(() => undefined);
    const backend = await choosing;
    this.listener({ type: 'backend', backend });
    return backend;
  }

  async setBackend(name: BackendName): Promise<Result<BackendInfo>> {
    // A model's tensors live on one backend: switching starts training afresh.
    await this.discardRun();
    const result = await this.environment.switchBackend(name);
    if (result.ok) this.listener({ type: 'backend', backend: result.value });
    this.emitProgress(true);
    return result;
  }

  async loadUrl(url: string, name: string): Promise<Result<TableView>> {
    let bytes: Uint8Array;
    try {
      bytes = await this.environment.fetchBytes(url);
    } catch (error) {
      return fail(`Could not read ${name}: ${String(error)}`);
    }
    return this.loadFile(bytes, name);
  }

  async loadFile(bytes: Uint8Array, name: string): Promise<Result<TableView>> {
    const parsed = parseTableFile(bytes, name, (fraction) =>
      this.listener({ type: 'parse-progress', name, fraction }),
    );
    if (!parsed.ok) return parsed;
    const schema = inferSchema(parsed.value);
    if (!schema.ok) return schema;
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

  async train(settings: TrainingSettings): Promise<Result<TrainingProgress>> {
    await this.backendChosen;
    if (this.status === 'training') return ok(this.progress());
    if (this.status === 'finished')
      return fail('Training has finished its epochs. Press Reset to start again.');
    const run = this.ensureRun(settings);
    if (!run.ok) return run;
    this.status = 'training';
    this.emitProgress(true);
    this.loop = this.trainLoop(run.value).finally(() => (this.loop = null));
    return ok(this.progress());
  }

  async prepare(settings: TrainingSettings): Promise<void> {
    const table = this.table;
    if (this.run || !table || settingsProblems(settings).length > 0) return;
    const { split, modelRng, fit } = this.trainingSide(table, settings);
    encoderFor(settings, split.training, modelRng, fit);
  }

  async pause(): Promise<TrainingProgress> {
    if (this.status === 'training') this.status = 'paused';
    await this.loop;
    this.emitProgress(true);
    return this.progress();
  }

  async step(settings: TrainingSettings): Promise<Result<TrainingProgress>> {
    await this.backendChosen;
    if (this.status === 'training') await this.pause();
    if (this.status === 'finished')
      return fail('Training has finished its epochs. Press Reset to start again.');
    const run = this.ensureRun(settings);
    if (!run.ok) return run;
    const start = performance.now();
    run.value.trainer.step();
    const losses = await run.value.trainer.readLosses();
    run.value.elapsedMs += performance.now() - start;
    this.status = this.isComplete(run.value) ? 'finished' : 'paused';
    this.record(run.value, losses);
    this.emitProgress(true);
    return ok(this.progress());
  }

  async reset(): Promise<TrainingProgress> {
    await this.discardRun();
    this.emitProgress(true);
    return this.progress();
  }

  async setLearningRates(rates: LearningRates): Promise<void> {
    if (!this.run) return;
    this.run.settings = { ...this.run.settings, learningRates: rates };
    this.run.model.setLearningRates(rates);
  }

  async generate(count: number): Promise<Result<GeneratedRows>> {
    const run = this.run;
    if (!run) return fail('There is no model yet: press Train or Step first.');
    if (!Number.isInteger(count) || count < 1 || count > MAX_GENERATED_ROWS) {
      return fail(
        `The number of rows must be a whole number from 1 to ${MAX_GENERATED_ROWS.toLocaleString('en')}.`,
      );
    }
    const { codec } = run;
    const features = new Float32Array(count * codec.featureWidth);
    const conditions = new Float32Array(count * codec.conditionWidth);
    // In chunks, so a large request never holds a huge tensor on the device.
    for (let start = 0; start < count; start += 2048) {
      const size = Math.min(2048, count - start);
      const condition = run.trainer.sampleConditions(size, run.generationRng);
      const generated = run.model.generate(condition, run.generationRng);
      const [f, c] = await Promise.all([generated.data(), condition.data()]);
      tf.dispose([condition, generated]);
      features.set(f as Float32Array, start * codec.featureWidth);
      conditions.set(c as Float32Array, start * codec.conditionWidth);
    }
    const rows = codec.decodeRows(features, conditions);
    const csv = Papa.unparse({
      fields: codec.outputColumns,
      data: rows.map((row) => row.map((cell) => cell ?? codec.missingMarker)),
    });
    const table = this.table!;
    const keep = table.schema.columns.flatMap((c, i) => (c.kind === 'ignored' ? [] : [i]));
    const realSample = Array.from({ length: Math.min(REAL_SAMPLE_ROWS, table.raw.rows.length) }, () => {
      const row = table.raw.rows[run.generationRng.int(table.raw.rows.length)]!;
      return keep.map((i) => row[i] ?? null);
    });
    return ok({ columns: codec.outputColumns, rows, csv, realSample });
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
    const run = this.run;
    const table = this.table;
    if (!run || !table) return fail('There is no model yet: press Train or Step first.');
    const real = evaluationSample(table, run.split, run.evaluationSeed);
    const generated = await this.generate(real.train.length);
    if (!generated.ok) return generated;
    const model = { id: run.settings.model, step: run.trainer.stepsDone, totalSteps: run.totalSteps };
    return packedResult({ ...real, table: table.raw.name, synthetic: generated.value.rows, model });
  }

  async setLambda(lambda: number): Promise<Result<number>> {
    const settings = feedbackEndpoints.setLambda(this.run, lambda);
    if (!settings.ok) return settings;
    this.run!.settings = settings.value;
    return ok(lambda);
  }

  async utilitySample() {
    return feedbackEndpoints.utilitySample(this.run, this.table);
  }

  async sweepTable() {
    return feedbackEndpoints.sweepTable(this.table, this.holdoutShare);
  }

  // Discriminator verdicts: see verdictEndpoints.ts.
  async verdictStatus() {
    return verdictEndpoints.status(this.verdictRun());
  }
  async takeSnapshot() {
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
    const run = this.run;
    return run && { lab: run.verdicts, step: run.trainer.stepsDone, model: run.settings.model };
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

  private ensureRun(settings: TrainingSettings): Result<Run> {
    if (this.run) return ok(this.run);
    const table = this.table;
    if (!table) return fail('Load a table first.');
    const problems = settingsProblems(settings);
    if (problems.length > 0) return fail(problems.join(' '));
    const { rng, split, modelRng, fit } = this.trainingSide(table, settings);
    const { model, codec } = createModel(settings, split.training, modelRng, fit);
    const rows = codec.encodeRows(split.training.raw);
    if (rows.count < 2) {
      model.dispose();
      return fail('The table needs at least two rows with a target value to train on.');
    }
    const trainer = new Trainer(model, rows, settings.batchSize, rng.seed());
    this.run = {
      id: ++this.runCounter,
      settings,
      codec,
      model,
      trainer,
      totalSteps: settings.epochs * trainer.stepsPerEpoch,
      elapsedMs: 0,
      generationRng: createRng(rng.seed()),
      split: { train: split.train, holdout: split.holdout },
      evaluationSeed: rng.seed(),
      verdicts: createVerdictLab(model, codec, rows, rng.seed()),
    };
    this.emitted = { at: 0, points: [] };
    return ok(this.run);
  }

  /**
   * The split, the model's random stream and the (cached) encoder fit, drawn from the seed in one fixed
   * order: prepare and ensureRun must agree on it to share an encoder.
   */
  private trainingSide(table: LoadedTable, settings: TrainingSettings) {
    const rng = createRng(settings.seed);
    // The generator sees only the training side of the split; its codec is fitted on those rows too.
    const split = splitTable(table, this.holdoutShare, rng.seed());
    const fit = this.encoders.fitFor(table, [this.holdoutShare, settings.seed]);
    return { rng, split, modelRng: createRng(rng.seed()), fit };
  }

  private async trainLoop(run: Run): Promise<void> {
    while (this.status === 'training' && this.run === run && !this.isComplete(run)) {
      const start = performance.now();
      let steps = 0;
      do {
        run.trainer.step();
        steps++;
      } while (steps < CHUNK_MAX_STEPS && performance.now() - start < CHUNK_MS && !this.isComplete(run));
      const losses = await run.trainer.readLosses();
      if (this.run !== run) return;
      run.elapsedMs += performance.now() - start;
      const divergedAt = losses.find((l) => l.values.some((v) => !Number.isFinite(v)));
      this.record(run, losses);
      if (divergedAt) {
        this.status = 'paused';
        this.listener({ type: 'alert', message: divergenceMessage(divergedAt.step, divergedAt.values, run) });
        this.emitProgress(true);
        return;
      }
      if (this.isComplete(run)) this.status = 'finished';
      // Progress first: a snapshot's scoring runs before its promise returns (synchronously on wasm).
      this.emitProgress(this.status !== 'training');
      void run.verdicts?.maybeSnapshot(run.trainer.stepsDone, this.status === 'finished');
      // Let queued messages (Pause, learning-rate changes) in before the next chunk.
      await yieldToMessages();
    }
  }

  private isComplete(run: Run): boolean {
    return run.trainer.stepsDone >= run.totalSteps;
  }

  /** Adds one chart point: the mean of each loss over the steps just read back. */
  private record(run: Run, losses: { step: number; values: number[] }[]): void {
    const last = losses.at(-1);
    if (!last) return;
    const width = run.model.lossNames.length;
    const means = Array.from(
      { length: width },
      (_, i) => losses.reduce((s, l) => s + l.values[i]!, 0) / losses.length,
    );
    this.emitted.points.push({ step: last.step, values: means });
  }

  private async discardRun(): Promise<void> {
    if (this.status === 'training') this.status = 'paused';
    await this.loop;
    if (this.run) {
      this.run.trainer.dispose();
      this.run.verdicts?.dispose();
      this.run.model.dispose();
      this.run = null;
    }
    this.runCounter++;
    this.status = 'idle';
    this.emitted = { at: 0, points: [] };
  }

  private progress(): TrainingProgress {
    const run = this.run;
    return {
      runId: run?.id ?? this.runCounter,
      status: this.status,
      step: run?.trainer.stepsDone ?? 0,
      totalSteps: run?.totalSteps ?? 0,
      stepsPerEpoch: run?.trainer.stepsPerEpoch ?? 0,
      elapsedMs: run?.elapsedMs ?? 0,
      stepsPerSecond: run && run.elapsedMs > 0 ? (run.trainer.stepsDone / run.elapsedMs) * 1000 : 0,
      lossNames: run ? [...run.model.lossNames] : [],
      points: [],
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

function divergenceMessage(step: number, values: number[], run: Run): string {
  const names = run.model.lossNames.filter((_, i) => !Number.isFinite(values[i]!));
  return (
    `Training paused at step ${step}: the ${names.join(' and ')} loss became ${values.find((v) => !Number.isFinite(v))}. ` +
    'Lower the learning rates, or press Reset and try another seed.'
  );
}

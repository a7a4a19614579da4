import * as tf from '../nn/tf';
import type { TypedTable } from '../data/schema';
import { readiness } from '../data/readiness';
import { splitTable, type RowSplit } from '../data/split';
import { fail, ok, type Cell, type Result } from '../data/table';
import type { TableCodec } from '../encoding/codec';
import { fitEncoder } from '../encoding/encoder';
import type { EncodedRows } from '../encoding/encoder';
import type { EncoderFit } from '../encoding/encoderCache';
import { settingsProblems } from '../models/catalog';
import type { ModelPlugin, Preparing, TrainableModel } from '../models/model';
import type { CommonSettings } from '../models/plugin';
import { findPlugin, MODEL_PLUGINS, type PluginList } from '../models/registry';
import { EPSILON_SERIES } from '../privacy/disclosure';
import { planPrivacy, spentCurve, type PrivacyPlan } from '../privacy/plan';
import { createRng, type Rng } from '../rng';
import type { RunHealth } from '../eval/health';
import { HealthMonitor } from './healthMonitor';
import { stepsPerEpochOf, Trainer, type StepLosses, type StepPart } from './trainer';
import { yieldToMessages } from './yieldToMessages';

/*
 * One training run, written once: the split, the encoding, the model and its steps, read back in chunks
 * with the non-finite guard, and generation. The session, the λ sweep, the backend probe and the
 * benchmarks all train through it, so a seed means the same run everywhere.
 */

/** What a run is built from. */
export interface RunPlan {
  /** The whole loaded table; the run splits it. */
  table: TypedTable;
  settings: CommonSettings;
  /** Share of rows held out from the generator (stratified on the target); 0 trains on every row. */
  holdoutShare: number;
  plugins?: PluginList;
  /** How the tabular encoder is fitted: a cache in front of fitEncoder lets a fit made ahead be reused. */
  fit?: EncoderFit;
}

/**
 * The seeds of one run, drawn from the user's seed in this fixed order. Anything that must repeat part
 * of a run (the λ sweep shares the user's split; `prepare` fits the same encoder) takes them from here.
 */
export interface RunSeeds {
  split: number;
  model: number;
  trainer: number;
  generation: number;
  evaluation: number;
  verdicts: number;
}

export function runSeeds(seed: number): RunSeeds {
  const rng = createRng(seed);
  return {
    split: rng.seed(),
    model: rng.seed(),
    trainer: rng.seed(),
    generation: rng.seed(),
    evaluation: rng.seed(),
    verdicts: rng.seed(),
  };
}

/** The steps one chunk ran, read back together; `diverged` when a value stopped being a finite number. */
export interface Chunk {
  losses: StepLosses[];
  diverged: { step: number; message: string } | null;
}

/** Why `trainUntil` returned: the step asked for, keepGoing said no, a loss not finite, or early stopping. */
export type RunEnd = 'done' | 'stopped' | 'diverged' | 'stopped-early';

/** What `trainUntil` calls back with. */
export interface TrainHooks {
  /** Asked before every chunk: false stops the loop. */
  keepGoing?: () => boolean;
  afterChunk?: (chunk: Chunk) => void | Promise<void>;
  /**
   * Given, the run checks its health on the fixed verdict batch every few epochs (src/train/healthMonitor.ts),
   * calls this with each check and stops early when `settings.patience` says so. Without it, no checks
   * (the λ sweep's short runs need none).
   */
  onHealth?: (health: RunHealth) => void;
  /**
   * Asked before every chunk, so a pace set while training applies at once; undefined keeps the
   * `limits` given to `trainUntil`.
   */
  limits?: () => Omit<ChunkLimits, 'untilStep'> | undefined;
}

/** How long a chunk of steps runs before its losses are read back and other work may come in. */
export interface ChunkLimits {
  maxMs: number;
  maxSteps: number;
  /** Never step past this step count. */
  untilStep: number;
}

/** Rows per generator call, so a large request never holds a huge tensor on the device. */
const GENERATION_CHUNK = 2048;
/** The losses are read back, and messages let in, after this much work. */
const DEFAULT_CHUNK = { maxMs: 50, maxSteps: 64 } as const;
/** Messages are let in between pieces of a model's preparation after about this long. */
const PREPARATION_SLICE_MS = 50;

/** The parts a run is made of, built by `Run.create`. */
interface RunParts {
  settings: CommonSettings;
  seeds: RunSeeds;
  split: RowSplit;
  training: TypedTable;
  codec: TableCodec;
  model: TrainableModel;
  rows: EncodedRows;
  trainer: Trainer;
  privacy: PrivacyPlan | null;
}

export class Run {
  /** The settings in force: those built with, and the live ones (learning rates, λ) as last configured. */
  settings: CommonSettings;
  readonly seeds: RunSeeds;
  /** Which rows the generator trains on and which it never sees; the report's real rows come from it. */
  readonly split: RowSplit;
  /** The training side as a table, with the schema the generator may know (ranges from these rows only). */
  readonly training: TypedTable;
  readonly codec: TableCodec;
  readonly model: TrainableModel;
  /** The training rows, encoded. */
  readonly rows: EncodedRows;
  readonly trainer: Trainer;
  /** The DP-SGD plan of a private run (its σ, δ and steps); null trains without differential privacy. */
  readonly privacy: PrivacyPlan | null;
  /** The planned steps: the epochs asked for, plus any added by `extend`. */
  totalSteps: number;
  /** Time spent stepping, for steps per second. */
  elapsedMs = 0;
  private monitor: HealthMonitor | null = null;
  /** Where the model's preparation stands; null once it is done (or for a model that needs none). */
  preparing: Preparing | null;
  private readonly preparation: Iterator<Preparing, void> | null;

  private constructor(parts: RunParts) {
    this.settings = parts.settings;
    this.seeds = parts.seeds;
    this.split = parts.split;
    this.training = parts.training;
    this.codec = parts.codec;
    this.model = parts.model;
    this.rows = parts.rows;
    this.trainer = parts.trainer;
    this.privacy = parts.privacy;
    // A private run's planned steps are its budget: it stops there, with ε spent to the plan's.
    this.totalSteps = parts.privacy?.steps ?? parts.settings.epochs * parts.trainer.stepsPerEpoch;
    this.spent = parts.privacy ? spentCurve(parts.privacy) : null;
    this.preparation = parts.model.preparation?.() ?? null;
    this.preparing = this.preparation ? { label: 'Preparing the model', fraction: 0 } : null;
  }

  private readonly spent: ((steps: number) => number) | null;

  /** Splits the table, fits the model's encoding and builds the model, or says why it cannot. */
  static create(plan: RunPlan): Result<Run> {
    const plugin = findPlugin(plan.plugins ?? MODEL_PLUGINS, plan.settings.model);
    if (!plugin) return fail(`There is no model called '${plan.settings.model}'.`);
    const problems = [
      ...readiness(plan.table, plan.holdoutShare).problems,
      ...settingsProblems(plan.settings, plugin),
    ];
    if (problems.length > 0) return fail(problems.join(' '));
    const seeds = runSeeds(plan.settings.seed);
    let built: ReturnType<typeof build>;
    try {
      built = build(plugin, plan, seeds);
    } catch (error) {
      // A family may refuse a table it cannot model (the explorer needs a categorical target), saying why.
      return fail(error instanceof Error ? error.message : String(error));
    }
    const { model, codec, training, split } = built;
    // readiness() above guarantees rows to train on: every row with a target value is encoded.
    const rows = codec.encodeRows(training.raw);
    const privacy = trainPrivately(model, plan.settings, rows.count);
    if (!privacy.ok) {
      model.dispose();
      return privacy;
    }
    const trainer = new Trainer(model, rows, plan.settings.batchSize, seeds.trainer);
    return ok(
      new Run({
        settings: plan.settings,
        seeds,
        split,
        training,
        codec,
        model,
        rows,
        trainer,
        privacy: privacy.value,
      }),
    );
  }

  get stepsDone(): number {
    return this.trainer.stepsDone;
  }

  /** The planned epochs are done, or early stopping ended the run. */
  get complete(): boolean {
    return this.trainer.stepsDone >= this.totalSteps || this.monitor?.stopped === true;
  }

  /** The health checks so far; null before the first. */
  get health(): RunHealth | null {
    return this.monitor?.view() ?? null;
  }

  /** Every series a step reports: the model's losses, then the metrics. */
  get seriesNames(): string[] {
    return [...this.model.lossNames, ...this.metricNames];
  }

  /** The model's metrics, then ε spent when the run is private. */
  get metricNames(): string[] {
    return [...(this.model.metricNames ?? []), ...(this.privacy ? [EPSILON_SERIES] : [])];
  }

  /** ε spent by the steps taken so far (at the plan's δ); null for a run without differential privacy. */
  get epsilonSpent(): number | null {
    return this.spent && this.spent(this.stepsDone);
  }

  /**
   * Steps until the chunk's time or step budget is spent (at least one step), then reads the losses
   * back in one transfer and checks them.
   */
  async trainChunk(limits: ChunkLimits, part: StepPart = 'both'): Promise<Chunk> {
    await this.prepare();
    const start = performance.now();
    let steps = 0;
    do {
      this.trainer.step(part);
      steps++;
    } while (
      steps < limits.maxSteps &&
      this.trainer.stepsDone < limits.untilStep &&
      performance.now() - start < limits.maxMs
    );
    const losses = await this.trainer.readLosses();
    const spent = this.spent;
    if (spent) for (const l of losses) l.values.push(spent(l.step));
    this.elapsedMs += performance.now() - start;
    return { losses, diverged: this.divergence(losses) };
  }

  /**
   * Trains to `untilStep` in chunks, yielding to queued messages (Pause, a setting, Cancel) after each.
   * `keepGoing` is asked before every chunk; `afterChunk` sees each one. Resolves with why it stopped.
   */
  async trainUntil(
    untilStep: number,
    hooks: TrainHooks = {},
    limits: Omit<ChunkLimits, 'untilStep'> = DEFAULT_CHUNK,
  ): Promise<RunEnd> {
    if (!(await this.prepare(hooks.keepGoing))) return 'stopped';
    const monitor = hooks.onHealth ? this.healthMonitor() : null;
    while (this.trainer.stepsDone < untilStep) {
      if (hooks.keepGoing && !hooks.keepGoing()) return 'stopped';
      // A chunk ends on a check's step and on the plan's last step, so the checks (and early stopping)
      // fall on the same steps every run; past the plan (trained on without `extend`) only the cadence's.
      const planEnd = this.stepsDone < this.totalSteps ? this.totalSteps : Infinity;
      const stop = monitor ? Math.min(untilStep, planEnd, monitor.nextCheckAfter(this.stepsDone)) : untilStep;
      const chunk = await this.trainChunk({ ...(hooks.limits?.() ?? limits), untilStep: stop });
      const step = this.stepsDone;
      const endsPlan = step === this.totalSteps;
      // The check before afterChunk, so a checkpoint taken there holds the check of its own step.
      if (!chunk.diverged && monitor && hooks.onHealth && (monitor.isDue(step) || endsPlan)) {
        await monitor.check(step);
        const { patience } = this.settings;
        if (monitor.shouldStop(step, patience, this.trainer.stepsPerEpoch)) monitor.stopEarly(step, patience);
        else if (endsPlan) monitor.endOnBest(step);
        hooks.onHealth(monitor.view());
      }
      await hooks.afterChunk?.(chunk);
      if (chunk.diverged) return 'diverged';
      if (this.complete && step < this.totalSteps) return 'stopped-early';
      await yieldToMessages();
    }
    return 'done';
  }

  /** A health check now, outside the training loop (a benchmark's last look at a run). */
  async checkHealth(): Promise<RunHealth> {
    return this.healthMonitor().check(this.stepsDone);
  }

  /** Takes up a reopened run's saved health checks; call after its checkpoint is restored. */
  restoreHealth(saved: RunHealth): void {
    this.healthMonitor().restore(saved, this.stepsDone);
  }

  /** Made at the first check: runs that never check (the λ sweep's) never pay for the reference. */
  private healthMonitor(): HealthMonitor {
    this.monitor ??= new HealthMonitor(
      this.model,
      this.codec,
      this.rows,
      this.training,
      this.seeds.verdicts,
      this.trainer.stepsPerEpoch,
    );
    return this.monitor;
  }

  /**
   * Plans `epochs` more epochs after the ones planned so far: a finished run trains on, unchanged. A run
   * stopped early trains on from the best generator it put back, its patience counted from here.
   */
  extend(epochs: number): void {
    this.totalSteps = Math.max(this.totalSteps, this.stepsDone) + epochs * this.trainer.stepsPerEpoch;
    this.monitor?.resume(this.stepsDone);
  }

  /**
   * Does the model's preparation (see TrainableModel.preparation) in slices of about
   * PREPARATION_SLICE_MS, letting queued messages in after each; `onSlice` sees where it stands. Resolves
   * with true once it is done, or false when `keepGoing` says to stop first (the rest waits for the next call).
   */
  async prepare(keepGoing: () => boolean = () => true, onSlice?: (at: Preparing) => void): Promise<boolean> {
    while (this.preparing) {
      if (!keepGoing()) return false;
      const start = performance.now();
      do {
        const next = this.preparation!.next();
        this.preparing = next.done ? null : next.value;
      } while (this.preparing && performance.now() - start < PREPARATION_SLICE_MS);
      if (this.preparing) onSlice?.(this.preparing);
      await yieldToMessages();
    }
    return true;
  }

  /** Takes the settings the family marks live (learning rates, λ) from the next step on. */
  configure(settings: CommonSettings): void {
    this.settings = settings;
    this.model.configure(settings);
  }

  /**
   * Generates `count` rows as encoded features and conditions, the conditions drawn from the training
   * rows' target distribution. Inference only: the model and the training streams are untouched, so
   * generating never changes how a run trains.
   */
  async generateEncoded(
    count: number,
    rng: Rng,
  ): Promise<{ features: Float32Array; conditions: Float32Array }> {
    await this.prepare();
    const { featureWidth, conditionWidth } = this.codec;
    const features = new Float32Array(count * featureWidth);
    const conditions = new Float32Array(count * conditionWidth);
    for (let start = 0; start < count; start += GENERATION_CHUNK) {
      const size = Math.min(GENERATION_CHUNK, count - start);
      const condition = this.trainer.sampleConditions(size, rng);
      const generated = this.model.generate(condition, rng);
      try {
        const [f, c] = await Promise.all([generated.data(), condition.data()]);
        features.set(f as Float32Array, start * featureWidth);
        conditions.set(c as Float32Array, start * conditionWidth);
      } finally {
        tf.dispose([condition, generated]);
      }
    }
    return { features, conditions };
  }

  /** Generated rows as table cells, in the codec's `outputColumns`. */
  async generate(count: number, rng: Rng): Promise<Cell[][]> {
    const { features, conditions } = await this.generateEncoded(count, rng);
    return this.codec.decodeRows(features, conditions);
  }

  dispose(): void {
    this.monitor?.dispose();
    this.trainer.dispose();
    this.model.dispose();
  }

  /** Whether steps of `stage` report each series (a staged model's other series are NaN there). */
  reports(stage: number): boolean[] {
    const series = this.model.stages?.[stage]?.series;
    return this.seriesNames.map((name) => !series || series.includes(name));
  }

  /** The stage the next step trains in, by name; null for a model without stages. */
  get stage(): { index: number; name: string } | null {
    const stages = this.model.stages;
    if (!stages) return null;
    const index = this.trainer.stageAt(this.trainer.stepsDone);
    return { index, name: stages[index]!.name };
  }

  private divergence(losses: StepLosses[]): Chunk['diverged'] {
    // null is a series the step did not update (one player's step), not a bad value; a staged model's
    // series that its stage does not report are not checked either.
    const broken = (l: StepLosses) => {
      const reported = this.reports(l.stage);
      return l.values.map((v, i) => reported[i]! && v !== null && !Number.isFinite(v));
    };
    const bad = losses.find((l) => broken(l).some(Boolean));
    if (!bad) return null;
    const names = this.seriesNames.filter((_, i) => broken(bad)[i]);
    const value = bad.values.find((_, i) => broken(bad)[i]);
    return {
      step: bad.step,
      message:
        `Training paused at step ${bad.step}: the ${names.join(' and ')} loss became ${value}. ` +
        'Lower the learning rates, or press Reset and try another seed.',
    };
  }
}

/**
 * Puts the model on DP-SGD when the settings ask for it, planning σ for the run's steps (one epoch is
 * rows ÷ batch size Poisson-sampled steps); the plan, or null without differential privacy.
 */
function trainPrivately(
  model: TrainableModel,
  settings: CommonSettings,
  rows: number,
): Result<PrivacyPlan | null> {
  const dp = settings.differentialPrivacy;
  if (!dp) return ok(null);
  if (!model.trainPrivately)
    return fail(`The ${settings.model} model cannot train with differential privacy.`);
  const steps = privateSteps(settings, rows);
  try {
    const plan = planPrivacy(dp, rows, settings.batchSize, steps);
    model.trainPrivately(plan);
    return ok(plan);
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
}

/** The split, the encoding and the model, each from its own seed. */
function build(plugin: ModelPlugin, plan: RunPlan, seeds: RunSeeds) {
  // The generator sees only the training side of the split; its codec is fitted on those rows too.
  const { training, train, holdout } = splitTable(plan.table, plan.holdoutShare, seeds.split);
  const rng = createRng(seeds.model);
  const codec = plugin.encode(plan.settings, training, rng, plan.fit ?? fitEncoder);
  const model = plugin.create(codec, plan.settings, training, rng);
  return { model, codec, training, split: { train, holdout } };
}

/** The steps a private run takes: its epochs of rows ÷ batch size Poisson-sampled steps. */
const privateSteps = (settings: CommonSettings, rows: number) =>
  settings.epochs * Math.max(1, Math.round(rows / settings.batchSize));

/** What a run of a plan will count to before it takes its first step. */
export interface PlannedSteps {
  stepsPerEpoch: number;
  totalSteps: number;
}

/**
 * Fits the encoding `plan` would build its model on (with a caching `fit`, a run created afterwards
 * from the same plan finds its encoder ready) and says how many steps that run will plan; null when
 * the plan cannot make a run (Train will say why).
 */
export function prepareEncoding(plan: RunPlan & { fit: EncoderFit }): PlannedSteps | null {
  const plugin = findPlugin(plan.plugins ?? MODEL_PLUGINS, plan.settings.model);
  if (!plugin || settingsProblems(plan.settings, plugin).length > 0) return null;
  if (readiness(plan.table, plan.holdoutShare).problems.length > 0) return null;
  const seeds = runSeeds(plan.settings.seed);
  const { training } = splitTable(plan.table, plan.holdoutShare, seeds.split);
  const rng = createRng(seeds.model);
  const codec = plugin.encode(plan.settings, training, rng, plan.fit);
  const rows = codec.encodeRows(training.raw).count;
  if (plan.settings.differentialPrivacy) {
    const totalSteps = privateSteps(plan.settings, rows);
    return { stepsPerEpoch: stepsPerEpochOf(rows, plan.settings.batchSize, true), totalSteps };
  }
  // Whether the model samples its rows (CTGAN's conditional sampling) is the model's own: ask one.
  let sampled: boolean;
  try {
    const model = plugin.create(codec, plan.settings, training, rng);
    sampled = typeof model.rowSampler === 'function';
    model.dispose();
  } catch {
    // A family that refuses this table says why when Train builds it.
    return null;
  }
  const stepsPerEpoch = stepsPerEpochOf(rows, plan.settings.batchSize, sampled);
  return { stepsPerEpoch, totalSteps: plan.settings.epochs * stepsPerEpoch };
}

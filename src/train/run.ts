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
import type { ModelPlugin, TrainableModel } from '../models/model';
import type { CommonSettings } from '../models/plugin';
import { findPlugin, MODEL_PLUGINS, type PluginList } from '../models/registry';
import { createRng, type Rng } from '../rng';
import { Trainer, type StepLosses, type StepPart } from './trainer';
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
  /** The planned steps: the epochs asked for, plus any added by `extend`. */
  totalSteps: number;
  /** Time spent stepping, for steps per second. */
  elapsedMs = 0;

  private constructor(parts: RunParts) {
    this.settings = parts.settings;
    this.seeds = parts.seeds;
    this.split = parts.split;
    this.training = parts.training;
    this.codec = parts.codec;
    this.model = parts.model;
    this.rows = parts.rows;
    this.trainer = parts.trainer;
    this.totalSteps = parts.settings.epochs * parts.trainer.stepsPerEpoch;
  }

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
    const { model, codec, training, split } = build(plugin, plan, seeds);
    // readiness() above guarantees rows to train on: every row with a target value is encoded.
    const rows = codec.encodeRows(training.raw);
    const trainer = new Trainer(model, rows, plan.settings.batchSize, seeds.trainer);
    return ok(new Run({ settings: plan.settings, seeds, split, training, codec, model, rows, trainer }));
  }

  get stepsDone(): number {
    return this.trainer.stepsDone;
  }

  get complete(): boolean {
    return this.trainer.stepsDone >= this.totalSteps;
  }

  /** Every series a step reports: the model's losses, then its metrics. */
  get seriesNames(): string[] {
    return [...this.model.lossNames, ...(this.model.metricNames ?? [])];
  }

  /**
   * Steps until the chunk's time or step budget is spent (at least one step), then reads the losses
   * back in one transfer and checks them.
   */
  async trainChunk(limits: ChunkLimits, part: StepPart = 'both'): Promise<Chunk> {
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
    this.elapsedMs += performance.now() - start;
    return { losses, diverged: this.divergence(losses) };
  }

  /**
   * Trains to `untilStep` in chunks, yielding to queued messages (Pause, a setting, Cancel) after each.
   * `keepGoing` is asked before every chunk; `afterChunk` sees each one. Resolves with why it stopped.
   */
  async trainUntil(
    untilStep: number,
    hooks: { keepGoing?: () => boolean; afterChunk?: (chunk: Chunk) => void | Promise<void> } = {},
    limits: Omit<ChunkLimits, 'untilStep'> = DEFAULT_CHUNK,
  ): Promise<'done' | 'stopped' | 'diverged'> {
    while (this.trainer.stepsDone < untilStep) {
      if (hooks.keepGoing && !hooks.keepGoing()) return 'stopped';
      const chunk = await this.trainChunk({ ...limits, untilStep });
      await hooks.afterChunk?.(chunk);
      if (chunk.diverged) return 'diverged';
      await yieldToMessages();
    }
    return 'done';
  }

  /** Plans `epochs` more epochs after the ones planned so far: a finished run trains on, unchanged. */
  extend(epochs: number): void {
    this.totalSteps += epochs * this.trainer.stepsPerEpoch;
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
    this.trainer.dispose();
    this.model.dispose();
  }

  private divergence(losses: StepLosses[]): Chunk['diverged'] {
    // null is a series the step did not update (one player's step), not a bad value.
    const broken = (v: number | null) => v !== null && !Number.isFinite(v);
    const bad = losses.find((l) => l.values.some(broken));
    if (!bad) return null;
    const names = this.seriesNames.filter((_, i) => broken(bad.values[i]!));
    const value = bad.values.find(broken);
    return {
      step: bad.step,
      message:
        `Training paused at step ${bad.step}: the ${names.join(' and ')} loss became ${value}. ` +
        'Lower the learning rates, or press Reset and try another seed.',
    };
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

/**
 * Fits the encoding `plan` would build its model on, and nothing else: with a caching `fit`, a run
 * created afterwards from the same plan finds its encoder ready.
 */
export function prepareEncoding(plan: RunPlan & { fit: EncoderFit }): void {
  const plugin = findPlugin(plan.plugins ?? MODEL_PLUGINS, plan.settings.model);
  if (!plugin || settingsProblems(plan.settings, plugin).length > 0) return;
  const seeds = runSeeds(plan.settings.seed);
  const { training } = splitTable(plan.table, plan.holdoutShare, seeds.split);
  plugin.encode(plan.settings, training, createRng(seeds.model), plan.fit);
}

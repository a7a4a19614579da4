import type { TypedTable } from '../data/schema';
import type { Cell } from '../data/table';
import type { TableCodec } from '../encoding/codec';
import type { EncodedRows } from '../encoding/encoder';
import {
  batchHealth,
  healthColumns,
  healthReference,
  healthTrend,
  type HealthPoint,
  type HealthProblem,
  type HealthReference,
  type HealthSignal,
  type RunHealth,
  type SignalId,
} from '../eval/health';
import { batchConditions, BATCH_SIZE, generateBatch, type FixedBatch } from '../eval/verdicts/fixedBatch';
import { verdictBatch } from '../eval/verdicts/verdictLab';
import type { TrainableModel } from '../models/model';
import * as tf from '../nn/tf';

/** Checks fall on whole epochs, at least this many steps apart: a check costs about as much as a few steps. */
export const MIN_STEPS_BETWEEN_CHECKS = 100;
/**
 * A signal is reported once it fails at this many checks in a row: a generator a few hundred steps old
 * fails some of them on its way to learning the table, a collapsed one fails them for good.
 */
export const FAILS_IN_A_ROW = 3;
/** A quality gain smaller than this is not an improvement for early stopping. */
export const MIN_IMPROVEMENT = 0.002;
/** Signals that say training went wrong; a low quality alone is drawn as the curve, not reported. */
const PROBLEM_SIGNALS: readonly SignalId[] = ['distinct', 'coverage', 'clamp', 'classes', 'divergence'];

/**
 * Watches a run through the fixed verdict batch: every few epochs it decodes the batch the generator
 * writes now and computes the health signals (src/eval/health.ts) against the training rows, keeps the
 * quality curve and the generator of the best quality, and says when early stopping should end the run.
 * One per run; it holds the batch's conditions and the best generator's weights on the device.
 */
export class HealthMonitor {
  readonly everySteps: number;
  private readonly reference: HealthReference;
  private readonly batch: FixedBatch;
  private readonly conditions: tf.Tensor2D;
  private readonly checks: HealthPoint[] = [];
  private signals: HealthSignal[] = [];
  /** Per failing signal: since which step it fails, and at how many checks in a row. */
  private readonly failing = new Map<SignalId, { since: number; count: number; signal: HealthSignal }>();
  private best: { step: number; quality: number; weights: tf.Tensor[] | null } | null = null;
  private stoppedEarly: RunHealth['stoppedEarly'] = null;
  private endedOnBest: RunHealth['endedOnBest'] = null;

  constructor(
    private readonly model: TrainableModel,
    private readonly codec: TableCodec,
    rows: EncodedRows,
    training: TypedTable,
    verdictSeed: number,
    stepsPerEpoch: number,
  ) {
    this.everySteps = stepsPerEpoch * Math.ceil(MIN_STEPS_BETWEEN_CHECKS / stepsPerEpoch);
    const columns = healthColumns(training.schema);
    const used = training.schema.columns.flatMap((c, i) => (c.kind === 'ignored' ? [] : [i]));
    const cells: Cell[][] = training.raw.rows.map((r) => used.map((i) => r[i] ?? null));
    const target = used.indexOf(training.schema.target);
    this.reference = healthReference(columns, cells, BATCH_SIZE, verdictSeed, target);
    this.batch = verdictBatch(rows, codec.conditionWidth, verdictSeed);
    this.conditions = batchConditions(this.batch);
  }

  isDue(step: number): boolean {
    return step > 0 && step % this.everySteps === 0;
  }

  /** The first check step after `step`. */
  nextCheckAfter(step: number): number {
    return (Math.floor(step / this.everySteps) + 1) * this.everySteps;
  }

  /** Decodes the fixed batch as the generator writes it now and updates the signals and the best. */
  async check(step: number): Promise<RunHealth> {
    if (this.checks.at(-1)?.step === step) return this.view();
    const generated = generateBatch(this.model, this.batch, this.conditions);
    let features: Float32Array;
    try {
      features = (await generated.data()) as Float32Array;
    } finally {
      generated.dispose();
    }
    const signals = batchHealth(this.reference, this.codec.decodeRows(features, this.batch.conditions));
    const quality = signals.find((s) => s.id === 'quality')!;
    const measured = Number.isFinite(quality.value) ? quality.value : null;
    this.checks.push({ step, quality: measured });
    const series = this.checks.flatMap((c) =>
      c.quality === null ? [] : [{ step: c.step, quality: c.quality }],
    );
    this.signals = [...signals, healthTrend(series)];
    for (const signal of this.signals) {
      if (signal.ok) this.failing.delete(signal.id);
      else {
        const streak = this.failing.get(signal.id);
        this.failing.set(signal.id, {
          since: streak?.since ?? step,
          count: (streak?.count ?? 0) + 1,
          signal,
        });
      }
    }
    if (measured !== null && (this.best === null || measured > this.best.quality + MIN_IMPROVEMENT))
      this.keepBest(step, measured);
    return this.view();
  }

  get stopped(): boolean {
    return this.stoppedEarly !== null;
  }

  /** Whether `patience` epochs (0: never) have passed since the best check. */
  shouldStop(step: number, patience: number, stepsPerEpoch: number): boolean {
    if (patience <= 0 || !this.best) return false;
    return step - this.best.step >= patience * stepsPerEpoch;
  }

  /** Ends the run on the best generator: its weights go back into the model when it can take them. */
  stopEarly(step: number, patience: number): void {
    this.stoppedEarly = { step, patience, restored: this.putBackBest() };
  }

  /**
   * The planned steps are done (checked at `step`): when an earlier check's generator wrote a better
   * batch than the last one, it goes back in, as early stopping does, so a finished run's rows are its
   * best. A GAN's quality swings between checks (Adult's CGAN: best 0.876, last 0.831), so the last
   * generator is often not the one to keep.
   */
  endOnBest(step: number): void {
    const last = this.checks.at(-1);
    if (!this.best || last?.step !== step || this.best.step === step) return;
    if (last.quality !== null && this.best.quality <= last.quality + MIN_IMPROVEMENT) return;
    this.endedOnBest = { step, restored: this.putBackBest() };
  }

  /** Trains on after a run's end: the generator put back counts as the best from `step` on. */
  resume(step: number): void {
    this.stoppedEarly = null;
    this.endedOnBest = null;
    if (this.best) this.best.step = step;
  }

  /**
   * Takes up the checks of a run reopened at `step` (a saved run's health), so its quality curve and
   * cadence go on. A save holds one generator, the run's own: the best goes on only when that is the
   * best's (the run ended on it, or was saved at its check), counted from `step` as after `resume`; else
   * the next check sets the best. The signals' streaks start again: a save keeps no signals.
   */
  restore(saved: RunHealth, step: number): void {
    this.checks.splice(0, this.checks.length, ...saved.checks.filter((c) => c.step <= step));
    const { best, stoppedEarly, endedOnBest } = saved;
    if (best && (best.step === step || stoppedEarly?.restored || endedOnBest?.restored))
      this.keepBest(step, best.quality);
  }

  view(): RunHealth {
    const problems: HealthProblem[] = PROBLEM_SIGNALS.flatMap((id) => {
      const streak = this.failing.get(id);
      if (!streak || streak.count < FAILS_IN_A_ROW) return [];
      return [{ id, message: streak.signal.message, advice: streak.signal.advice, since: streak.since }];
    });
    return {
      everySteps: this.everySteps,
      checks: [...this.checks],
      signals: this.signals,
      problems,
      best: this.best && { step: this.best.step, quality: this.best.quality },
      stoppedEarly: this.stoppedEarly,
      endedOnBest: this.endedOnBest,
    };
  }

  dispose(): void {
    this.conditions.dispose();
    if (this.best?.weights) tf.dispose(this.best.weights);
  }

  /** Puts the best check's generator back into the model; false when the model cannot take it. */
  private putBackBest(): boolean {
    const weights = this.best?.weights;
    const state = this.model.generatorState?.();
    if (!weights || !state) return false;
    state.forEach((v, i) => v.assign(weights[i]!));
    return true;
  }

  private keepBest(step: number, quality: number): void {
    if (this.best?.weights) tf.dispose(this.best.weights);
    const state = this.model.generatorState?.();
    this.best = { step, quality, weights: state ? state.map((v) => tf.clone(v)) : null };
  }
}

import { defaultDelta, epsilon, epsilonCurve, noiseMultiplierFor } from './accountant';
import type { DpSgd } from './dpsgd';

/** What a user sets for a private run. */
export interface PrivacySettings {
  /**
   * epsilon: spend at most ε over the planned steps (σ is chosen to fit). noise: add noise of this
   * multiplier σ (the ε it costs follows).
   */
  budget: { kind: 'epsilon'; epsilon: number } | { kind: 'noise'; noiseMultiplier: number };
  /** null: the largest power of ten below 1/rows (defaultDelta). */
  delta: number | null;
  /** C: each real row's gradient is clipped to this norm. */
  clipNorm: number;
}

/** Three epsilons the field often reports (Adult DP-GAN papers use 1 to 10), 3 by default. */
export const DEFAULT_PRIVACY: PrivacySettings = {
  budget: { kind: 'epsilon', epsilon: 3 },
  delta: null,
  clipNorm: 1,
};

/** A private run's mechanism and budget, fixed before it starts. */
export interface PrivacyPlan extends DpSgd {
  delta: number;
  /** Steps the budget covers: training stops there. */
  steps: number;
  /** ε spent after all of them. */
  epsilon: number;
}

/** Messages naming each privacy setting out of range; empty when all are usable. */
export function privacyProblems(settings: PrivacySettings): string[] {
  const problems: string[] = [];
  const { budget, delta, clipNorm } = settings;
  if (budget.kind === 'epsilon' && !(budget.epsilon > 0 && Number.isFinite(budget.epsilon)))
    problems.push('Target ε must be a positive number.');
  if (budget.kind === 'noise' && !(budget.noiseMultiplier > 0 && Number.isFinite(budget.noiseMultiplier)))
    problems.push('Noise multiplier σ must be a positive number.');
  if (delta !== null && !(delta > 0 && delta < 1)) problems.push('δ must be above 0 and below 1.');
  if (!(clipNorm > 0 && Number.isFinite(clipNorm))) problems.push('Clip norm must be a positive number.');
  return problems;
}

/**
 * The plan for `steps` discriminator updates on `rows` training rows, each drawing rows with
 * probability batchSize / rows. Throws when the settings are out of range or ε cannot be reached.
 */
export function planPrivacy(
  settings: PrivacySettings,
  rows: number,
  batchSize: number,
  steps: number,
): PrivacyPlan {
  const problems = privacyProblems(settings);
  if (problems.length > 0) throw new Error(problems.join(' '));
  const samplingRate = Math.min(1, batchSize / rows);
  const delta = settings.delta ?? defaultDelta(rows);
  const noiseMultiplier =
    settings.budget.kind === 'noise'
      ? settings.budget.noiseMultiplier
      : noiseMultiplierFor({ epsilon: settings.budget.epsilon, delta }, samplingRate, steps);
  return {
    clipNorm: settings.clipNorm,
    noiseMultiplier,
    samplingRate,
    expectedBatchSize: samplingRate * rows,
    delta,
    steps,
    epsilon: epsilon({ samplingRate, noiseMultiplier, steps }, delta),
  };
}

/** ε spent after each number of steps of a plan. */
export function spentCurve(plan: PrivacyPlan): (steps: number) => number {
  return epsilonCurve(plan.samplingRate, plan.noiseMultiplier, plan.delta);
}

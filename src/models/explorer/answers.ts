/*
 * The explorer's answers to the assignment's questions, from asked and obtained confidences: how far
 * apart they are overall and per confidence decile, how often each class is hit, where the forest's scores
 * of the generated rows fall, and a one-line reading of each. Plain numbers: the worker computes them, the
 * page draws them, the export saves them.
 */
import { obtainedConfidence, type Ask } from './asks';
import { argmax } from './blackBox';
import { SUCCESS_MARGIN } from './description';

const BINS = 10;

export interface DecileError {
  /** The decile of asked confidence: [from, to). */
  from: number;
  to: number;
  count: number;
  mae: number;
}

export interface ClassAnswers {
  name: string;
  /** Rows that asked for this class. */
  asked: number;
  /** Share of them within ±SUCCESS_MARGIN of the asked confidence and predicted as this class. */
  success: number;
  mae: number;
  /** The forest's confidence in the rows that asked for this class, counted in ten bins over [0, 1]. */
  histogram: number[];
}

export interface Answers {
  classes: string[];
  asked: number[];
  obtained: number[];
  /** Asked class per row (−1: none asked). */
  askedClass: number[];
  /** The forest's predicted class per row. */
  predicted: number[];
  mae: number;
  /** Deciles with at least one ask, in order. */
  deciles: DecileError[];
  perClass: ClassAnswers[];
  readings: string[];
}

export function answers(
  asks: readonly Ask[],
  probabilities: ArrayLike<number>,
  classes: readonly string[],
): Answers {
  const k = classes.length;
  const obtained = asks.map((ask, i) => obtainedConfidence(probabilities, i, k, ask));
  const predicted = asks.map((_, i) => argmax(probabilities, i * k, k));
  const errors = asks.map((ask, i) => Math.abs(ask.confidence - obtained[i]!));
  const deciles: DecileError[] = [];
  for (let d = 0; d < BINS; d++) {
    const inside = asks.flatMap((ask, i) => (decileOf(ask.confidence) === d ? [errors[i]!] : []));
    if (inside.length > 0)
      deciles.push({ from: d / BINS, to: (d + 1) / BINS, count: inside.length, mae: mean(inside) });
  }
  const perClass = classes.map((name, c) => {
    const rows = asks.flatMap((ask, i) => (ask.classIndex === c ? [i] : []));
    const hits = rows.filter((i) => errors[i]! <= SUCCESS_MARGIN + 1e-9 && predicted[i] === c);
    const histogram = Array<number>(BINS).fill(0);
    for (const i of rows) histogram[decileOf(obtained[i]!)]!++;
    return {
      name,
      asked: rows.length,
      success: rows.length > 0 ? hits.length / rows.length : NaN,
      mae: rows.length > 0 ? mean(rows.map((i) => errors[i]!)) : NaN,
      histogram,
    };
  });
  const mae = mean(errors);
  return {
    classes: [...classes],
    asked: asks.map((a) => a.confidence),
    obtained,
    askedClass: asks.map((a) => a.classIndex ?? -1),
    predicted,
    mae,
    deciles,
    perClass,
    readings: readings(mae, deciles, perClass, obtained),
  };
}

function readings(
  mae: number,
  deciles: DecileError[],
  perClass: ClassAnswers[],
  obtained: number[],
): string[] {
  const out = [`The forest's confidence misses the asked one by ${fixed(mae)} on average (MAE).`];
  if (deciles.length > 1) {
    const worst = deciles.reduce((a, b) => (b.mae > a.mae ? b : a));
    const best = deciles.reduce((a, b) => (b.mae < a.mae ? b : a));
    out.push(
      `Worst between ${span(worst)} (MAE ${fixed(worst.mae)}), best between ${span(best)} (${fixed(best.mae)}).`,
    );
  }
  const asked = perClass.filter((c) => c.asked > 0);
  if (asked.length > 1) {
    const most = asked.reduce((a, b) => (b.success > a.success ? b : a));
    const least = asked.reduce((a, b) => (b.success < a.success ? b : a));
    out.push(
      most.success === least.success
        ? `Equally successful for every class (${percent(most.success)} within ±${SUCCESS_MARGIN} and of the asked class).`
        : `More successful for ${most.name} (${percent(most.success)}) than for ${least.name} (${percent(least.success)}): within ±${SUCCESS_MARGIN} and of the asked class.`,
    );
  }
  if (obtained.length > 0) {
    const counts = Array<number>(BINS).fill(0);
    for (const o of obtained) counts[decileOf(o)]!++;
    const top = counts.indexOf(Math.max(...counts));
    out.push(
      `The forest scores the rows from ${fixed(Math.min(...obtained))} to ${fixed(Math.max(...obtained))}; ` +
        `the most (${percent(counts[top]! / obtained.length)}) between ${fixed(top / BINS, 1)} and ${fixed((top + 1) / BINS, 1)}.`,
    );
  }
  return out;
}

/** Decile of a confidence in [0, 1]; 1 itself falls in the last. */
export function decileOf(confidence: number): number {
  return Math.min(BINS - 1, Math.max(0, Math.floor(confidence * BINS)));
}

const mean = (values: readonly number[]) =>
  values.length > 0 ? values.reduce((s, v) => s + v, 0) / values.length : NaN;
const fixed = (v: number, digits = 3) => v.toFixed(digits);
const percent = (v: number) => `${Math.round(v * 100)}%`;
const span = (d: DecileError) => `${fixed(d.from, 1)} and ${fixed(d.to, 1)}`;

export interface ConfidenceFigures {
  mean: number;
  min: number;
  max: number;
}

/** The forest on held-out rows, as the assignment shows it: accuracy, and its confidence overall and per predicted class. */
export interface ForestFigures {
  rows: number;
  accuracy: number;
  confidence: ConfidenceFigures;
  perClass: (ConfidenceFigures & { name: string; rows: number })[];
}

export function forestFigures(
  probabilities: ArrayLike<number>,
  truth: ArrayLike<number>,
  classes: readonly string[],
): ForestFigures {
  const k = classes.length;
  const rows = truth.length;
  const predicted = Array.from({ length: rows }, (_, i) => argmax(probabilities, i * k, k));
  const confidence = predicted.map((c, i) => probabilities[i * k + c]!);
  const correct = predicted.filter((c, i) => c === truth[i]).length;
  return {
    rows,
    accuracy: rows > 0 ? correct / rows : NaN,
    confidence: figures(confidence),
    perClass: classes.map((name, c) => {
      const mine = confidence.filter((_, i) => predicted[i] === c);
      return { name, rows: mine.length, ...figures(mine) };
    }),
  };
}

function figures(values: readonly number[]): ConfidenceFigures {
  if (values.length === 0) return { mean: NaN, min: NaN, max: NaN };
  return { mean: mean(values), min: Math.min(...values), max: Math.max(...values) };
}

import type { Schema } from '../data/schema';
import type { Cell } from '../data/table';
import { createRng } from '../rng';
import { metricColumn, numericValue, numericValues, type NumericMetricColumn } from './columns';
import { valueOf, type Measure } from './measure';
import { classSignal, fitClassReader, type ClassReader } from './healthClasses';
import { qualityReport } from './metrics/quality';

/**
 * Is training healthy? Cheap signals on one batch of generated rows (the verdict lab's fixed batch of
 * 2,048), each compared with the training rows: a generator that collapsed onto a few rows, that left
 * levels or ranges of a column out, that pushes numbers past the real range (they are clamped to it on
 * the way out, so they pile up at its ends), or whose rows are simply far from the real ones. Each signal
 * carries its threshold and, when it fails, a plain message of what happened and what to try.
 * `healthTrend` reads the series of quality scores for a run that got worse (divergence).
 */

/** A generated column as the signals see it: a numeric one with the range its values are clamped to. */
export type HealthColumn =
  | (NumericMetricColumn & { min: number; max: number })
  | { name: string; kind: 'categorical' };

export type SignalId = 'distinct' | 'coverage' | 'clamp' | 'classes' | 'quality' | 'divergence';

export interface HealthSignal {
  id: SignalId;
  /** The figure measured (its meaning and direction per signal: see THRESHOLDS). */
  value: number;
  threshold: number;
  ok: boolean;
  /** What was measured, in one sentence (always set: a healthy signal says so too). */
  message: string;
  /** What to try; empty when the signal is ok. */
  advice: string;
}

/**
 * Where each signal fails. distinct, coverage, quality: below the threshold. clamp, divergence: above.
 * Calibrated on Adult, bank-full and the demo tables (docs/cgan.md): a collapsed CGAN scores about 0.0,
 * 0.1, 0.99 and 0.41 on the first four; healthy runs at least 0.8, 0.7, 0.05 and 0.75.
 */
export const THRESHOLDS = {
  /** Distinct generated rows, as a share of the distinct rows in as many real rows. */
  distinct: 0.5,
  /** The worst column's share of the real levels (share ≥ 1%) or real decile ranges it generates. */
  coverage: 0.5,
  /** The worst numeric column's share of values at its clamp limits, minus the real rows' share there. */
  clamp: 0.2,
  /** The batch's quality score (SDMetrics' definition) against the training rows. */
  quality: 0.6,
  /** How far the latest quality fell below the run's best. */
  divergence: 0.1,
} as const;

/** A real level counts for coverage when at least this share of real rows have it. */
const COMMON_LEVEL = 0.01;
const DECILES = 10;
/** Real rows the quality score compares with: as many as the verdict batch, so a snapshot stays cheap. */
const REAL_SAMPLE = 2048;

/** The columns a codec writes (every non-ignored column, in table order), with their clamp limits. */
export function healthColumns(schema: Schema): HealthColumn[] {
  return schema.columns.flatMap((c): HealthColumn[] => {
    if (c.kind === 'ignored') return [];
    return c.kind === 'numeric'
      ? [{ ...(metricColumn(c) as NumericMetricColumn), min: c.min, max: c.max }]
      : [{ name: c.name, kind: 'categorical' }];
  });
}

/** What the signals compare with, computed once per run from the training rows. */
export interface HealthReference {
  columns: HealthColumn[];
  /** A seeded sample of the training rows (all of them when fewer than REAL_SAMPLE). */
  real: Cell[][];
  /** Per column: the common real levels, or the real decile edges. */
  regions: ColumnRegions[];
  /** Per column: the real rows' share of values at the clamp limits (0 for categorical columns). */
  realAtLimits: number[];
  /** Distinct rows (numbers as their decile range) among `batchSize` real rows drawn with replacement. */
  realDistinct: number;
  batchSize: number;
  /** Reads a row's class from its other columns (src/eval/healthClasses.ts); null without a class target. */
  classes: ClassReader | null;
}

type ColumnRegions =
  | { kind: 'levels'; levels: Set<string> }
  | { kind: 'ranges'; edges: number[]; column: NumericMetricColumn };

/**
 * `training` holds the training rows in the codec's column order (`columns`); `batchSize` is the size of
 * the batches that will be checked; `target` is the target's index among `columns` (none: no classes
 * signal). Seeded: the same rows and seed give the same reference.
 */
export function healthReference(
  columns: HealthColumn[],
  training: readonly (readonly Cell[])[],
  batchSize: number,
  seed: number,
  target?: number,
): HealthReference {
  const rng = createRng(seed);
  const real =
    training.length <= REAL_SAMPLE
      ? training.map((r) => [...r])
      : Array.from({ length: REAL_SAMPLE }, () => [...training[rng.int(training.length)]!]);
  const drawn = Array.from({ length: batchSize }, () => training[rng.int(training.length)]!);
  const regions = columns.map((column, c) => regionsOf(column, training, c));
  return {
    columns,
    real,
    regions,
    realAtLimits: columns.map((column, c) => shareAtLimits(column, training, c)),
    realDistinct: distinctRows(regions, drawn),
    batchSize,
    classes: target === undefined ? null : fitClassReader(columns, training, target),
  };
}

/** The five signals of one generated batch. */
export function batchHealth(
  reference: HealthReference,
  generated: readonly (readonly Cell[])[],
): HealthSignal[] {
  return [
    distinctSignal(reference, generated),
    coverageSignal(reference, generated),
    clampSignal(reference, generated),
    classSignal(reference.classes, generated),
    qualitySignal(reference, generated),
  ];
}

export function distinctSignal(
  reference: HealthReference,
  generated: readonly (readonly Cell[])[],
): HealthSignal {
  const distinct = distinctRows(reference.regions, generated);
  // As many real rows have `realDistinct` distinct rows: a table of few columns and levels has few.
  const expected = Math.min(
    reference.realDistinct * (generated.length / reference.batchSize),
    generated.length,
  );
  const value = expected > 0 ? Math.min(1, distinct / expected) : 1;
  const ok = value >= THRESHOLDS.distinct;
  return {
    id: 'distinct',
    value,
    threshold: THRESHOLDS.distinct,
    ok,
    message: `${count(distinct)} distinct rows among ${count(generated.length)} generated, numbers read as their real decile (about ${count(Math.round(expected))} among as many real rows).`,
    advice: ok
      ? ''
      : 'The generator has collapsed onto a few rows (mode collapse). Try a lower learning rate, a larger ' +
        'batch, or the CTGAN-style model, whose critic judges rows in packs and so sees repeats.',
  };
}

export function coverageSignal(
  reference: HealthReference,
  generated: readonly (readonly Cell[])[],
): HealthSignal {
  const scores = reference.columns.map((column, c) => ({
    column,
    ...columnCoverage(reference.regions[c]!, generated, c),
  }));
  const worst = scores.reduce<(typeof scores)[number] | null>(
    (w, s) => (s.total > 0 && (w === null || s.share < w.share) ? s : w),
    null,
  );
  const value = worst?.share ?? 1;
  const ok = value >= THRESHOLDS.coverage;
  const what = (s: (typeof scores)[number]) =>
    `${s.column.name}: ${s.hit} of ${s.total} ${s.column.kind === 'numeric' ? 'real decile ranges' : 'common real levels'}`;
  const short = scores.filter((s) => s.total > 0 && s.share < THRESHOLDS.coverage);
  return {
    id: 'coverage',
    value,
    threshold: THRESHOLDS.coverage,
    ok,
    message: worst
      ? ok
        ? `Every column covers most of its real values (least: ${what(worst)}).`
        : `Generated rows leave out much of the real data: ${short.slice(0, 3).map(what).join('; ')}${short.length > 3 ? `; and ${short.length - 3} more columns` : ''}.`
      : 'No column has real values to cover.',
    advice: ok
      ? ''
      : 'Parts of the real data are never generated. Train longer, or try the CTGAN-style model: it ' +
        'samples training rows so that rare categories come up often.',
  };
}

export function clampSignal(
  reference: HealthReference,
  generated: readonly (readonly Cell[])[],
): HealthSignal {
  let worst: { name: string; share: number; real: number; excess: number; column: HealthColumn } | null =
    null;
  reference.columns.forEach((column, c) => {
    if (column.kind !== 'numeric') return;
    const share = shareAtLimits(column, generated, c);
    const real = reference.realAtLimits[c]!;
    if (worst === null || share - real > worst.excess)
      worst = { name: column.name, share, real, excess: share - real, column };
  });
  const w = worst as {
    name: string;
    share: number;
    real: number;
    excess: number;
    column: HealthColumn;
  } | null;
  const value = Math.max(0, w?.excess ?? 0);
  const ok = value <= THRESHOLDS.clamp;
  const limits = w?.column.kind === 'numeric' ? ` (${w.column.min} or ${w.column.max})` : '';
  return {
    id: 'clamp',
    value,
    threshold: THRESHOLDS.clamp,
    ok,
    message: w
      ? `${percent(w.share)} of generated ${w.name} values sit at the column's limits${limits}, against ${percent(w.real)} of real ones.`
      : 'No numeric column.',
    advice: ok
      ? ''
      : 'The generator writes numbers beyond the real range, which are clamped to its ends. Try a lower ' +
        'learning rate, or the CTGAN-style model, whose numbers are bounded by construction.',
  };
}

export function qualitySignal(
  reference: HealthReference,
  generated: readonly (readonly Cell[])[],
): HealthSignal {
  const quality = batchQuality(reference, generated);
  // NaN when it cannot be computed: nothing to report, nothing to draw.
  const value = valueOf(quality) ?? NaN;
  const ok = Number.isNaN(value) || value >= THRESHOLDS.quality;
  return {
    id: 'quality',
    value,
    threshold: THRESHOLDS.quality,
    ok,
    message: quality.ok
      ? `Quality score of the generated batch against the training rows: ${value.toFixed(2)}.`
      : `No quality score: ${quality.reason}.`,
    advice: ok
      ? ''
      : 'Generated rows are still far from the real ones. Early in training this is normal; if it stays ' +
        'low, try a lower learning rate or the CTGAN-style model.',
  };
}

/** The quality score (SDMetrics' definition) of a generated batch against the reference's real rows. */
export function batchQuality(reference: HealthReference, generated: readonly (readonly Cell[])[]): Measure {
  // A health column is a metric column with its clamp limits.
  return qualityReport(reference.columns, reference.real, generated as Cell[][]).score;
}

/**
 * Divergence over a run: the latest quality against the best so far. Fails when it fell more than the
 * threshold; `since` is the first snapshot after the best that was already that far below it.
 */
export function healthTrend(
  series: readonly { step: number; quality: number }[],
): HealthSignal & { since?: number } {
  let best = 0;
  series.forEach((p, i) => {
    if (p.quality > series[best]!.quality) best = i;
  });
  const latest = series.at(-1);
  const top = series[best];
  const value = latest && top ? top.quality - latest.quality : 0;
  const ok = value <= THRESHOLDS.divergence;
  const since = ok
    ? undefined
    : series.slice(best + 1).find((p) => top!.quality - p.quality > THRESHOLDS.divergence)?.step;
  return {
    id: 'divergence',
    value,
    threshold: THRESHOLDS.divergence,
    ok,
    ...(since === undefined ? {} : { since }),
    message:
      latest && top
        ? `Quality ${latest.quality.toFixed(2)} at step ${count(latest.step)}; the best was ${top.quality.toFixed(2)} at step ${count(top.step)}.`
        : 'No quality measured yet.',
    advice: ok
      ? ''
      : 'Training is making the rows worse (divergence). Try a lower learning rate, or keep the generator ' +
        'of the best step (early stopping).',
  };
}

function regionsOf(column: HealthColumn, rows: readonly (readonly Cell[])[], c: number): ColumnRegions {
  if (column.kind === 'categorical') {
    const counts = new Map<string, number>();
    for (const row of rows) {
      const cell = row[c];
      if (cell != null) counts.set(cell, (counts.get(cell) ?? 0) + 1);
    }
    const common = [...counts].filter(([, n]) => n >= COMMON_LEVEL * rows.length).map(([level]) => level);
    return { kind: 'levels', levels: new Set(common) };
  }
  const values = Float64Array.from(numericValues(rows, c, column)).sort();
  if (values.length === 0) return { kind: 'ranges', edges: [], column };
  // Decile edges, ties merged: a column that is mostly one value (capital-gain's zeros) has few ranges.
  const edges = [
    ...new Set(
      Array.from({ length: DECILES - 1 }, (_, k) => values[Math.floor(((k + 1) * values.length) / DECILES)]!),
    ),
  ];
  return { kind: 'ranges', edges, column };
}

/** Which of a column's real regions the generated values reach: levels seen, or decile ranges hit. */
function columnCoverage(
  regions: ColumnRegions,
  rows: readonly (readonly Cell[])[],
  c: number,
): { hit: number; total: number; share: number } {
  const seen = new Set<string | number>();
  for (const row of rows) {
    const cell = row[c];
    if (cell == null) continue;
    if (regions.kind === 'levels') {
      if (regions.levels.has(cell)) seen.add(cell);
      continue;
    }
    const x = numericValue(cell, regions.column);
    if (x !== null) seen.add(rangeOf(regions.edges, x));
  }
  const total = regions.kind === 'levels' ? regions.levels.size : regions.edges.length + 1;
  const hit = seen.size;
  return { hit, total, share: total > 0 ? hit / total : 1 };
}

/** The decile range a value falls in: values equal to an edge go to the range above it, as the real ones did. */
function rangeOf(edges: readonly number[], x: number): number {
  let k = 0;
  while (k < edges.length && x >= edges[k]!) k++;
  return k;
}

function shareAtLimits(column: HealthColumn, rows: readonly (readonly Cell[])[], c: number): number {
  if (column.kind !== 'numeric') return 0;
  // Generated numbers are rounded like the column before they are clamped: compare within half a unit
  // of the range's millionth, so 17 and 17.0000001 are both at the limit.
  const tolerance = (column.max - column.min) * 1e-6;
  let present = 0;
  let at = 0;
  for (const row of rows) {
    const x = numericValue(row[c], column);
    if (x === null) continue;
    present++;
    if (x <= column.min + tolerance || x >= column.max - tolerance) at++;
  }
  return present > 0 ? at / present : 0;
}

/**
 * Rows that differ once numbers are read as their real decile range: a collapsed generator whose numbers
 * still jitter writes rows that differ in every cell's last digits, yet are one row to anyone reading them.
 */
function distinctRows(regions: readonly ColumnRegions[], rows: readonly (readonly Cell[])[]): number {
  const key = (row: readonly Cell[]) =>
    row
      .map((cell, c) => {
        const r = regions[c]!;
        if (r.kind === 'levels') return cell ?? '\u0000';
        const x = numericValue(cell, r.column);
        return x === null ? '\u0000' : String(rangeOf(r.edges, x));
      })
      .join('\u0001');
  return new Set(rows.map(key)).size;
}

const count = (n: number) => n.toLocaleString('en');
const percent = (x: number) => `${Math.round(x * 100)}%`;

/** One look at the fixed batch: its quality (null when it cannot be computed). */
export interface HealthPoint {
  step: number;
  quality: number | null;
}

/** A signal that has failed at several checks in a row: what happened, since which step, what to try. */
export interface HealthProblem {
  id: SignalId;
  message: string;
  advice: string;
  /** The first check of the unbroken run of failures. */
  since: number;
}

/** A run's health as the page shows it, plain data. */
export interface RunHealth {
  /** Steps between two checks (whole epochs, at least 100 steps). */
  everySteps: number;
  /** Every check's quality, for the curve beside the losses. */
  checks: HealthPoint[];
  /** The latest check's signals, divergence included. */
  signals: HealthSignal[];
  problems: HealthProblem[];
  /** The check of the highest quality so far. */
  best: { step: number; quality: number } | null;
  /** Set when early stopping ended the run: the generator of `best` was put back. */
  stoppedEarly: { step: number; patience: number; restored: boolean } | null;
  /** Set when the run ended its planned steps on a worse batch than `best`'s, whose generator was put back. */
  endedOnBest: { step: number; restored: boolean } | null;
}

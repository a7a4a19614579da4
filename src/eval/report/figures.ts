import type { Cell } from '../../data/table';
import { numericValue, type MetricColumn } from '../columns';
import { pearson } from '../metrics/quality';
import type { ColumnFigure, CorrelationFigure, DcrFigure, Summary } from './types';

/** The numbers behind the report's plots: small, so the page and the exports draw them without the rows. */

const HISTOGRAM_BINS = 20;
/** Categories beyond this many are merged into "(other)", so bars stay readable. */
const MAX_LEVELS = 12;
export const OTHER_LEVEL = '(other)';
export const MISSING_LEVEL = '(missing)';

export function columnFigure(column: MetricColumn, real: Cell[], synthetic: Cell[]): ColumnFigure {
  if (column.kind === 'numeric') {
    const values = (cells: Cell[]) =>
      cells.flatMap((cell) => {
        const value = numericValue(cell, column);
        return value === null ? [] : [value];
      });
    const r = values(real);
    const s = values(synthetic);
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of [...r, ...s]) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    if (!Number.isFinite(lo)) lo = hi = 0;
    if (hi === lo) hi = lo + 1;
    const edges = Array.from({ length: HISTOGRAM_BINS + 1 }, (_, i) => lo + ((hi - lo) * i) / HISTOGRAM_BINS);
    const missingShare = (cells: Cell[], present: number[]) =>
      cells.length > 0 ? (cells.length - present.length) / cells.length : 0;
    return {
      kind: 'histogram',
      column: column.name,
      ...(column.time ? { time: column.time } : {}),
      edges,
      // Shares of all rows, so the bins and the missing share add up to one.
      real: histogram(r, lo, hi, HISTOGRAM_BINS, real.length),
      synthetic: histogram(s, lo, hi, HISTOGRAM_BINS, synthetic.length),
      missing: [missingShare(real, r), missingShare(synthetic, s)],
    };
  }
  const label = (c: Cell) => c ?? MISSING_LEVEL;
  const realCounts = countBy(real.map(label));
  const synCounts = countBy(synthetic.map(label));
  const ordered = [...realCounts.entries()].sort((a, b) => b[1] - a[1]).map(([level]) => level);
  for (const level of synCounts.keys()) if (!realCounts.has(level)) ordered.push(level);
  const shown = ordered.length > MAX_LEVELS ? ordered.slice(0, MAX_LEVELS - 1) : ordered;
  const shares = (counts: Map<string, number>, total: number) => {
    const out = shown.map((level) => (total > 0 ? (counts.get(level) ?? 0) / total : 0));
    if (shown.length < ordered.length) out.push(1 - out.reduce((a, b) => a + b, 0));
    return out;
  };
  return {
    kind: 'bars',
    column: column.name,
    levels: shown.length < ordered.length ? [...shown, OTHER_LEVEL] : shown,
    real: shares(realCounts, real.length),
    synthetic: shares(synCounts, synthetic.length),
  };
}

export function correlationFigure(
  columns: readonly MetricColumn[],
  real: Cell[][],
  synthetic: Cell[][],
): CorrelationFigure | null {
  const numeric = columns.flatMap((c, i) => (c.kind === 'numeric' ? [i] : []));
  if (numeric.length < 2) return null;
  const notes = new Set<string>();
  const matrix = (rows: Cell[][], side: string) =>
    numeric.map((i) =>
      numeric.map((j) => {
        const rho = pearson(rows, columns, i, j);
        if (rho.ok) return rho.value;
        notes.add(`${rho.reason} in the ${side} rows`);
        return null;
      }),
    );
  return {
    columns: numeric.map((i) => columns[i]!.name),
    real: matrix(real, 'real'),
    synthetic: matrix(synthetic, 'synthetic'),
    blanks: [...notes],
  };
}

/** Both DCR distributions on shared bins from 0 to the largest distance seen. */
export function dcrFigure(toTrain: ArrayLike<number>, toHoldout: ArrayLike<number>): DcrFigure {
  let hi = 0;
  for (const d of [...Array.from(toTrain), ...Array.from(toHoldout)]) hi = Math.max(hi, d);
  // Round the top up to a tidy value so the axis reads well; DCR lives in [0, 1].
  hi = Math.min(1, Math.max(0.01, Math.ceil(hi * 20) / 20));
  const edges = Array.from({ length: HISTOGRAM_BINS + 1 }, (_, i) => (hi * i) / HISTOGRAM_BINS);
  return {
    edges,
    train: histogram(Array.from(toTrain), 0, hi, HISTOGRAM_BINS),
    holdout: histogram(Array.from(toHoldout), 0, hi, HISTOGRAM_BINS),
  };
}

export function summarise(values: ArrayLike<number>): Summary {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  if (n === 0) return { min: 0, median: 0, mean: 0 };
  const median = n % 2 === 1 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
  return { min: sorted[0]!, median, mean: sorted.reduce((s, v) => s + v, 0) / n };
}

/**
 * Shares of `total` rows (all of `values` by default) in `bins` equal bins over [lo, hi]; the top edge belongs
 * to the last bin.
 */
function histogram(values: number[], lo: number, hi: number, bins: number, total = values.length): number[] {
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) {
    const b = Math.min(bins - 1, Math.max(0, Math.floor(((v - lo) / (hi - lo)) * bins)));
    counts[b]!++;
  }
  return counts.map((c) => (total > 0 ? c / total : 0));
}

function countBy(values: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

import type { Cell } from '../../data/table';
import { numericValue, numericValues, type MetricColumn, type NumericMetricColumn } from '../columns';
import { matrix, type Matrix } from './types';

/**
 * The one feature encoding every downstream model shares: numbers standardised (z-scores, with a
 * missing-value indicator when the fitting rows had gaps, the gap itself imputed with the mean), categories
 * one-hot (a missing cell is its own level; a level never seen while fitting encodes as all zeros).
 * Fitted on the training rows only, so nothing about the evaluation rows leaks into the models.
 */

type ColumnFeature =
  | {
      kind: 'numeric';
      column: number;
      source: NumericMetricColumn;
      mean: number;
      std: number;
      offset: number;
      missingAt: number | null;
    }
  | { kind: 'categorical'; column: number; levels: Map<string, number>; offset: number };

export interface FeatureEncoder {
  columns: ColumnFeature[];
  /** Number of encoded features. */
  width: number;
  /** A readable name per encoded feature ("Island=Dream", "Body Mass (g)"). */
  names: string[];
}

const MISSING = '\u0000missing';

/** Fits on `rows`, using every column except those in `exclude` (e.g. the target). */
export function fitFeatureEncoder(
  columns: readonly MetricColumn[],
  rows: readonly Cell[][],
  exclude: readonly number[] = [],
): FeatureEncoder {
  const out: ColumnFeature[] = [];
  const names: string[] = [];
  columns.forEach((column, c) => {
    if (exclude.includes(c)) return;
    const offset = names.length;
    if (column.kind === 'numeric') {
      const values = numericValues(rows, c, column);
      const missing = rows.length - values.length;
      const n = values.length;
      const mean = n > 0 ? values.reduce((s, x) => s + x, 0) / n : 0;
      // Two passes: dates in seconds (about 1.3e9) would lose the variance to rounding in E[x²] − E[x]².
      const variance = n > 0 ? values.reduce((s, x) => s + (x - mean) ** 2, 0) / n : 0;
      // A constant column would divide by zero; it carries no information either way.
      const std = Math.sqrt(variance) || 1;
      names.push(column.name);
      const missingAt = missing > 0 ? offset + 1 : null;
      if (missingAt !== null) names.push(`${column.name} is missing`);
      out.push({ kind: 'numeric', column: c, source: column, mean, std, offset, missingAt });
    } else {
      const levels = new Map<string, number>();
      for (const row of rows) {
        const key = row[c] ?? MISSING;
        if (!levels.has(key)) {
          levels.set(key, levels.size);
          names.push(`${column.name}=${row[c] ?? '(missing)'}`);
        }
      }
      out.push({ kind: 'categorical', column: c, levels, offset });
    }
  });
  return { columns: out, width: names.length, names };
}

export function encodeFeatures(encoder: FeatureEncoder, rows: readonly Cell[][]): Matrix {
  const x = matrix(rows.length, encoder.width);
  rows.forEach((row, r) => {
    const at = r * encoder.width;
    for (const f of encoder.columns) {
      const cell = row[f.column] ?? null;
      if (f.kind === 'numeric') {
        const value = numericValue(cell, f.source);
        // A gap the fitting rows never had is imputed with the mean (0 once standardised), flagged or not.
        if (value === null) {
          if (f.missingAt !== null) x.data[at + f.missingAt] = 1;
        } else x.data[at + f.offset] = (value - f.mean) / f.std;
      } else {
        const level = f.levels.get(cell ?? MISSING);
        if (level !== undefined) x.data[at + f.offset + level] = 1;
      }
    }
  });
  return x;
}

/**
 * Every target level met in any of the row sets, most frequent in the first set first (ties in the
 * order met): the class order both utility measures use.
 */
export function classLevels(sets: readonly (readonly Cell[][])[], target: number): string[] {
  const counts = new Map<string, number>();
  sets.forEach((rows, s) => {
    for (const row of rows) {
      const level = row[target]!;
      counts.set(level, (counts.get(level) ?? 0) + (s === 0 ? 1 : 0));
    }
  });
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([level]) => level);
}

/** Class index of each row's `target` cell in `classes` (-1 when missing or unknown). */
export function encodeClasses(
  rows: readonly Cell[][],
  target: number,
  classes: readonly string[],
): Int32Array {
  const index = new Map(classes.map((c, i) => [c, i]));
  return Int32Array.from(rows, (row) => index.get(row[target] ?? MISSING) ?? -1);
}

/** The `target` cell of each row as a number (NaN when missing: callers keep only rows with a target). */
export function encodeValues(
  rows: readonly Cell[][],
  target: number,
  column: NumericMetricColumn,
): Float64Array {
  return Float64Array.from(rows, (row) => numericValue(row[target], column) ?? NaN);
}

import { numberOf, type CategoricalColumn, type NumericColumn } from '../data/schema';
import type { Cell } from '../data/table';
import type { TimeFormat } from '../data/time';

/**
 * A column as evaluation sees it, and the one way evaluation reads a number from a cell: metrics, the
 * evaluation models, plots, distances and detection all call `numericValue`, which reads a cell as the
 * encoder does (a date as days since 1970, a date-time as seconds, through `numberOf`), so a date column
 * is never read as text that is not a number.
 */

export interface NumericMetricColumn {
  name: string;
  kind: 'numeric';
  /** A date or date-time column: its cells are ISO text, read as days or seconds since 1970. */
  time?: TimeFormat;
}

export interface CategoricalMetricColumn {
  name: string;
  kind: 'categorical';
}

export type MetricColumn = NumericMetricColumn | CategoricalMetricColumn;

/** The evaluation's view of a schema column (ignored columns are never evaluated). */
export function metricColumn(column: NumericColumn | CategoricalColumn): MetricColumn {
  if (column.kind === 'categorical') return { name: column.name, kind: 'categorical' };
  return column.time
    ? { name: column.name, kind: 'numeric', time: column.time }
    : { name: column.name, kind: 'numeric' };
}

/** A numeric cell's value, or null when the cell is missing or holds no finite number: missing stays missing. */
export function numericValue(cell: Cell | undefined, column: NumericMetricColumn): number | null {
  if (cell == null) return null;
  const value = numberOf(cell, column);
  return Number.isFinite(value) ? value : null;
}

/** The present values of column `c` of `rows`, in row order. */
export function numericValues(
  rows: readonly (readonly Cell[])[],
  c: number,
  column: NumericMetricColumn,
): number[] {
  const out: number[] = [];
  for (const row of rows) {
    const value = numericValue(row[c], column);
    if (value !== null) out.push(value);
  }
  return out;
}

/** Whether a cell holds a value: a number for a numeric column, any label for a categorical one. */
export function hasValue(cell: Cell | undefined, column: MetricColumn): boolean {
  return column.kind === 'numeric' ? numericValue(cell, column) !== null : cell != null;
}

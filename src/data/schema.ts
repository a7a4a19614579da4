import type { Cell, RawTable } from './table';
import { parseTime, type TimeFormat } from './time';

/** How the engine treats a column. The user can change it in the schema panel. */
export type ColumnKind = 'numeric' | 'categorical' | 'ignored';

interface ColumnBase {
  name: string;
  /** Number of missing cells. */
  missing: number;
}

export interface NumericColumn extends ColumnBase {
  kind: 'numeric';
  min: number;
  max: number;
  /** Every non-missing value is a whole number: generated values are rounded to whole numbers. */
  integer: boolean;
  /** Most decimal places seen, so generated values are written like the source. */
  decimals: number;
  /** A date or date-time column: numbers are days or seconds since 1970, written back in this format. */
  time?: TimeFormat;
}

export interface CategoricalColumn extends ColumnBase {
  kind: 'categorical';
  /** Distinct non-missing values, most frequent first. */
  levels: string[];
  /** Count of each level, aligned with `levels`. */
  counts: number[];
  /**
   * Rare levels of a high-cardinality column, pooled into the last level, OTHER_LEVEL: one-hot stays
   * narrow, and generated "(other)" values are written back as these levels in their proportions.
   */
  pooled?: { levels: string[]; counts: number[] };
}

/** The level that stands for a high-cardinality column's pooled rare levels. */
export const OTHER_LEVEL = '(other)';

export interface IgnoredColumn extends ColumnBase {
  kind: 'ignored';
  /** Why the column is left out (shown to the user). */
  reason: string;
}

export type ColumnSchema = NumericColumn | CategoricalColumn | IgnoredColumn;

export interface Schema {
  columns: ColumnSchema[];
  /** Index of the column the GAN is conditioned on; never an ignored column. */
  target: number;
}

/** A table with its schema: what the engine trains on. */
export interface TypedTable {
  raw: RawTable;
  schema: Schema;
}

export type { Cell };

/** A numeric cell's value: the number written, or days/seconds since 1970 for a date column. */
export function numberOf(cell: string, column: Pick<NumericColumn, 'time'>): number {
  return column.time ? (parseTime(cell, column.time) ?? NaN) : Number(cell);
}

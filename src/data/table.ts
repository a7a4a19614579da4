/**
 * A table as read from a file, before any typing: the header and row-major text cells.
 * A cell is null where the file marks the value as missing (`?`, empty, `NA`).
 */
export type Cell = string | null;

/** What a file says about a column's type. CSV says nothing; ARFF declares every column. */
export type DeclaredType =
  | { kind: 'numeric' }
  | { kind: 'nominal'; levels: string[] }
  | { kind: 'string' }
  | { kind: 'date' };

export interface RawTable {
  /** The file name the table came from (shown to the user and used in messages). */
  name: string;
  columns: string[];
  /** Every row has exactly `columns.length` cells. */
  rows: Cell[][];
  /** Per column, when the file format declares types (ARFF). */
  declared?: DeclaredType[];
  /** How the file wrote a missing value, so downloads use the same marker. */
  missingMarker: string;
}

/**
 * The smallest and largest number in column `c` of `rows`, read by `valueOf` (a plain number by
 * default); missing cells and values that read as NaN are skipped (±Infinity when none is left).
 */
export function numericExtent(
  rows: readonly (readonly Cell[])[],
  c: number,
  valueOf: (cell: string) => number = Number,
): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const row of rows) {
    const cell = row[c];
    if (cell == null) continue;
    const x = valueOf(cell);
    // NaN fails both comparisons, so it never becomes an end.
    if (x < min) min = x;
    if (x > max) max = x;
  }
  return { min, max };
}

/** Parsing and loading never throw at the user: they return a message that names the problem. */
export type Result<T> = { ok: true; value: T; warnings: string[] } | { ok: false; error: string };

export const ok = <T>(value: T, warnings: string[] = []): Result<T> => ({ ok: true, value, warnings });
export const fail = <T>(error: string): Result<T> => ({ ok: false, error });

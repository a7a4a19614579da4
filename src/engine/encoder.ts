import type { Cell, RawTable } from '../data/table';
import type { CategoricalColumn, NumericColumn, Schema } from '../data/schema';

/**
 * Turns typed table rows into the numbers a GAN trains on, and back.
 * Numbers are standardised (z-scores); categories become one-hot vectors. A missing value is represented
 * explicitly: a categorical column gets its own "missing" level, a numeric column with gaps gets a two-way
 * present/missing span beside its value (the value itself imputed with the mean). Decoding is the exact
 * inverse for categories and rounds, clamps and formats numbers like the source column.
 */

/** A slice of the encoded vector and how the generator should activate it. */
export type OutputSpan =
  | { kind: 'scalar'; offset: number }
  | { kind: 'softmax'; offset: number; width: number };

export interface NumericEncoding {
  kind: 'numeric';
  column: number;
  source: NumericColumn;
  mean: number;
  std: number;
  /** The column has gaps: a [present, missing] softmax span follows the value. */
  hasMissing: boolean;
  offset: number;
  width: number;
}

export interface CategoricalEncoding {
  kind: 'categorical';
  column: number;
  /** One-hot positions: the column's levels, then the missing level when the column has gaps. */
  levels: string[];
  hasMissing: boolean;
  offset: number;
  width: number;
}

export type ColumnEncoding = NumericEncoding | CategoricalEncoding;

export interface TableEncoder {
  /** Generated columns (every column that is neither ignored nor the target), in table order. */
  features: ColumnEncoding[];
  featureWidth: number;
  /** The target, encoded as the condition vector (never with a missing level: such rows are dropped). */
  target: ColumnEncoding;
  conditionWidth: number;
  spans: OutputSpan[];
  /** Header of the rows the generator writes: every non-ignored column, in table order. */
  outputColumns: string[];
  missingMarker: string;
}

/** Encoded training rows, row-major. Rows whose target is missing are left out. */
export interface EncodedRows {
  count: number;
  features: Float32Array;
  conditions: Float32Array;
}

export function fitEncoder(raw: RawTable, schema: Schema): TableEncoder {
  const features: ColumnEncoding[] = [];
  let offset = 0;
  let target: ColumnEncoding | undefined;
  schema.columns.forEach((column, index) => {
    if (column.kind === 'ignored') return;
    const isTarget = index === schema.target;
    const base = isTarget ? 0 : offset;
    const encoding =
      column.kind === 'numeric'
        ? fitNumeric(raw, index, column, base, !isTarget && column.missing > 0)
        : fitCategorical(index, column, base, !isTarget && column.missing > 0);
    if (isTarget) target = encoding;
    else {
      features.push(encoding);
      offset += encoding.width;
    }
  });
  if (!target) throw new Error('The schema has no usable target column.');
  return {
    features,
    featureWidth: offset,
    target,
    conditionWidth: target.width,
    spans: features.flatMap(spansOf),
    outputColumns: schema.columns.filter((c) => c.kind !== 'ignored').map((c) => c.name),
    missingMarker: raw.missingMarker,
  };
}

function fitNumeric(
  raw: RawTable,
  column: number,
  source: NumericColumn,
  offset: number,
  hasMissing: boolean,
): NumericEncoding {
  let sum = 0;
  let sumSq = 0;
  let n = 0;
  for (const row of raw.rows) {
    const cell = row[column];
    if (cell == null) continue;
    const x = Number(cell);
    sum += x;
    sumSq += x * x;
    n++;
  }
  const mean = n > 0 ? sum / n : 0;
  const variance = n > 0 ? Math.max(sumSq / n - mean * mean, 0) : 0;
  // A constant column would divide by zero; its scale does not matter then.
  const std = Math.sqrt(variance) || 1;
  return { kind: 'numeric', column, source, mean, std, hasMissing, offset, width: hasMissing ? 3 : 1 };
}

function fitCategorical(
  column: number,
  source: CategoricalColumn,
  offset: number,
  hasMissing: boolean,
): CategoricalEncoding {
  const width = source.levels.length + (hasMissing ? 1 : 0);
  return { kind: 'categorical', column, levels: source.levels, hasMissing, offset, width };
}

function spansOf(encoding: ColumnEncoding): OutputSpan[] {
  if (encoding.kind === 'categorical') {
    return [{ kind: 'softmax', offset: encoding.offset, width: encoding.width }];
  }
  const value: OutputSpan = { kind: 'scalar', offset: encoding.offset };
  return encoding.hasMissing ? [value, { kind: 'softmax', offset: encoding.offset + 1, width: 2 }] : [value];
}

export function encodeRows(encoder: TableEncoder, raw: RawTable): EncodedRows {
  const targetColumn = encoder.target.column;
  const kept = raw.rows.filter((row) => row[targetColumn] != null);
  const features = new Float32Array(kept.length * encoder.featureWidth);
  const conditions = new Float32Array(kept.length * encoder.conditionWidth);
  const levelIndex = new Map<ColumnEncoding, Map<string, number>>();
  for (const e of [...encoder.features, encoder.target]) {
    if (e.kind === 'categorical') levelIndex.set(e, new Map(e.levels.map((level, i) => [level, i])));
  }
  kept.forEach((row, r) => {
    for (const e of encoder.features) {
      writeCell(e, row[e.column] ?? null, features, r * encoder.featureWidth, levelIndex.get(e));
    }
    writeCell(
      encoder.target,
      row[targetColumn] ?? null,
      conditions,
      r * encoder.conditionWidth,
      levelIndex.get(encoder.target),
    );
  });
  return { count: kept.length, features, conditions };
}

function writeCell(
  e: ColumnEncoding,
  cell: Cell,
  out: Float32Array,
  rowStart: number,
  levels: Map<string, number> | undefined,
): void {
  const at = rowStart + e.offset;
  if (e.kind === 'numeric') {
    out[at] = cell == null ? 0 : (Number(cell) - e.mean) / e.std;
    if (e.hasMissing) out[at + (cell == null ? 2 : 1)] = 1;
    return;
  }
  const index = cell == null ? e.levels.length : levels?.get(cell);
  if (index === undefined) throw new Error(`Value "${cell}" is not a known level of column ${e.column}.`);
  out[at + index] = 1;
}

/**
 * Decodes generated rows back to text cells in `outputColumns` order.
 * `features` and `conditions` are row-major with the encoder's widths; soft outputs are fine (argmax).
 */
export function decodeRows(
  encoder: TableEncoder,
  features: Float32Array,
  conditions: Float32Array,
): Cell[][] {
  const count = features.length / Math.max(encoder.featureWidth, 1);
  const byColumn = [...encoder.features, encoder.target].sort((a, b) => a.column - b.column);
  const rows: Cell[][] = [];
  for (let r = 0; r < count; r++) {
    rows.push(
      byColumn.map((e) =>
        e === encoder.target
          ? readCell(e, conditions, r * encoder.conditionWidth)
          : readCell(e, features, r * encoder.featureWidth),
      ),
    );
  }
  return rows;
}

function readCell(e: ColumnEncoding, data: Float32Array, rowStart: number): Cell {
  const at = rowStart + e.offset;
  if (e.kind === 'numeric') {
    if (e.hasMissing && data[at + 2]! > data[at + 1]!) return null;
    return formatNumber(data[at]! * e.std + e.mean, e.source);
  }
  const index = argmax(data, at, e.width);
  return index < e.levels.length ? e.levels[index]! : null;
}

/** Clamp to the real range and round like the source column, so ages stay whole and never negative. */
export function formatNumber(x: number, source: NumericColumn): string {
  const clamped = Math.min(Math.max(x, source.min), source.max);
  const decimals = source.integer ? 0 : source.decimals;
  return String(Number(clamped.toFixed(decimals)));
}

function argmax(data: Float32Array, start: number, width: number): number {
  let best = 0;
  for (let i = 1; i < width; i++) if (data[start + i]! > data[start + best]!) best = i;
  return best;
}

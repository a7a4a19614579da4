import type { Cell, RawTable } from '../data/table';
import {
  numberOf,
  OTHER_LEVEL,
  type CategoricalColumn,
  type NumericColumn,
  type Schema,
} from '../data/schema';
import { formatTime } from '../data/time';
import { fitMixture, modePosterior, type MixtureMode } from './mixture';
import { createRng, type Rng } from '../rng';

/**
 * Turns typed table rows into the numbers a GAN trains on, and back.
 * Numbers are standardised (z-scores) or, for CTGAN, given mode-specific normalisation (a scalar
 * within a mode of a per-column Gaussian mixture plus the mode's one-hot); categories become one-hot
 * vectors (rare levels of a wide column pooled); dates are days or seconds since 1970. A missing
 * value is represented explicitly: a categorical column gets its own "missing" level, a numeric
 * column with gaps gets a two-way present/missing span beside its value (the value itself imputed).
 * Decoding is the exact inverse for categories and rounds, clamps and formats numbers like the source
 * column.
 */

/**
 * A slice of the encoded vector and how the generator should activate it. A bounded scalar lies in
 * [−1, 1] (mode-specific values: tanh fits); an unbounded one is a z-score (left linear).
 */
export type OutputSpan =
  | { kind: 'scalar'; offset: number; bounded?: boolean }
  | { kind: 'softmax'; offset: number; width: number };

/**
 * standard: one z-score. modes: CTGAN's mode-specific normalisation (Xu et al., 2019): a Gaussian
 * mixture per column; a value becomes (x − μk)/(4σk), clipped to ±0.99, plus a one-hot of mode k,
 * with k drawn from the value's posterior over modes (seeded by `seed`).
 */
export type NumericScaling =
  | { kind: 'standard'; mean: number; std: number }
  | { kind: 'modes'; modes: MixtureMode[]; seed: number; log: boolean };

export interface NumericEncoding {
  kind: 'numeric';
  column: number;
  source: NumericColumn;
  scaling: NumericScaling;
  /** The column has gaps: a [present, missing] softmax span follows the value (and its modes). */
  hasMissing: boolean;
  offset: number;
  width: number;
}

/** How fitEncoder scales numeric feature columns (a numeric target is always standardised). */
export type NumericEncodingChoice = { kind: 'standard' } | { kind: 'modes'; seed: number };

/** A model's Numeric encoding setting as fitEncoder's choice; the mixtures' seed is drawn only for modes. */
export function numericEncodingChoice(setting: 'modes' | 'standard', rng: Rng): NumericEncodingChoice {
  return setting === 'modes' ? { kind: 'modes', seed: rng.seed() } : { kind: 'standard' };
}

export interface CategoricalEncoding {
  kind: 'categorical';
  column: number;
  /** One-hot positions: the column's levels, then the missing level when the column has gaps. */
  levels: string[];
  /** The rare levels behind OTHER_LEVEL, from the schema (high-cardinality columns). */
  pooled?: { levels: string[]; counts: number[] };
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

export function fitEncoder(
  raw: RawTable,
  schema: Schema,
  numeric: NumericEncodingChoice = { kind: 'standard' },
): TableEncoder {
  const features: ColumnEncoding[] = [];
  let offset = 0;
  let target: ColumnEncoding | undefined;
  schema.columns.forEach((column, index) => {
    if (column.kind === 'ignored') return;
    const isTarget = index === schema.target;
    const base = isTarget ? 0 : offset;
    const encoding =
      column.kind === 'numeric'
        ? fitNumeric(raw, index, column, base, !isTarget && column.missing > 0, isTarget ? STANDARD : numeric)
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

const STANDARD: NumericEncodingChoice = { kind: 'standard' };

function fitNumeric(
  raw: RawTable,
  column: number,
  source: NumericColumn,
  offset: number,
  hasMissing: boolean,
  choice: NumericEncodingChoice,
): NumericEncoding {
  const values: number[] = [];
  for (const row of raw.rows) {
    const cell = row[column];
    if (cell != null) values.push(numberOf(cell, source));
  }
  let scaling: NumericScaling;
  if (choice.kind === 'modes') {
    const seeds = createRng(choice.seed);
    const log = longTailed(values);
    const fitted = log ? values.map(Math.log) : values;
    scaling = { kind: 'modes', modes: fitMixture(fitted, seeds.seed()), seed: seeds.seed(), log };
  } else {
    const n = values.length;
    const mean = n > 0 ? values.reduce((s, x) => s + x, 0) / n : 0;
    const variance = n > 0 ? values.reduce((s, x) => s + (x - mean) ** 2, 0) / n : 0;
    // A constant column would divide by zero; its scale does not matter then.
    scaling = { kind: 'standard', mean, std: Math.sqrt(variance) || 1 };
  }
  const width = valueWidth(scaling) + (hasMissing ? 2 : 0);
  return { kind: 'numeric', column, source, scaling, hasMissing, offset, width };
}

/**
 * A positive column with a long right tail (skewness above 2, and less skewed as logarithms): an amount,
 * a price. Its modes are fitted to the logarithms. On the raw values the lowest mode is as wide as its
 * mean (a log-normal amount: mean 10, sd 8.5), so a generator that misses its narrow real share of the
 * mode's range writes values below zero, all clamped to the minimum (a quarter of the bench's generated
 * table's amounts, `npm run bench:defaults`); as logarithms the modes are Gaussian-like and no value is
 * negative.
 */
function longTailed(values: readonly number[]): boolean {
  if (values.length < 3 || !values.every((x) => x > 0)) return false;
  return skewness(values) > 2 && Math.abs(skewness(values.map(Math.log))) < skewness(values);
}

function skewness(values: readonly number[]): number {
  const n = values.length;
  const mean = values.reduce((s, x) => s + x, 0) / n;
  let m2 = 0;
  let m3 = 0;
  for (const x of values) {
    m2 += (x - mean) ** 2;
    m3 += (x - mean) ** 3;
  }
  m2 /= n;
  m3 /= n;
  return m2 > 0 ? m3 / m2 ** 1.5 : 0;
}

/** Positions the value itself takes: one scalar, plus the mode one-hot under mode-specific scaling. */
function valueWidth(scaling: NumericScaling): number {
  return scaling.kind === 'modes' ? 1 + scaling.modes.length : 1;
}

function fitCategorical(
  column: number,
  source: CategoricalColumn,
  offset: number,
  hasMissing: boolean,
): CategoricalEncoding {
  const width = source.levels.length + (hasMissing ? 1 : 0);
  const pooled = source.pooled ? { pooled: source.pooled } : {};
  return { kind: 'categorical', column, levels: source.levels, ...pooled, hasMissing, offset, width };
}

function spansOf(encoding: ColumnEncoding): OutputSpan[] {
  if (encoding.kind === 'categorical') {
    return [{ kind: 'softmax', offset: encoding.offset, width: encoding.width }];
  }
  const { scaling, offset } = encoding;
  const spans: OutputSpan[] =
    scaling.kind === 'modes'
      ? [
          { kind: 'scalar', offset, bounded: true },
          { kind: 'softmax', offset: offset + 1, width: scaling.modes.length },
        ]
      : [{ kind: 'scalar', offset }];
  const at = offset + valueWidth(scaling);
  return encoding.hasMissing ? [...spans, { kind: 'softmax', offset: at, width: 2 }] : spans;
}

export function encodeRows(encoder: TableEncoder, raw: RawTable): EncodedRows {
  const targetColumn = encoder.target.column;
  const kept = raw.rows.filter((row) => row[targetColumn] != null);
  const features = new Float32Array(kept.length * encoder.featureWidth);
  const conditions = new Float32Array(kept.length * encoder.conditionWidth);
  const writers = new Map<ColumnEncoding, CellWriter>();
  for (const e of [...encoder.features, encoder.target]) writers.set(e, cellWriter(e));
  kept.forEach((row, r) => {
    for (const e of encoder.features) {
      writers.get(e)!(row[e.column] ?? null, features, r * encoder.featureWidth + e.offset);
    }
    const target = encoder.target;
    writers.get(target)!(row[targetColumn] ?? null, conditions, r * encoder.conditionWidth + target.offset);
  });
  return { count: kept.length, features, conditions };
}

/** Writes one cell's encoding at `at`. */
type CellWriter = (cell: Cell, out: Float32Array, at: number) => void;

function cellWriter(e: ColumnEncoding): CellWriter {
  if (e.kind === 'categorical') {
    const levels = new Map(e.levels.map((level, i) => [level, i]));
    // Pooled rare levels all encode as the "(other)" level.
    for (const level of e.pooled?.levels ?? []) levels.set(level, e.levels.indexOf(OTHER_LEVEL));
    return (cell, out, at) => writeCategory(e, cell, out, at, levels);
  }
  const { scaling, source } = e;
  const missingAt = valueWidth(scaling);
  if (scaling.kind === 'standard') {
    return (cell, out, at) => {
      out[at] = cell == null ? 0 : (numberOf(cell, source) - scaling.mean) / scaling.std;
      if (e.hasMissing) out[at + missingAt + (cell == null ? 1 : 0)] = 1;
    };
  }
  // One stream per column and encoding pass: encoding the same rows twice gives the same vectors.
  const rng = createRng(scaling.seed);
  const posterior = new Float64Array(scaling.modes.length);
  return (cell, out, at) => {
    if (cell == null) {
      // A missing value: the scalar is 0 in the heaviest mode (an imputed value), the missing flag set.
      out[at + 1 + heaviest(scaling.modes)] = 1;
    } else {
      const value = numberOf(cell, source);
      // A value at or below 0 (never in the rows the modes were fitted to) encodes as the lowest there is.
      const x = scaling.log ? Math.log(Math.max(value, Number.MIN_VALUE)) : value;
      modePosterior(scaling.modes, x, posterior);
      const k = sampleIndex(posterior, rng.next());
      const mode = scaling.modes[k]!;
      out[at] = Math.max(-0.99, Math.min(0.99, (x - mode.mean) / (4 * mode.std)));
      out[at + 1 + k] = 1;
    }
    if (e.hasMissing) out[at + missingAt + (cell == null ? 1 : 0)] = 1;
  };
}

function writeCategory(
  e: CategoricalEncoding,
  cell: Cell,
  out: Float32Array,
  at: number,
  levels: Map<string, number>,
): void {
  const index = cell == null ? e.levels.length : levels.get(cell);
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
          ? readCell(e, conditions, r * encoder.conditionWidth, r)
          : readCell(e, features, r * encoder.featureWidth, r),
      ),
    );
  }
  return rows;
}

function readCell(e: ColumnEncoding, data: Float32Array, rowStart: number, row: number): Cell {
  const at = rowStart + e.offset;
  if (e.kind === 'numeric') {
    const { scaling } = e;
    const missingAt = at + valueWidth(scaling);
    if (e.hasMissing && data[missingAt + 1]! > data[missingAt]!) return null;
    if (scaling.kind === 'standard') return formatNumber(data[at]! * scaling.std + scaling.mean, e.source);
    const { x } = readMode(scaling, data, at);
    return formatNumber(scaling.log ? Math.exp(x) : x, e.source);
  }
  const index = argmax(data, at, e.width);
  if (index >= e.levels.length) return null;
  const level = e.levels[index]!;
  return level === OTHER_LEVEL && e.pooled ? pooledLevel(e.pooled, row, e.column) : level;
}

/**
 * A mode-specific value at `at` (its scalar, then its modes' one-hot or soft scores): the mode it is in
 * and the value on the fitted scale (logarithms for a `log` column), before clamping to the range.
 */
export function readMode(
  scaling: Extract<NumericScaling, { kind: 'modes' }>,
  data: Float32Array,
  at: number,
): { mode: number; x: number } {
  const mode = argmax(data, at + 1, scaling.modes.length);
  const { mean, std } = scaling.modes[mode]!;
  return { mode, x: Math.max(-1, Math.min(1, data[at]!)) * 4 * std + mean };
}

/**
 * A pooled rare level for a generated "(other)" cell, in the levels' real proportions. The draw is a
 * low-discrepancy sequence over the row number (golden-ratio steps), so decoding needs no random
 * stream, repeats exactly, and spreads the levels evenly even over a few rows.
 */
function pooledLevel(pooled: { levels: string[]; counts: number[] }, row: number, column: number): string {
  const total = pooled.counts.reduce((s, c) => s + c, 0);
  let u = (((row + 1) * 0.6180339887498949 + column * 0.4142135623730951) % 1) * total;
  for (let i = 0; i < pooled.levels.length; i++) {
    u -= pooled.counts[i]!;
    if (u < 0) return pooled.levels[i]!;
  }
  return pooled.levels.at(-1)!;
}

/** Clamp to the real range and round like the source column, so ages stay whole and never negative. */
export function formatNumber(x: number, source: NumericColumn): string {
  const clamped = Math.min(Math.max(x, source.min), source.max);
  if (source.time) return formatTime(clamped, source.time);
  const decimals = source.integer ? 0 : source.decimals;
  return String(Number(clamped.toFixed(decimals)));
}

/** Index drawn from a discrete distribution `p` (summing to 1) with uniform `u`. */
function sampleIndex(p: Float64Array, u: number): number {
  for (let i = 0; i < p.length; i++) {
    u -= p[i]!;
    if (u < 0) return i;
  }
  return p.length - 1;
}

function heaviest(modes: readonly MixtureMode[]): number {
  let best = 0;
  for (let k = 1; k < modes.length; k++) if (modes[k]!.weight > modes[best]!.weight) best = k;
  return best;
}

function argmax(data: Float32Array, start: number, width: number): number {
  let best = 0;
  for (let i = 1; i < width; i++) if (data[start + i]! > data[start + best]!) best = i;
  return best;
}

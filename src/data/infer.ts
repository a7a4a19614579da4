import { DECIMAL_NUMBER } from './numberFormat';
import { OTHER_LEVEL } from './schema';
import type { CategoricalColumn, ColumnKind, ColumnSchema, NumericColumn, Schema } from './schema';
import { commonTimeFormat, parseTime, type TimeFormat } from './time';
import { fail, ok } from './table';
import type { RawTable, Result } from './table';

/** More levels than this make a one-hot encoding too wide to learn from: rare levels are pooled. */
export const MAX_LEVELS = 100;
/** A pooled column keeps at least this many of its most frequent levels, and every level this common. */
const KEPT_LEVELS = 50;
const KEPT_SHARE = 0.01;
/** A wide column with more distinct values than this share of its rows is text, not categories. */
const MOSTLY_UNIQUE = 0.5;
/** A column of distinct values is an identifier only when there are enough rows to tell. */
const IDENTIFIER_MIN_ROWS = 20;
const MAX_DECIMALS = 6;

/** What the data says about one column before any column is ignored. */
interface Profile {
  name: string;
  missing: number;
  /** Non-missing value counts in order of first appearance (declared order for ARFF nominals). */
  counts: Map<string, number>;
  /** Every non-missing value is a decimal number. */
  numeric: boolean;
}

/** A column's automatic schema, plus its type before the ignore rules (used to pick the target). */
interface Inferred {
  column: ColumnSchema;
  type: 'numeric' | 'categorical' | null;
  /** Ignored for holding a single value. */
  constant: boolean;
}

/**
 * Types every column of a table and picks the target: the last categorical column,
 * else (a regression task) the last numeric one.
 */
export function inferSchema(raw: RawTable): Result<Schema> {
  const inferred = raw.columns.map((_, index) => inferColumn(raw, index));
  const columns = inferred.map((c) => c.column);

  // A constant categorical column still counts as the target, so the user hears why it cannot be one
  // instead of getting a surprising target; identifiers and too-wide columns do not count.
  let target = inferred.findLastIndex(
    (c) => c.type === 'categorical' && (c.column.kind !== 'ignored' || c.constant),
  );
  if (target === -1)
    target = inferred.findLastIndex((c) => c.type === 'numeric' && c.column.kind !== 'ignored');

  const targetColumn = columns[target];
  if (targetColumn?.kind === 'ignored') {
    const value = [...profile(raw, target).counts.keys()][0] ?? '';
    return fail(
      `${raw.name}: the target column '${targetColumn.name}' has a single value ("${value}"); ` +
        'the GAN is conditioned on the target and needs at least two.',
    );
  }
  const usable = checkUsable(raw.name, columns);
  if (usable) return fail(usable);
  const notes = columns.flatMap((c) =>
    c.kind === 'categorical' && c.pooled ? [pooledNote(raw.name, c)] : [],
  );
  return ok({ columns, target }, notes);
}

function pooledNote(file: string, column: CategoricalColumn): string {
  const pooled = column.pooled?.levels.length ?? 0;
  return (
    `${file}: column '${column.name}' has ${formatCount(column.levels.length - 1 + pooled)} distinct values; ` +
    `the ${column.levels.length - 1} most frequent are kept and the other ${formatCount(pooled)} pooled as "${OTHER_LEVEL}".`
  );
}

/**
 * Sets one column's kind, as the user asks in the schema panel, and recomputes its summary.
 * Fails when the data cannot have that kind, or when the result would leave nothing to train on.
 */
export function changeColumnKind(
  raw: RawTable,
  schema: Schema,
  index: number,
  kind: ColumnKind,
): Result<Schema> {
  const name = raw.columns[index];
  if (name === undefined) return fail(`${raw.name} has no column ${index + 1}.`);
  if (kind === 'ignored' && index === schema.target) {
    return fail(`${raw.name}: '${name}' is the target column; choose another target before leaving it out.`);
  }
  if (kind === 'ignored' && schema.columns[index]?.kind === 'ignored') return ok(schema);
  let column: ColumnSchema;
  let notes: string[] = [];
  if (kind === 'ignored') {
    column = {
      kind: 'ignored',
      name,
      missing: schema.columns[index]?.missing ?? 0,
      reason: 'left out by you',
    };
  } else {
    const typed = typedColumn(raw, index, kind);
    if (!typed.ok) return typed;
    column = typed.value;
    notes = typed.warnings;
  }
  const columns = schema.columns.map((c, i) => (i === index ? column : c));
  const usable = checkUsable(raw.name, columns);
  if (usable) return fail(usable);
  return ok({ columns, target: schema.target }, notes);
}

/** Makes another column the target: it must be used and have at least two distinct values. */
export function changeTarget(raw: RawTable, schema: Schema, index: number): Result<Schema> {
  const column = schema.columns[index];
  if (column === undefined) return fail(`${raw.name} has no column ${index + 1}.`);
  if (column.kind === 'ignored') {
    return fail(
      `${raw.name}: column '${column.name}' is left out (${column.reason}); include it before making it the target.`,
    );
  }
  const distinct = column.kind === 'categorical' ? column.levels.length : column.min < column.max ? 2 : 1;
  if (distinct < 2) {
    return fail(
      `${raw.name}: column '${column.name}' has a single value; ` +
        'the GAN is conditioned on the target and needs at least two.',
    );
  }
  return ok({ columns: schema.columns, target: index });
}

function inferColumn(raw: RawTable, index: number): Inferred {
  const p = profile(raw, index);
  const declared = raw.declared?.[index];
  const ignored = (reason: string, type: Inferred['type'] = null, constant = false): Inferred => ({
    column: { kind: 'ignored', name: p.name, missing: p.missing, reason },
    type,
    constant,
  });

  if (p.counts.size === 0) return ignored('empty: every value is missing');
  if (declared?.kind === 'date' || (!p.numeric && declared?.kind !== 'nominal')) {
    const time = commonTimeFormat(p.counts.keys());
    if (time && p.counts.size > 1)
      return { column: timeSummary(raw, index, p, time), type: 'numeric', constant: false };
    if (declared?.kind === 'date') return ignored('date column in a format other than ISO 8601 (2012-01-31)');
  }
  // A declared nominal stays categorical even when its levels look like numbers (e.g. {1, 2, 3}).
  const type = declared?.kind === 'nominal' || !p.numeric ? 'categorical' : 'numeric';
  if (p.counts.size === 1) {
    const [value] = p.counts.keys();
    return ignored(`constant: always "${value}"`, type, true);
  }
  if (type === 'numeric') return { column: numericSummary(raw, index, p), type, constant: false };

  if (p.counts.size === raw.rows.length - p.missing && raw.rows.length > IDENTIFIER_MIN_ROWS) {
    return ignored('unique per row: looks like an identifier', type);
  }
  // Pooling rare levels helps a column of many repeated values (zip codes), not one of names that
  // rarely repeat: most of it would become "(other)".
  if (p.counts.size > MAX_LEVELS && p.counts.size > MOSTLY_UNIQUE * (raw.rows.length - p.missing)) {
    return ignored(
      `${formatCount(p.counts.size)} distinct values in ${formatCount(raw.rows.length - p.missing)} rows: looks like names or free text`,
      type,
    );
  }
  return { column: categoricalSummary(p), type, constant: false };
}

/** The schema of a column the user set to numeric or categorical, or the reason it cannot be. */
function typedColumn(raw: RawTable, index: number, kind: 'numeric' | 'categorical'): Result<ColumnSchema> {
  const p = profile(raw, index);
  if (p.counts.size === 0)
    return fail(`${raw.name}: column '${p.name}' has no values; every cell is missing.`);
  if (p.counts.size === 1) {
    const [value] = p.counts.keys();
    return fail(
      `${raw.name}: column '${p.name}' always holds "${value}"; a constant column has nothing to learn.`,
    );
  }
  if (kind === 'categorical') {
    const column = categoricalSummary(p);
    return ok(column, column.pooled ? [pooledNote(raw.name, column)] : []);
  }
  const time = p.numeric ? null : commonTimeFormat(p.counts.keys());
  if (time) return ok(timeSummary(raw, index, p, time));
  if (!p.numeric) {
    const row = raw.rows.findIndex((r) => {
      const cell = r[index];
      return cell !== null && cell !== undefined && !DECIMAL_NUMBER.test(cell);
    });
    const value = raw.rows[row]?.[index] ?? '';
    return fail(`${raw.name}, data row ${row + 1}, column '${p.name}': "${value}" is not a number.`);
  }
  return ok(numericSummary(raw, index, p));
}

function profile(raw: RawTable, index: number): Profile {
  const declared = raw.declared?.[index];
  const counts = new Map<string, number>();
  // Seeding with the declared levels keeps their order among equally frequent values.
  if (declared?.kind === 'nominal') for (const level of declared.levels) counts.set(level, 0);
  let missing = 0;
  let numeric = true;
  for (const row of raw.rows) {
    const cell = row[index];
    if (cell === null || cell === undefined) {
      missing++;
      continue;
    }
    const count = counts.get(cell);
    if (count === undefined) {
      counts.set(cell, 1);
      // Test each distinct value once: far fewer regex runs than cells.
      if (numeric && !DECIMAL_NUMBER.test(cell)) numeric = false;
    } else {
      if (count === 0 && numeric && !DECIMAL_NUMBER.test(cell)) numeric = false;
      counts.set(cell, count + 1);
    }
  }
  for (const [level, count] of counts) if (count === 0) counts.delete(level);
  return { name: raw.columns[index] ?? '', missing, counts, numeric };
}

function numericSummary(raw: RawTable, index: number, p: Profile): NumericColumn {
  let min = Infinity;
  let max = -Infinity;
  let integer = true;
  let decimals = 0;
  for (const text of p.counts.keys()) {
    const value = Number(text);
    if (value < min) min = value;
    if (value > max) max = value;
    if (!Number.isInteger(value)) integer = false;
    decimals = Math.max(decimals, decimalPlaces(text));
  }
  return { kind: 'numeric', name: raw.columns[index] ?? '', missing: p.missing, min, max, integer, decimals };
}

/** A categorical column as `raw`'s rows have it: levels most frequent first, rare ones pooled past 100. */
export function categoricalColumn(raw: RawTable, index: number): CategoricalColumn {
  return categoricalSummary(profile(raw, index));
}

function categoricalSummary(p: Profile): CategoricalColumn {
  // Array.prototype.sort is stable: ties keep their first-seen (or declared) order.
  const entries = [...p.counts].sort((a, b) => b[1] - a[1]);
  const column: CategoricalColumn = {
    kind: 'categorical',
    name: p.name,
    missing: p.missing,
    levels: entries.map((e) => e[0]),
    counts: entries.map((e) => e[1]),
  };
  if (entries.length <= MAX_LEVELS) return column;
  // Too wide for one-hot: keep the frequent levels and pool the long tail into one level.
  const present = column.counts.reduce((s, c) => s + c, 0);
  let kept = KEPT_LEVELS;
  while (kept < MAX_LEVELS - 1 && column.counts[kept]! >= KEPT_SHARE * present) kept++;
  const rest = entries.slice(kept);
  return {
    ...column,
    levels: [...column.levels.slice(0, kept), OTHER_LEVEL],
    counts: [...column.counts.slice(0, kept), rest.reduce((s, e) => s + e[1], 0)],
    pooled: { levels: rest.map((e) => e[0]), counts: rest.map((e) => e[1]) },
  };
}

/** A date column as a numeric one on the scale of days or seconds since 1970. */
function timeSummary(raw: RawTable, index: number, p: Profile, time: TimeFormat): NumericColumn {
  let min = Infinity;
  let max = -Infinity;
  for (const text of p.counts.keys()) {
    const value = parseTime(text, time) ?? NaN;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  const name = raw.columns[index] ?? '';
  return { kind: 'numeric', name, missing: p.missing, min, max, integer: true, decimals: 0, time };
}

/** Decimal places as written: `1.50` has 2, `1.5e-3` has 4, `1e3` has 0. Capped at MAX_DECIMALS. */
function decimalPlaces(text: string): number {
  const match = DECIMAL_NUMBER.exec(text);
  if (!match) return 0;
  const dot = text.indexOf('.');
  const mantissaEnd = text.search(/[eE]/);
  const fraction = dot === -1 ? 0 : (mantissaEnd === -1 ? text.length : mantissaEnd) - dot - 1;
  const exponent = match[1] === undefined ? 0 : Number(match[1]);
  return Math.min(Math.max(fraction - exponent, 0), MAX_DECIMALS);
}

/** A message when fewer than two columns are left to train on, naming why the others are out. */
function checkUsable(file: string, columns: ColumnSchema[]): string | null {
  const used = columns.filter((c) => c.kind !== 'ignored');
  if (used.length >= 2) return null;
  const out = columns
    .filter((c) => c.kind === 'ignored')
    .slice(0, 6)
    .map((c) => `'${c.name}' (${c.kind === 'ignored' ? c.reason : ''})`);
  const more = columns.length - used.length > out.length ? ', ...' : '';
  const kept = used.length === 0 ? 'no column is usable' : `only '${used[0]?.name}' is usable`;
  return `${file}: ${kept}, and a GAN needs at least two columns. Left out: ${out.join(', ')}${more}.`;
}

function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

import type { Cell } from '../../data/table';
import { numericValue, type MetricColumn, type NumericMetricColumn } from '../columns';
import { meanOf, measured, notComputable, type Measure } from '../measure';
import { ksStatistic, tvDistance } from './shapes';

/**
 * The quality score as SDMetrics defines it (research notes, section 4): column shapes
 * (KSComplement, TVComplement) and pair trends (CorrelationSimilarity for two numeric columns,
 * ContingencySimilarity otherwise, numbers cut into 10 bins over the real range), each in [0, 1],
 * 1 meaning the synthetic rows match the real ones. A column or pair that cannot be scored (a column
 * without values, a constant column's correlation) says why and is left out of the means, as SDMetrics
 * leaves out the scores it cannot compute. docs/report.md compares these with SDMetrics' own figures.
 */

export type { MetricColumn } from '../columns';

export interface ColumnShapeScore {
  column: string;
  metric: 'KSComplement' | 'TVComplement';
  score: Measure;
}

export interface PairTrendScore {
  columns: [string, string];
  metric: 'CorrelationSimilarity' | 'ContingencySimilarity';
  score: Measure;
}

export interface QualityReport {
  shapes: ColumnShapeScore[];
  pairs: PairTrendScore[];
  shapeScore: Measure;
  pairScore: Measure;
  /** Mean of the shape score and the pair score (of whichever could be computed). */
  score: Measure;
}

const MISSING = '\u0000missing';
const BINS = 10;

export function qualityReport(
  columns: readonly MetricColumn[],
  real: readonly Cell[][],
  synthetic: readonly Cell[][],
): QualityReport {
  const shapes = columns.map((column, i) => columnShape(column, columnOf(real, i), columnOf(synthetic, i)));
  const pairs: PairTrendScore[] = [];
  for (let i = 0; i < columns.length; i++) {
    for (let j = i + 1; j < columns.length; j++) pairs.push(pairTrend(columns, i, j, real, synthetic));
  }
  const shapeScore = meanOf(
    shapes.map((s) => s.score),
    'there is no column to compare',
  );
  const pairScore = meanOf(
    pairs.map((p) => p.score),
    'needs at least two columns',
  );
  // As SDMetrics' overall score, the mean of the properties that could be computed.
  const score = meanOf([shapeScore, pairScore], 'there is no column to compare');
  return { shapes, pairs, shapeScore, pairScore, score };
}

export function columnShape(column: MetricColumn, real: Cell[], synthetic: Cell[]): ColumnShapeScore {
  if (column.kind === 'numeric') {
    const r = numbers(real, column);
    const s = numbers(synthetic, column);
    // With no synthetic value the distributions share nothing: KS is 1, as for any two disjoint samples.
    const score =
      r.length === 0
        ? notComputable('the real rows have no value in this column')
        : measured(1 - ksStatistic(r, s));
    return { column: column.name, metric: 'KSComplement', score };
  }
  const labels = (cells: Cell[]) => cells.map((c) => c ?? MISSING);
  const score =
    real.length === 0 || synthetic.length === 0
      ? notComputable('needs real and synthetic rows')
      : measured(1 - tvDistance(labels(real), labels(synthetic)));
  return { column: column.name, metric: 'TVComplement', score };
}

function pairTrend(
  columns: readonly MetricColumn[],
  i: number,
  j: number,
  real: readonly Cell[][],
  synthetic: readonly Cell[][],
): PairTrendScore {
  const a = columns[i]!;
  const b = columns[j]!;
  if (a.kind === 'numeric' && b.kind === 'numeric') {
    const names: [string, string] = [a.name, b.name];
    const r = pearson(real, columns, i, j);
    const s = pearson(synthetic, columns, i, j);
    const score = !r.ok
      ? notComputable(`${r.reason} in the real rows`)
      : !s.ok
        ? notComputable(`${s.reason} in the synthetic rows`)
        : measured(1 - Math.abs(r.value - s.value) / 2);
    return { columns: names, metric: 'CorrelationSimilarity', score };
  }
  // Numbers are binned on the real data's range so both tables share the same cells.
  const binA = binner(a, columnOf(real, i));
  const binB = binner(b, columnOf(real, j));
  const joint = (rows: readonly Cell[][]) =>
    rows.map((r) => `${binA(r[i] ?? null)}\u0001${binB(r[j] ?? null)}`);
  const score = measured(1 - tvDistance(joint(real), joint(synthetic)));
  return { columns: [a.name, b.name], metric: 'ContingencySimilarity', score };
}

/**
 * Pearson correlation of two numeric columns over the rows where both have a value; not computable when
 * fewer than two rows do or either column is constant there (its variance is 0: the ratio is undefined).
 */
export function pearson(
  rows: readonly Cell[][],
  columns: readonly MetricColumn[],
  i: number,
  j: number,
): Measure {
  const ci = columns[i];
  const cj = columns[j];
  if (ci?.kind !== 'numeric' || cj?.kind !== 'numeric') return notComputable('needs two numeric columns');
  const pairs: [number, number][] = [];
  for (const row of rows) {
    const a = numericValue(row[i], ci);
    const b = numericValue(row[j], cj);
    if (a !== null && b !== null) pairs.push([a, b]);
  }
  const n = pairs.length;
  if (n < 2) return notComputable(`fewer than two rows have both '${ci.name}' and '${cj.name}'`);
  // Centred sums: dates in seconds (about 1.3e9) would lose the covariance to rounding in Σxy − ΣxΣy/n.
  const mx = pairs.reduce((s, p) => s + p[0], 0) / n;
  const my = pairs.reduce((s, p) => s + p[1], 0) / n;
  let cov = 0;
  let vx = 0;
  let vy = 0;
  for (const [a, b] of pairs) {
    cov += (a - mx) * (b - my);
    vx += (a - mx) ** 2;
    vy += (b - my) ** 2;
  }
  if (!(vx > 0)) return notComputable(`'${ci.name}' is constant`);
  if (!(vy > 0)) return notComputable(`'${cj.name}' is constant`);
  return measured(Math.max(-1, Math.min(1, cov / Math.sqrt(vx * vy))));
}

function binner(column: MetricColumn, realCells: Cell[]): (cell: Cell) => string {
  if (column.kind === 'categorical') return (cell) => cell ?? MISSING;
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of numbers(realCells, column)) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const width = (hi - lo) / BINS || 1;
  return (cell) => {
    const value = numericValue(cell, column);
    if (value === null) return MISSING;
    const bin = Math.floor((value - lo) / width);
    return String(Math.max(0, Math.min(BINS - 1, bin)));
  };
}

function columnOf(rows: readonly Cell[][], i: number): Cell[] {
  return rows.map((r) => r[i] ?? null);
}

function numbers(cells: readonly Cell[], column: NumericMetricColumn): number[] {
  return cells.flatMap((cell) => {
    const value = numericValue(cell, column);
    return value === null ? [] : [value];
  });
}

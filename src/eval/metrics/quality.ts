import type { Cell } from '../../data/table';
import { cellNumber } from '../../data/time';
import { ksStatistic, tvDistance } from './shapes';

/**
 * The quality score as SDMetrics defines it (research notes, section 4): column shapes
 * (KSComplement, TVComplement) and pair trends (CorrelationSimilarity for two numeric columns,
 * ContingencySimilarity otherwise, numbers cut into 10 bins over the real range), each in [0, 1],
 * 1 meaning the synthetic rows match the real ones.
 */

/** A column as the metrics see it: its name and whether its cells are numbers or labels. */
export interface MetricColumn {
  name: string;
  kind: 'numeric' | 'categorical';
}

export interface ColumnShapeScore {
  column: string;
  metric: 'KSComplement' | 'TVComplement';
  score: number;
}

export interface PairTrendScore {
  columns: [string, string];
  metric: 'CorrelationSimilarity' | 'ContingencySimilarity';
  score: number;
}

export interface QualityReport {
  shapes: ColumnShapeScore[];
  pairs: PairTrendScore[];
  shapeScore: number;
  pairScore: number;
  /** Mean of the shape score and the pair score. */
  score: number;
}

const MISSING = '\u0000missing';
const BINS = 10;

export function qualityReport(columns: MetricColumn[], real: Cell[][], synthetic: Cell[][]): QualityReport {
  const shapes = columns.map((column, i) => columnShape(column, columnOf(real, i), columnOf(synthetic, i)));
  const pairs: PairTrendScore[] = [];
  for (let i = 0; i < columns.length; i++) {
    for (let j = i + 1; j < columns.length; j++) pairs.push(pairTrend(columns, i, j, real, synthetic));
  }
  const shapeScore = mean(shapes.map((s) => s.score));
  const pairScore = pairs.length > 0 ? mean(pairs.map((p) => p.score)) : shapeScore;
  return { shapes, pairs, shapeScore, pairScore, score: (shapeScore + pairScore) / 2 };
}

export function columnShape(column: MetricColumn, real: Cell[], synthetic: Cell[]): ColumnShapeScore {
  if (column.kind === 'numeric') {
    return {
      column: column.name,
      metric: 'KSComplement',
      score: 1 - ksStatistic(numbers(real), numbers(synthetic)),
    };
  }
  const labels = (cells: Cell[]) => cells.map((c) => c ?? MISSING);
  return {
    column: column.name,
    metric: 'TVComplement',
    score: 1 - tvDistance(labels(real), labels(synthetic)),
  };
}

function pairTrend(
  columns: MetricColumn[],
  i: number,
  j: number,
  real: Cell[][],
  synthetic: Cell[][],
): PairTrendScore {
  const a = columns[i]!;
  const b = columns[j]!;
  if (a.kind === 'numeric' && b.kind === 'numeric') {
    const score = 1 - Math.abs(pearson(real, i, j) - pearson(synthetic, i, j)) / 2;
    return { columns: [a.name, b.name], metric: 'CorrelationSimilarity', score };
  }
  // Numbers are binned on the real data's range so both tables share the same cells.
  const binA = binner(a, columnOf(real, i));
  const binB = binner(b, columnOf(real, j));
  const joint = (rows: Cell[][]) => rows.map((r) => `${binA(r[i] ?? null)}\u0001${binB(r[j] ?? null)}`);
  const score = 1 - tvDistance(joint(real), joint(synthetic));
  return { columns: [a.name, b.name], metric: 'ContingencySimilarity', score };
}

/** Pearson correlation over rows where both cells are numbers; 0 when either column is constant. */
export function pearson(rows: Cell[][], i: number, j: number): number {
  let n = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (const row of rows) {
    const x = row[i];
    const y = row[j];
    if (x == null || y == null) continue;
    const a = cellNumber(x);
    const b = cellNumber(y);
    n++;
    sx += a;
    sy += b;
    sxx += a * a;
    syy += b * b;
    sxy += a * b;
  }
  if (n < 2) return 0;
  const cov = sxy - (sx * sy) / n;
  const vx = sxx - (sx * sx) / n;
  const vy = syy - (sy * sy) / n;
  return vx > 0 && vy > 0 ? Math.max(-1, Math.min(1, cov / Math.sqrt(vx * vy))) : 0;
}

function binner(column: MetricColumn, realCells: Cell[]): (cell: Cell) => string {
  if (column.kind === 'categorical') return (cell) => cell ?? MISSING;
  const values = numbers(realCells);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const width = (hi - lo) / BINS || 1;
  return (cell) => {
    if (cell == null) return MISSING;
    const bin = Math.floor((cellNumber(cell) - lo) / width);
    return String(Math.max(0, Math.min(BINS - 1, bin)));
  };
}

function columnOf(rows: Cell[][], i: number): Cell[] {
  return rows.map((r) => r[i] ?? null);
}

function numbers(cells: Cell[]): number[] {
  // Dates count as days (or seconds) since 1970, the scale the encoder trains on.
  return cells.flatMap((c) => (c == null ? [] : [cellNumber(c)]));
}

function mean(values: number[]): number {
  return values.length > 0 ? values.reduce((s, v) => s + v, 0) / values.length : 0;
}

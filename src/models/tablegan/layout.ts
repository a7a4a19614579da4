import type { CategoricalColumn, ColumnSchema, NumericColumn } from '../../data/schema';

/*
 * Where each column of a row sits in table-GAN's d×d image (Park et al., 2018). Plain data and
 * arithmetic, no tfjs, so the page can show the image size without loading the engine.
 *
 * Every used column takes one cell, in table order; a numeric column with gaps takes a second cell
 * right after it, a flag that says "missing" (+1) or "present" (−1), so gaps survive the round trip
 * exactly. A categorical column with gaps gets a missing level instead. The target is one of the
 * cells: the generator writes it like any other column (rows without a target are not encoded).
 * The remaining cells up to d·d are padding, always 0 in real rows.
 */

/** Two stride-2 layers need at least a 4×4 image to have something to halve. */
export const MIN_SIDE = 4;

export type CellColumn =
  | {
      kind: 'numeric';
      /** Index of the column in the table. */
      column: number;
      source: NumericColumn;
      cell: number;
      /** The missing-value flag's cell, when the column has gaps. */
      missingCell: number | null;
    }
  | {
      kind: 'categorical';
      column: number;
      /** Label-encoding order: the column's levels, then the missing level when it has gaps. */
      levels: string[];
      hasMissing: boolean;
      cell: number;
    };

/** What the classifier predicts: one of the target's classes, or its (scaled) value. */
export type TargetKind = { kind: 'classes'; count: number } | { kind: 'value' };

export interface ImageLayout {
  /** d: the image is d×d with one channel. */
  side: number;
  /** Cells that hold data; the rest of the d·d cells are padding. */
  usedCells: number;
  /** Every used column, in table order. */
  columns: CellColumn[];
  /** Index of the target column in `columns`. */
  targetIndex: number;
  /** The target's cell, masked out of the classifier's input. */
  targetCell: number;
  target: TargetKind;
}

/** Cells a row takes: one per used column, plus one per numeric non-target column with gaps. */
export function cellCount(columns: readonly ColumnSchema[], target: number): number {
  return columns.reduce(
    (n, c, i) =>
      n + (c.kind === 'ignored' ? 0 : c.kind === 'numeric' && i !== target && c.missing > 0 ? 2 : 1),
    0,
  );
}

/** The smallest d with d² ≥ cells, and at least MIN_SIDE. */
export function imageSide(cells: number): number {
  return Math.max(MIN_SIDE, Math.ceil(Math.sqrt(cells)));
}

export function imageLayout(columns: readonly ColumnSchema[], target: number): ImageLayout {
  const cells: CellColumn[] = [];
  let next = 0;
  let targetIndex = -1;
  columns.forEach((column, index) => {
    if (column.kind === 'ignored') return;
    const isTarget = index === target;
    if (isTarget) targetIndex = cells.length;
    if (column.kind === 'numeric') {
      const missingCell = !isTarget && column.missing > 0 ? next + 1 : null;
      cells.push({ kind: 'numeric', column: index, source: column, cell: next, missingCell });
      next += missingCell === null ? 1 : 2;
    } else {
      cells.push(categoricalCell(index, column, next, !isTarget && column.missing > 0));
      next += 1;
    }
  });
  const targetColumn = cells[targetIndex];
  if (!targetColumn) throw new Error('The schema has no usable target column.');
  return {
    side: imageSide(next),
    usedCells: next,
    columns: cells,
    targetIndex,
    targetCell: targetColumn.cell,
    target:
      targetColumn.kind === 'categorical'
        ? { kind: 'classes', count: targetColumn.levels.length }
        : { kind: 'value' },
  };
}

function categoricalCell(
  column: number,
  source: CategoricalColumn,
  cell: number,
  hasMissing: boolean,
): CellColumn {
  return { kind: 'categorical', column, levels: source.levels, hasMissing, cell };
}

/** Label index i of n levels → [−1, 1]; a single level sits at 0. */
export function scaleIndex(index: number, levels: number): number {
  return levels > 1 ? -1 + (2 * index) / (levels - 1) : 0;
}

/** The inverse of scaleIndex for any value: the nearest label index. */
export function nearestIndex(value: number, levels: number): number {
  if (levels <= 1) return 0;
  const index = Math.round(((value + 1) / 2) * (levels - 1));
  return Math.min(Math.max(index, 0), levels - 1);
}

/** Min–max scaling of a number to [−1, 1]; a constant column sits at 0. */
export function scaleNumber(x: number, source: NumericColumn): number {
  const range = source.max - source.min;
  return range > 0 ? -1 + (2 * (x - source.min)) / range : 0;
}

export function unscaleNumber(value: number, source: NumericColumn): number {
  return source.min + ((value + 1) / 2) * (source.max - source.min);
}

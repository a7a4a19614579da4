import type { ColumnSchema, NumericColumn, CategoricalColumn } from '../../data/schema';
import { OTHER_LEVEL } from '../../data/schema';
import { formatTime } from '../../data/time';
import type { Cell } from '../../data/table';
import { metricColumn, numericValue } from '../columns';
import { columnShape } from '../metrics/quality';
import type { ColumnView } from '../../worker/liveProtocol';

/** Bins of a number column: enough to show a shape, few enough to read from the back of a room. */
export const NUMERIC_BINS = 16;

type UsedColumn = NumericColumn | CategoricalColumn;

/**
 * How one column's cells fall into bins shared by real and generated rows: a number's range (from the
 * training schema, which the generator is clamped to) cut into equal widths, or a categorical column's
 * levels (a pooled rare level counts as "(other)", as the model sees it).
 */
export interface ColumnBinning {
  column: UsedColumn;
  labels: string[];
  /** The bin of a cell, or −1 when it has no value. */
  binOf(cell: Cell): number;
}

export function columnBinning(column: UsedColumn): ColumnBinning {
  if (column.kind === 'categorical') {
    const index = new Map(column.levels.map((level, i) => [level, i]));
    const other = column.pooled ? (index.get(OTHER_LEVEL) ?? -1) : -1;
    return {
      column,
      labels: [...column.levels],
      binOf: (cell) => (cell === null ? -1 : (index.get(cell) ?? other)),
    };
  }
  const { min, max } = column;
  const width = (max - min) / NUMERIC_BINS || 1;
  const edges = Array.from({ length: NUMERIC_BINS + 1 }, (_, i) => min + i * width);
  const text = (v: number) => (column.time ? formatTime(v, column.time) : compact(v));
  return {
    column,
    labels: edges.slice(0, -1).map((lo, i) => `${text(lo)} to ${text(edges[i + 1]!)}`),
    binOf: (cell) => {
      const value = numericValue(cell, column);
      if (value === null) return -1;
      // Against the edges themselves, not (value − min) / width: a value on an edge goes in the bin it
      // starts, as the labels say, whatever the rounding of the division.
      let bin = 0;
      while (bin < NUMERIC_BINS - 1 && value >= edges[bin + 1]!) bin++;
      return bin;
    },
  };
}

/** Counts of column `c` of `rows` per bin, and how many rows have no value there. */
export function binCounts(binning: ColumnBinning, rows: readonly Cell[][], c: number) {
  const counts = new Array<number>(binning.labels.length).fill(0);
  let missing = 0;
  for (const row of rows) {
    const bin = binning.binOf(row[c] ?? null);
    if (bin < 0) missing++;
    else counts[bin]!++;
  }
  return { counts, missing };
}

/**
 * Real against generated, column by column: `real` and `generated` hold rows of the same columns (every
 * column of `columns`, in order). Real counts depend only on the real rows: a caller that shows many
 * snapshots passes them once through `realColumnCounts`.
 */
export function columnViews(
  binnings: readonly ColumnBinning[],
  real: readonly Cell[][],
  realCounts: readonly { counts: number[]; missing: number }[],
  generated: readonly Cell[][],
): ColumnView[] {
  return binnings.map((binning, c) => {
    const mine = binCounts(binning, generated, c);
    const shape = columnShape(
      metricColumn(binning.column),
      real.map((r) => r[c] ?? null),
      generated.map((r) => r[c] ?? null),
    );
    return {
      name: binning.column.name,
      kind: binning.column.kind,
      bins: binning.labels,
      real: realCounts[c]!.counts,
      generated: mine.counts,
      missing: { real: realCounts[c]!.missing, generated: mine.missing },
      metric: shape.metric,
      score: shape.score.ok ? shape.score.value : null,
    };
  });
}

/** The columns a model generates (every one not ignored), in table order. */
export function usedColumns(columns: readonly ColumnSchema[]): UsedColumn[] {
  return columns.filter((c): c is UsedColumn => c.kind !== 'ignored');
}

const compact = (v: number) => (Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(3))));

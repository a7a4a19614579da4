import type { TypedTable } from '../../data/schema';
import type { Cell } from '../../data/table';
import { createRng, permutation } from '../../rng';
import type { RowSplit } from '../../data/split';
import { metricColumn, type MetricColumn } from '../columns';
import type { EvaluationData } from './types';

/**
 * The real side of a report, taken in the training worker: a seeded sample of the training rows and of the
 * held-out rows, capped so the report stays quick on large tables, in the generated columns' order.
 */

/** At most this many training rows (and as many synthetic rows) and held-out rows go into a report. */
export const REPORT_CAPS = { train: 5_000, holdout: 2_000 } as const;

export type EvaluationSample = Omit<EvaluationData, 'synthetic' | 'model' | 'table'>;

export function evaluationSample(
  table: TypedTable,
  split: RowSplit,
  seed: number,
  caps: { train: number; holdout: number } = REPORT_CAPS,
): EvaluationSample {
  const kept = table.schema.columns.flatMap((c, i) => (c.kind === 'ignored' ? [] : [i]));
  const columns: MetricColumn[] = table.schema.columns.flatMap((column) =>
    column.kind === 'ignored' ? [] : [metricColumn(column)],
  );
  const rng = createRng(seed);
  const take = (indices: number[], cap: number): Cell[][] => {
    const chosen =
      indices.length > cap
        ? Array.from(permutation(indices.length, rng).subarray(0, cap)).sort((a, b) => a - b)
        : null;
    const rows = chosen ? chosen.map((i) => indices[i]!) : indices;
    return rows.map((r) => kept.map((c) => table.raw.rows[r]![c] ?? null));
  };
  return {
    columns,
    target: kept.indexOf(table.schema.target),
    train: take(split.train, caps.train),
    holdout: take(split.holdout, caps.holdout),
    totals: { train: split.train.length, holdout: split.holdout.length },
    caps: { ...caps },
    seed: rng.seed(),
  };
}

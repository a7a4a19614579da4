import { categoricalColumn } from './infer';
import { numberOf, type NumericColumn, type Schema } from './schema';
import { numericExtent, type RawTable } from './table';

/**
 * The schema as the generator may know it, from the training rows only: each numeric column's range
 * (generated values are clamped to it), each categorical column's levels and their counts (which levels
 * get a one-hot position, which are pooled as "(other)" and in what proportions "(other)" is written
 * back), and which columns have gaps (a missing flag the generator learns). Taken from the whole table,
 * any of them would let the held-out rows, which the report treats as unseen, shape the synthetic rows:
 * a level seen only in held-out rows could even appear in them.
 */
export function trainingSchema(schema: Schema, training: RawTable): Schema {
  const columns = schema.columns.map((column, c) => {
    if (column.kind === 'numeric') return numericRange(column, c, training);
    if (column.kind === 'categorical') return { ...categoricalColumn(training, c), name: column.name };
    return column;
  });
  return { ...schema, columns };
}

function numericRange(column: NumericColumn, c: number, training: RawTable): NumericColumn {
  const { min, max } = numericExtent(training.rows, c, (cell) => numberOf(cell, column));
  const missing = training.rows.reduce((n, row) => n + (row[c] == null ? 1 : 0), 0);
  // No training value at all (every one missing): keep the table's range rather than none.
  return min <= max ? { ...column, min, max, missing } : { ...column, missing };
}

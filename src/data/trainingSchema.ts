import { numberOf, type CategoricalColumn, type NumericColumn, type Schema } from './schema';
import { numericExtent, type RawTable } from './table';

/**
 * The schema as the generator may know it, from the training rows only: each numeric column's range
 * (generated values are clamped to it) and the proportions in which a generated "(other)" is written
 * back as a pooled rare level. Taken from the whole table, either would let the held-out rows, which
 * the report treats as unseen, shape the synthetic rows: a rare level seen only in held-out rows could
 * even appear in them.
 */
export function trainingSchema(schema: Schema, training: RawTable): Schema {
  const columns = schema.columns.map((column, c) => {
    if (column.kind === 'numeric') return numericRange(column, c, training);
    if (column.kind === 'categorical' && column.pooled) return pooledCounts(column, c, training);
    return column;
  });
  return { ...schema, columns };
}

function numericRange(column: NumericColumn, c: number, training: RawTable): NumericColumn {
  const { min, max } = numericExtent(training.rows, c, (cell) => numberOf(cell, column));
  // No training value at all (every one missing): keep the table's range rather than none.
  return min <= max ? { ...column, min, max } : column;
}

/** The pooled levels the training rows have, counted there; none left, and "(other)" stays as it is. */
function pooledCounts(column: CategoricalColumn, c: number, training: RawTable): CategoricalColumn {
  const { pooled, ...rest } = column;
  const counts = new Map((pooled?.levels ?? []).map((level) => [level, 0]));
  for (const row of training.rows) {
    const cell = row[c];
    if (cell !== null && cell !== undefined && counts.has(cell)) counts.set(cell, counts.get(cell)! + 1);
  }
  const seen = [...counts].filter(([, n]) => n > 0);
  if (seen.length === 0) return rest;
  return { ...rest, pooled: { levels: seen.map(([level]) => level), counts: seen.map(([, n]) => n) } };
}

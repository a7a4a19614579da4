import { numberOf, type Schema } from './schema';
import type { RawTable } from './table';

/**
 * The schema as the generator may know it: each numeric column's range from the training rows only.
 * Generated values are clamped to that range, so a range taken from the whole table would let the
 * held-out rows, which the report treats as unseen, shape the synthetic rows.
 */
export function trainingSchema(schema: Schema, training: RawTable): Schema {
  const columns = schema.columns.map((column, c) => {
    if (column.kind !== 'numeric') return column;
    let min = Infinity;
    let max = -Infinity;
    for (const row of training.rows) {
      const cell = row[c];
      if (cell === null || cell === undefined) continue;
      const x = numberOf(cell, column);
      if (Number.isNaN(x)) continue;
      if (x < min) min = x;
      if (x > max) max = x;
    }
    // No training value at all (every one missing): keep the table's range rather than none.
    return min <= max ? { ...column, min, max } : column;
  });
  return { ...schema, columns };
}

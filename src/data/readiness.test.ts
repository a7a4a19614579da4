import { describe, expect, it } from 'vitest';
import { inferSchema } from './infer';
import { MIN_TRAINING_ROWS, readiness } from './readiness';
import type { TypedTable } from './schema';
import type { Cell } from './table';

function table(rows: Cell[][], columns = ['x', 'colour', 'class']): TypedTable {
  const raw = { name: 'small.csv', columns, rows, missingMarker: '' };
  const schema = inferSchema(raw);
  if (!schema.ok) throw new Error(schema.error);
  return { raw, schema: schema.value };
}

const rowsOf = (n: number, classes = 2): Cell[][] =>
  Array.from({ length: n }, (_, i) => [String(i % 7), i % 3 ? 'red' : 'blue', `c${i % classes}`]);

describe('readiness', () => {
  it('lets a table with enough training rows train, counting only rows with a target value', () => {
    const rows = [...rowsOf(40), ['1', 'red', null]];
    const ready = readiness(table(rows), 0.2);
    expect(ready).toEqual({ trainingRows: 32, heldOutRows: 8, problems: [], notes: [] });
  });

  it('says how many training rows a table has and the minimum it needs', () => {
    const ready = readiness(table(rowsOf(10)), 0.2);
    expect(ready.trainingRows).toBe(8);
    expect(ready.problems).toEqual([
      `small.csv has 8 training rows with a target value (2 more are held out); training needs at least ${MIN_TRAINING_ROWS}.`,
    ]);
  });

  it('says when no row can be held out: three rows of text, each its own class', () => {
    const rows: Cell[][] = [
      ['alpha beta', 'one'],
      ['gamma delta', 'two'],
      ['epsilon zeta', 'three'],
    ];
    const ready = readiness(table(rows, ['text', 'label']), 0.2);
    expect(ready.heldOutRows).toBe(0);
    expect(ready.problems).toEqual([
      `small.csv has 3 training rows with a target value; training needs at least ${MIN_TRAINING_ROWS}.`,
    ]);
    expect(ready.notes[0]).toContain('No row can be held out');
  });
});

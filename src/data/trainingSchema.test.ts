import { describe, expect, it } from 'vitest';
import type { NumericColumn, Schema } from './schema';
import type { RawTable } from './table';
import { trainingSchema } from './trainingSchema';

const numeric = (name: string, min: number, max: number, extra: Partial<NumericColumn> = {}) =>
  ({ name, kind: 'numeric', min, max, integer: true, decimals: 0, ...extra }) as NumericColumn;

const schema: Schema = {
  columns: [
    numeric('age', 17, 90),
    numeric('day', 0, 20_000, { time: { kind: 'date' } }),
    numeric('empty', 1, 5),
    { name: 'class', kind: 'categorical', levels: ['a', 'b'] } as Schema['columns'][number],
  ],
  target: 3,
};

const training: RawTable = {
  name: 't.csv',
  columns: ['age', 'day', 'empty', 'class'],
  missingMarker: '',
  rows: [
    ['25', '1970-01-11', null, 'a'],
    ['40', '1970-01-02', null, 'b'],
    [null, 'not a date', null, 'a'],
  ],
};

describe('trainingSchema', () => {
  it('takes numeric ranges from the training rows only, dates included, and leaves the rest', () => {
    const fitted = trainingSchema(schema, training);
    expect(fitted.columns[0]).toMatchObject({ min: 25, max: 40 });
    expect(fitted.columns[1]).toMatchObject({ min: 1, max: 10 });
    // Every training value missing: the table's range stays.
    expect(fitted.columns[2]).toMatchObject({ min: 1, max: 5 });
    expect(fitted.columns[3]).toBe(schema.columns[3]);
    expect(fitted.target).toBe(3);
  });

  it('counts pooled rare levels in the training rows only, so a held-out-only level is never written', () => {
    const wide = {
      name: 'country',
      kind: 'categorical',
      levels: ['US', '(other)'],
      counts: [5, 4],
      pooled: { levels: ['FR', 'DE', 'NZ'], counts: [2, 1, 1] },
    } as Schema['columns'][number];
    const rows = (cells: string[]): RawTable => ({
      name: 't.csv',
      columns: ['country'],
      missingMarker: '',
      rows: cells.map((c) => [c]),
    });
    const one: Schema = { columns: [wide], target: 0 };
    // NZ is only in the held-out rows.
    expect(trainingSchema(one, rows(['US', 'FR', 'DE', 'FR', 'US'])).columns[0]).toMatchObject({
      pooled: { levels: ['FR', 'DE'], counts: [2, 1] },
    });
    // No pooled level in the training rows at all: nothing to write "(other)" back as.
    const none = trainingSchema(one, rows(['US', 'US'])).columns[0]!;
    expect(none.kind === 'categorical' && none.pooled).toBe(undefined);
  });
});

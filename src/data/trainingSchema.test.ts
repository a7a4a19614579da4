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
  it('takes numeric ranges and gaps from the training rows only, dates included', () => {
    const fitted = trainingSchema(schema, training);
    expect(fitted.columns[0]).toMatchObject({ min: 25, max: 40, missing: 1 });
    expect(fitted.columns[1]).toMatchObject({ min: 1, max: 10 });
    // Every training value missing: the table's range stays.
    expect(fitted.columns[2]).toMatchObject({ min: 1, max: 5, missing: 3 });
    expect(fitted.target).toBe(3);
  });

  it('takes levels and their counts from the training rows, most frequent first', () => {
    // The whole table had "b" first and a level "c" that only held-out rows have.
    const whole: Schema = {
      columns: [
        { name: 'class', kind: 'categorical', missing: 4, levels: ['b', 'a', 'c'], counts: [5, 2, 1] },
      ],
      target: 0,
    };
    const rows = (cells: (string | null)[]): RawTable => ({
      name: 't.csv',
      columns: ['class'],
      missingMarker: '',
      rows: cells.map((c) => [c]),
    });
    expect(trainingSchema(whole, rows(['a', 'b', 'a', 'a'])).columns[0]).toEqual({
      name: 'class',
      kind: 'categorical',
      missing: 0,
      levels: ['a', 'b'],
      counts: [3, 1],
    });
  });

  it('pools rare levels as the training rows have them, so a held-out-only level is never written', () => {
    // 120 levels in the training rows: "L0" 100 times, the others once or twice; "NZ" only held out.
    const cells = [
      ...Array.from({ length: 100 }, () => 'L0'),
      ...Array.from({ length: 119 }, (_, i) => `L${i + 1}`),
    ];
    cells.push('L1', 'L2');
    const raw: RawTable = {
      name: 't.csv',
      columns: ['country'],
      missingMarker: '',
      rows: cells.map((c) => [c]),
    };
    const whole: Schema = {
      columns: [
        {
          name: 'country',
          kind: 'categorical',
          missing: 0,
          levels: ['L0', '(other)'],
          counts: [100, 122],
          pooled: { levels: ['NZ', 'L1'], counts: [1, 2] },
        },
      ],
      target: 0,
    };
    const column = trainingSchema(whole, raw).columns[0]!;
    if (column.kind !== 'categorical' || !column.pooled) throw new Error('expected a pooled column');
    expect(column.levels.slice(0, 3)).toEqual(['L0', 'L1', 'L2']);
    expect(column.levels.at(-1)).toBe('(other)');
    expect(column.levels).not.toContain('NZ');
    expect(column.pooled.levels).not.toContain('NZ');
    // Every training row is counted once: as a kept level or as a pooled one.
    const total = column.counts.reduce((s, c) => s + c, 0);
    expect(total).toBe(cells.length);
    expect(column.pooled.counts.reduce((s, c) => s + c, 0)).toBe(column.counts.at(-1));
  });
});

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { changeColumnKind, changeTarget, inferSchema } from './infer';
import { parseTableFile } from './load';
import type { ColumnSchema, Schema } from './schema';
import type { Cell, DeclaredType, RawTable, Result } from './table';

const SHARED = path.resolve(__dirname, '../../../shared/data');
const DEMOS = path.resolve(__dirname, '../../public/demos');
const hasShared = existsSync(SHARED);
if (!hasShared) console.warn(`skipping the real-file inference tests: ${SHARED} not found`);

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected success, got: ${result.error}`);
  return result.value;
}

function errorOf<T>(result: Result<T>): string {
  if (result.ok) throw new Error('expected an error');
  return result.error;
}

function load(dir: string, file: string): RawTable {
  return value(parseTableFile(readFileSync(path.join(dir, file)), file));
}

/** A RawTable from columns of cells, the way the parsers would produce it. */
function raw(columns: Record<string, Cell[]>, declared?: DeclaredType[]): RawTable {
  const names = Object.keys(columns);
  const length = Object.values(columns)[0]?.length ?? 0;
  const rows = Array.from({ length }, (_, r) => names.map((n) => columns[n]?.[r] ?? null));
  return { name: 't.csv', columns: names, rows, declared, missingMarker: '' };
}

function column(schema: Schema, name: string): ColumnSchema {
  const found = schema.columns.find((c) => c.name === name);
  if (!found) throw new Error(`no column ${name}`);
  return found;
}

const kinds = (schema: Schema): string[] => schema.columns.map((c) => c.kind);
const range = (n: number, f: (i: number) => Cell): Cell[] => Array.from({ length: n }, (_, i) => f(i));

describe.skipIf(!hasShared)('inference on the real files', () => {
  for (const file of ['adult.csv', 'adult.arff']) {
    it(`types ${file} and picks income`, () => {
      const table = load(SHARED, file);
      const schema = value(inferSchema(table));
      expect(schema.columns).toHaveLength(15);
      expect(schema.columns.filter((c) => c.kind === 'numeric').map((c) => c.name)).toEqual([
        'age',
        'fnlwgt',
        'education-num',
        'capital-gain',
        'capital-loss',
        'hours-per-week',
      ]);
      expect(kinds(schema).filter((k) => k === 'categorical')).toHaveLength(9);
      expect(schema.columns[schema.target]?.name).toBe('income');
      expect(column(schema, 'income')).toMatchObject({ levels: ['<=50K', '>50K'], counts: [24_720, 7_841] });
      expect(column(schema, 'age')).toMatchObject({
        min: 17,
        max: 90,
        integer: true,
        decimals: 0,
        missing: 0,
      });
      expect(column(schema, 'workclass')).toMatchObject({ kind: 'categorical', missing: 1_836 });
      expect(column(schema, 'native-country')).toMatchObject({ kind: 'categorical', missing: 583 });
    });
  }

  for (const file of ['bank-full.csv', 'bank-full.arff']) {
    it(`types ${file} and picks y`, () => {
      const schema = value(inferSchema(load(SHARED, file)));
      expect(schema.columns).toHaveLength(17);
      expect(kinds(schema).filter((k) => k === 'numeric')).toHaveLength(7);
      expect(schema.columns[schema.target]?.name).toBe('y');
      expect(column(schema, 'y')).toMatchObject({ levels: ['no', 'yes'], counts: [39_922, 5_289] });
      expect(column(schema, 'balance')).toMatchObject({ kind: 'numeric', min: -8_019, max: 102_127 });
    });
  }
});

describe('inferSchema', () => {
  it('reads numbers as Number() does, with decimals as written', () => {
    const schema = value(
      inferSchema(
        raw({
          a: ['-1', '1e3', '.5', '2.250', null],
          b: ['1', '2', '3', '4', '5'],
          c: ['1.5e-3', '0.1234567', '2', '3', '4'],
          d: ['1', '2', 'x', '1', '2'],
          e: ['0x10', '1', '2', '1', '2'],
        }),
      ),
    );
    expect(schema.columns[0]).toEqual({
      kind: 'numeric',
      name: 'a',
      missing: 1,
      min: -1,
      max: 1000,
      integer: false,
      decimals: 3,
    });
    expect(schema.columns[1]).toMatchObject({ kind: 'numeric', integer: true, decimals: 0, min: 1, max: 5 });
    expect(schema.columns[2]).toMatchObject({ kind: 'numeric', decimals: 6 });
    expect(schema.columns[3]).toMatchObject({
      kind: 'categorical',
      levels: ['1', '2', 'x'],
      counts: [2, 2, 1],
    });
    expect(schema.columns[4]?.kind).toBe('categorical');
  });

  it('orders levels by frequency', () => {
    const schema = value(
      inferSchema(raw({ x: ['1', '2', '3', '4', '5', '6'], c: ['b', 'a', 'a', 'c', 'a', 'b'] })),
    );
    expect(column(schema, 'c')).toMatchObject({ levels: ['a', 'b', 'c'], counts: [3, 2, 1], missing: 0 });
  });

  it('ignores constant, empty, identifier and mostly unique columns', () => {
    const n = 150;
    const schema = value(
      inferSchema(
        raw({
          id: range(n, (i) => `row-${i}`),
          wide: range(n, (i) => `w${i % 120}`),
          same: range(n, () => 'x'),
          gone: range(n, () => null),
          sameNumber: range(n, () => '7'),
          x: range(n, (i) => String(i % 10)),
          label: range(n, (i) => (i % 3 === 0 ? 'yes' : 'no')),
        }),
      ),
    );
    expect(schema.columns.map((c) => (c.kind === 'ignored' ? c.reason : c.kind))).toEqual([
      'unique per row: looks like an identifier',
      '120 distinct values in 150 rows: looks like names or free text',
      'constant: always "x"',
      'empty: every value is missing',
      'constant: always "7"',
      'numeric',
      'categorical',
    ]);
    expect(column(schema, 'gone').missing).toBe(n);
    expect(schema.target).toBe(6);
  });

  it('pools the rare levels of a high-cardinality column into "(other)", with a note naming it', () => {
    // 600 rows, 200 zip codes: 20 frequent ones (20 rows each), 180 rare ones (1 each, 0.17%).
    const zip = range(600, (i) => (i < 400 ? `z${i % 20}` : `r${i - 400}`)).slice(0, 580);
    const result = inferSchema(raw({ zip, label: range(580, (i) => (i % 2 ? 'a' : 'b')) }));
    const schema = value(result);
    const c = column(schema, 'zip');
    if (c.kind !== 'categorical') throw new Error('zip should stay categorical');
    expect(c.levels).toHaveLength(51);
    expect(c.levels.slice(0, 20).every((l) => /^z\d+$/.test(l))).toBe(true);
    expect(c.levels.at(-1)).toBe('(other)');
    expect(c.counts.reduce((s, n) => s + n, 0)).toBe(580);
    expect(c.pooled?.levels).toHaveLength(150);
    expect(result.ok && result.warnings).toEqual([
      `t.csv: column 'zip' has 200 distinct values; the 50 most frequent are kept and the other 150 pooled as "(other)".`,
    ]);
  });

  it('reads ISO dates and date-times as numbers on a day or second scale', () => {
    const schema = value(
      inferSchema(
        raw({
          day: ['2012-01-01', '2012-01-03', null, '2011-12-31'],
          at: ['2020-02-29 10:00', '2020-03-01 00:00:30', '2020-03-01 00:00', '2020-03-01 00:00'],
          notDate: ['2021-02-30', '2021-02-01', '2021-02-01', 'x'],
          y: ['a', 'b', 'a', 'b'],
        }),
      ),
    );
    expect(column(schema, 'day')).toMatchObject({ kind: 'numeric', min: 15339, max: 15342, missing: 1 });
    expect(column(schema, 'at')).toMatchObject({
      kind: 'numeric',
      min: Date.UTC(2020, 1, 29, 10) / 1000,
      time: { kind: 'datetime', separator: ' ', seconds: true },
    });
    expect(column(schema, 'notDate').kind).toBe('categorical');
  });

  it('keeps a short column of distinct values', () => {
    const schema = value(inferSchema(raw({ name: ['a', 'b', 'c'], x: ['1', '2', '3'], y: ['p', 'q', 'p'] })));
    expect(column(schema, 'name').kind).toBe('categorical');
  });

  it('follows ARFF declarations', () => {
    const table = raw(
      {
        n: ['1', '2', '3'],
        level: ['1', '2', '1'],
        note: ['4', '5', '6'],
        when: ['2020-01-01', '2020-01-02', '2020-01-03'],
        cls: ['a', 'b', 'a'],
      },
      [
        { kind: 'numeric' },
        { kind: 'nominal', levels: ['2', '1', '3'] },
        { kind: 'string' },
        { kind: 'date' },
        { kind: 'nominal', levels: ['a', 'b'] },
      ],
    );
    const schema = value(inferSchema(table));
    expect(kinds(schema)).toEqual(['numeric', 'categorical', 'numeric', 'numeric', 'categorical']);
    expect(column(schema, 'level')).toMatchObject({ levels: ['1', '2'], counts: [2, 1] });
    // Days since 1970-01-01.
    expect(column(schema, 'when')).toMatchObject({ min: 18262, max: 18264, time: { kind: 'date' } });
    expect(schema.target).toBe(4);
  });

  it('picks the last categorical column even when numeric columns follow', () => {
    const schema = value(inferSchema(raw({ c: ['a', 'b', 'a'], x: ['1', '2', '3'] })));
    expect(schema.target).toBe(0);
  });

  it('picks the last numeric column when no column is categorical', () => {
    const schema = value(inferSchema(raw({ x: ['1', '2', '3'], y: ['4', '5', '6'], z: ['1', '1', '1'] })));
    expect(schema.target).toBe(1);
  });

  it('fails when the target has a single value', () => {
    const table = raw({ x: ['1', '2', '3'], z: ['a', 'b', 'c'], y: ['no', 'no', null] });
    expect(errorOf(inferSchema(table))).toBe(
      `t.csv: the target column 'y' has a single value ("no"); the GAN is conditioned on the target and needs at least two.`,
    );
  });

  it('fails when fewer than two columns are usable, saying why', () => {
    const table = raw({ id: range(30, (i) => `id${i}`), x: range(30, (i) => String(i)) });
    expect(errorOf(inferSchema(table))).toBe(
      "t.csv: only 'x' is usable, and a GAN needs at least two columns. " +
        "Left out: 'id' (unique per row: looks like an identifier).",
    );
  });
});

describe('changeColumnKind', () => {
  const table = raw({
    code: ['1', '2', '3', '1'],
    city: ['Bern', 'Basel', 'Bern', 'Chur'],
    size: ['10', '20', 'big', '5'],
    y: ['a', 'b', 'a', 'b'],
  });
  const schema = value(inferSchema(table));

  it('turns a numeric column into a categorical one and back', () => {
    const categorical = value(changeColumnKind(table, schema, 0, 'categorical'));
    expect(categorical.columns[0]).toMatchObject({
      kind: 'categorical',
      levels: ['1', '2', '3'],
      counts: [2, 1, 1],
    });
    const numeric = value(changeColumnKind(table, categorical, 0, 'numeric'));
    expect(numeric.columns[0]).toEqual(schema.columns[0]);
  });

  it('refuses numeric for a column holding text, naming the row and value', () => {
    expect(errorOf(changeColumnKind(table, schema, 2, 'numeric'))).toBe(
      `t.csv, data row 3, column 'size': "big" is not a number.`,
    );
  });

  it('ignores a column, but never the target', () => {
    const ignored = value(changeColumnKind(table, schema, 1, 'ignored'));
    expect(ignored.columns[1]).toEqual({
      kind: 'ignored',
      name: 'city',
      missing: 0,
      reason: 'left out by you',
    });
    expect(errorOf(changeColumnKind(table, schema, 3, 'ignored'))).toBe(
      "t.csv: 'y' is the target column; choose another target before leaving it out.",
    );
  });

  it('keeps at least two columns', () => {
    let s = value(changeColumnKind(table, schema, 0, 'ignored'));
    s = value(changeColumnKind(table, s, 1, 'ignored'));
    expect(errorOf(changeColumnKind(table, s, 2, 'ignored'))).toMatch(
      /^t\.csv: only 'y' is usable, and a GAN needs at least two columns\./,
    );
  });

  it('pools the rare levels of a column made categorical, and refuses columns without information', () => {
    const wide = raw({
      x: range(150, (i) => String(i)),
      k: range(150, () => 'same'),
      y: range(150, (i) => (i % 2 === 0 ? 'a' : 'b')),
    });
    const s = value(inferSchema(wide));
    const pooled = changeColumnKind(wide, s, 0, 'categorical');
    expect(value(pooled).columns[0]).toMatchObject({
      kind: 'categorical',
      pooled: { levels: expect.any(Array) },
    });
    expect(pooled.ok && pooled.warnings).toEqual([
      `t.csv: column 'x' has 150 distinct values; the 50 most frequent are kept and the other 100 pooled as "(other)".`,
    ]);
    expect(errorOf(changeColumnKind(wide, s, 1, 'categorical'))).toBe(
      `t.csv: column 'k' always holds "same"; a constant column has nothing to learn.`,
    );
  });
});

describe('changeTarget', () => {
  const table = raw({
    id: range(30, (i) => `id${i}`),
    x: range(30, (i) => String(i)),
    c: range(30, (i) => 'ab'[i % 2]!),
  });
  const schema = value(inferSchema(table));

  it('moves the target to a used column', () => {
    expect(schema.target).toBe(2);
    expect(value(changeTarget(table, schema, 1)).target).toBe(1);
  });

  it('refuses an ignored column, naming it', () => {
    expect(errorOf(changeTarget(table, schema, 0))).toBe(
      "t.csv: column 'id' is left out (unique per row: looks like an identifier); include it before making it the target.",
    );
  });
});

describe('demo tables', () => {
  const index = JSON.parse(readFileSync(path.join(DEMOS, 'index.json'), 'utf8')) as {
    file: string;
    target: string;
    rows: number;
  }[];

  it('lists penguins first', () => {
    expect(index.map((d) => d.file)).toEqual(['penguins.csv', 'cars.csv', 'seattle-weather.csv']);
  });

  for (const demo of index) {
    it(`${demo.file} loads and takes ${demo.target} as its target`, () => {
      const table = load(DEMOS, demo.file);
      expect(table.rows).toHaveLength(demo.rows);
      const inferred = value(inferSchema(table));
      const target = table.columns.indexOf(demo.target);
      const schema = value(changeTarget(table, inferred, target));
      expect(schema.target).toBe(target);
    });
  }

  it('penguins: Species is the default target', () => {
    const schema = value(inferSchema(load(DEMOS, 'penguins.csv')));
    expect(column(schema, 'Species')).toMatchObject({ levels: ['Adelie', 'Gentoo', 'Chinstrap'] });
    expect(schema.columns[schema.target]?.name).toBe('Species');
    expect(column(schema, 'Sex')).toMatchObject({
      kind: 'categorical',
      levels: ['MALE', 'FEMALE'],
      missing: 11,
    });
    expect(kinds(schema).filter((k) => k === 'numeric')).toHaveLength(4);
  });

  it('cars: Miles_per_Gallon is numeric, Name is left out', () => {
    const schema = value(inferSchema(load(DEMOS, 'cars.csv')));
    expect(column(schema, 'Miles_per_Gallon')).toMatchObject({ kind: 'numeric', missing: 8 });
    expect(column(schema, 'Name').kind).toBe('ignored');
    expect(column(schema, 'Year')).toMatchObject({ kind: 'numeric', min: 1970, max: 1982, integer: true });
    expect(column(schema, 'Origin')).toMatchObject({
      kind: 'categorical',
      levels: ['USA', 'Japan', 'Europe'],
    });
    // The default rule prefers a categorical target (Origin); the demo index names the regression target.
    expect(schema.columns[schema.target]?.name).toBe('Origin');
  });

  it('seattle-weather: weather is the default target, the date is a date column', () => {
    const schema = value(inferSchema(load(DEMOS, 'seattle-weather.csv')));
    expect(schema.columns[schema.target]?.name).toBe('weather');
    expect(column(schema, 'date')).toMatchObject({ kind: 'numeric', integer: true, time: { kind: 'date' } });
    expect(kinds(schema).filter((k) => k === 'numeric')).toHaveLength(5);
  });
});

import { describe, expect, it } from 'vitest';
import type { RawTable } from '../data/table';
import type { NumericColumn, Schema } from '../data/schema';
import { decodeRows, encodeRows, fitEncoder } from './encoder';
import { categorical, twoClassTable } from '../../test-support/tables';

describe('encoder', () => {
  it('round-trips categories exactly and numbers to the source precision', () => {
    const { raw, schema } = twoClassTable(200);
    const encoder = fitEncoder(raw, schema);
    expect(encoder.featureWidth).toBe(1 + 2);
    expect(encoder.conditionWidth).toBe(2);
    const rows = encodeRows(encoder, raw);
    const decoded = decodeRows(encoder, rows.features, rows.conditions);
    decoded.forEach((row, i) => {
      const source = raw.rows[i]!;
      expect(Number(row[0])).toBeCloseTo(Number(source[0]), 6);
      expect(row.slice(1)).toEqual(source.slice(1));
    });
  });

  it('keeps missing values as missing, in both kinds of column', () => {
    const rows = [
      ['1', 'x', 'a'],
      [null, 'y', 'b'],
      ['3', null, 'a'],
      ['4', 'x', 'b'],
    ];
    const raw: RawTable = { name: 'gaps.csv', columns: ['n', 'c', 't'], rows, missingMarker: '?' };
    const n: NumericColumn = {
      kind: 'numeric',
      name: 'n',
      missing: 1,
      min: 1,
      max: 4,
      integer: true,
      decimals: 0,
    };
    const schema: Schema = { columns: [n, categorical(rows, 1, 'c'), categorical(rows, 2, 't')], target: 2 };
    const encoder = fitEncoder(raw, schema);
    // n: value + [present, missing]; c: x, y + missing level.
    expect(encoder.featureWidth).toBe(3 + 3);
    const encoded = encodeRows(encoder, raw);
    expect(decodeRows(encoder, encoded.features, encoded.conditions)).toEqual(rows);
  });

  it('clamps generated numbers to the real range and rounds integers', () => {
    const rows = [
      ['10', 'a'],
      ['20', 'b'],
    ];
    const raw: RawTable = { name: 'ages.csv', columns: ['age', 't'], rows, missingMarker: '' };
    const age: NumericColumn = {
      kind: 'numeric',
      name: 'age',
      missing: 0,
      min: 10,
      max: 20,
      integer: true,
      decimals: 0,
    };
    const encoder = fitEncoder(raw, { columns: [age, categorical(rows, 1, 't')], target: 1 });
    // z-scores far outside the data and one between two integers.
    const features = Float32Array.from([-9, 9, 0.13]);
    const conditions = Float32Array.from([1, 0, 0, 1, 1, 0]);
    expect(decodeRows(encoder, features, conditions)).toEqual([
      ['10', 'a'],
      ['20', 'b'],
      ['16', 'a'],
    ]);
  });
});

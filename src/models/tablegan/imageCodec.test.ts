import { describe, expect, it } from 'vitest';
import type { ColumnSchema, NumericColumn } from '../../data/schema';
import type { Cell, RawTable } from '../../data/table';
import { categorical, twoClassTable } from '../../../test-support/tables';
import { numeric, wideTable } from '../../../test-support/tablegan';
import { fitImageCodec } from './imageCodec';
import { cellCount, imageLayout, imageSide } from './layout';

describe('table-GAN image layout', () => {
  it('picks the smallest side that holds every cell, at least 4', () => {
    expect([1, 3, 7, 15, 16, 17, 26, 50].map(imageSide)).toEqual([4, 4, 4, 4, 4, 5, 6, 8]);
  });

  it('lays out tables of 3, 7, 15, 16 and 17 columns', () => {
    for (const columns of [3, 7, 15, 16, 17]) {
      const { raw, schema } = wideTable(columns);
      const codec = fitImageCodec(raw, schema);
      const side = Math.max(4, Math.ceil(Math.sqrt(columns)));
      expect(codec.layout.side, `${columns} columns`).toBe(side);
      expect(codec.featureWidth).toBe(side * side);
      expect(codec.layout.usedCells).toBe(columns);
      expect(codec.layout.targetCell).toBe(columns - 1);
      expect(codec.conditionWidth).toBe(0);
      expect(codec.outputColumns).toEqual(raw.columns);
    }
  });

  it('leaves ignored columns out and gives a numeric column with gaps a flag cell', () => {
    const rows: Cell[][] = [
      ['1', 'x', 'skip', 'a'],
      [null, 'y', 'skip', 'b'],
      ['3', null, 'skip', 'a'],
    ];
    const columns: ColumnSchema[] = [
      numeric(
        'n',
        rows.map((r) => r[0]!),
        true,
        0,
      ),
      categorical(rows, 1, 'c'),
      { kind: 'ignored', name: 'i', missing: 0, reason: 'constant' },
      categorical(rows, 3, 't'),
    ];
    expect(cellCount(columns, 3)).toBe(4);
    const layout = imageLayout(columns, 3);
    expect(layout.columns.map((c) => c.cell)).toEqual([0, 2, 3]);
    expect(layout.targetCell).toBe(3);
    expect(layout.target).toEqual({ kind: 'classes', count: 2 });
  });
});

describe('table-GAN image codec', () => {
  it('round-trips rows exactly: label-encoded, scaled to [−1, 1], zero padding', () => {
    const { raw, schema } = twoClassTable(200);
    const codec = fitImageCodec(raw, schema);
    const encoded = codec.encodeRows(raw);
    expect(encoded.count).toBe(200);
    for (let r = 0; r < encoded.count; r++) {
      const image = encoded.features.subarray(r * 16, (r + 1) * 16);
      expect(Math.min(...image)).toBeGreaterThanOrEqual(-1);
      expect(Math.max(...image)).toBeLessThanOrEqual(1);
      expect(Array.from(image.subarray(3))).toEqual(new Array(13).fill(0));
    }
    const decoded = codec.decodeRows(encoded.features, encoded.conditions);
    decoded.forEach((row, i) => {
      const source = raw.rows[i]!;
      expect(Number(row[0])).toBe(Number(source[0]));
      expect(row.slice(1)).toEqual(source.slice(1));
    });
  });

  it('keeps gaps in both kinds of column, and drops rows without a target', () => {
    const rows: Cell[][] = [
      ['1.5', 'x', 'a'],
      [null, 'y', 'b'],
      ['3.25', null, 'a'],
      ['4', 'x', 'b'],
      ['2', 'y', null],
    ];
    const raw: RawTable = { name: 'gaps.csv', columns: ['n', 'c', 't'], rows, missingMarker: '?' };
    const n = numeric(
      'n',
      rows.map((r) => r[0]!),
      false,
      2,
    );
    const codec = fitImageCodec(raw, {
      columns: [n, categorical(rows, 1, 'c'), categorical(rows, 2, 't')],
      target: 2,
    });
    // n: value + missing flag; c: x, y and the missing level; t.
    expect(codec.layout.usedCells).toBe(4);
    const encoded = codec.encodeRows(raw);
    expect(encoded.count).toBe(4);
    expect(codec.decodeRows(encoded.features, encoded.conditions)).toEqual(rows.slice(0, 4));
    // No conditions: the target (t's levels a, b → −1, 1) is the image's fourth cell.
    expect(encoded.conditions).toHaveLength(0);
    expect([0, 1, 2, 3].map((r) => encoded.features[r * 16 + 3])).toEqual([-1, 1, -1, 1]);
  });

  it('decodes any generated value: nearest label, numbers clamped and rounded like the source', () => {
    const { raw, schema } = twoClassTable(50);
    const codec = fitImageCodec(raw, schema);
    const x = schema.columns[0] as NumericColumn;
    const image = (cells: number[]) => [...cells, ...new Array(13).fill(0.3)];
    const features = Float32Array.from([...image([-1.7, 0.2, -0.4]), ...image([2, -0.9, 0.9])]);
    const levels = (schema.columns[1] as { levels: string[] }).levels;
    const classes = (schema.columns[2] as { levels: string[] }).levels;
    expect(codec.decodeRows(features, new Float32Array())).toEqual([
      [String(x.min), levels[1], classes[0]],
      [String(x.max), levels[0], classes[1]],
    ]);
  });

  it('scales a numeric target like any other number', () => {
    const rows: Cell[][] = [
      ['a', '10'],
      ['b', '20'],
      ['a', '15'],
    ];
    const raw: RawTable = { name: 'n.csv', columns: ['c', 'y'], rows, missingMarker: '' };
    const y = numeric(
      'y',
      rows.map((r) => r[1]!),
      true,
      0,
    );
    const codec = fitImageCodec(raw, { columns: [categorical(rows, 0, 'c'), y], target: 1 });
    expect(codec.layout.target).toEqual({ kind: 'value' });
    const encoded = codec.encodeRows(raw);
    expect([0, 1, 2].map((r) => encoded.features[r * 16 + codec.layout.targetCell])).toEqual([-1, 1, 0]);
    expect(codec.decodeRows(encoded.features, encoded.conditions)).toEqual(rows);
  });
});

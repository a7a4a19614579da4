import { describe, expect, it } from 'vitest';
import { decodeRows, encodeRows, fitEncoder } from '../../encoding/encoder';
import { twoClassTable } from '../../../test-support/tables';
import { RowLayout } from './rowDraw';

describe('the explorer’s row layout', () => {
  it('rounds a clamped number as decoding rounds it, so the row encodes back to the same values', () => {
    const { raw, schema } = twoClassTable(300);
    const encoder = fitEncoder(raw, schema);
    const x = encoder.features[0]!;
    if (x.kind !== 'numeric' || x.scaling.kind !== 'standard')
      throw new Error('x should be a z-scored number');
    const { mean, std } = x.scaling;
    const z = (v: number) => (v - mean) / std;
    const layout = new RowLayout(encoder, null);
    // x has two decimals: 1.23456 is written 1.23; past the range, the range's end. Colour: the larger logit.
    const outputs = Float32Array.from([z(1.23456), 0.3, -0.2, z(99), -1, 2]);
    const rows = layout.harden(outputs);
    expect(rows[0]).toBeCloseTo(z(1.23), 6);
    expect(rows[3]).toBeCloseTo(z(x.source.max), 6);
    expect(Array.from(rows.subarray(1, 3))).toEqual([1, 0]);
    // Decoded to cells and encoded again, the forest reads exactly the values it scored.
    const conditions = Float32Array.from([1, 0, 1, 0]);
    const cells = decodeRows(encoder, rows, conditions);
    expect(cells[0]![0]).toBe('1.23');
    const again = encodeRows(encoder, { ...raw, rows: cells });
    expect(Array.from(again.features)).toEqual(Array.from(rows));
  });
});

import { describe, expect, it } from 'vitest';
import { demoTable } from '../../../test-support/demoTable';
import type { Cell } from '../../data/table';
import { twoClassTable } from '../../../test-support/tables';
import { NUMERIC_BINS } from './columnViews';
import { FINGERPRINT_ROWS, LiveViews } from './liveViews';

const snapshot = { id: 1, step: 100 };

describe('LiveViews', () => {
  it("bins every real row of every column: a category's counts are its levels', a number's follow its range", () => {
    const { raw, schema } = demoTable();
    const view = new LiveViews(schema, raw.rows, 7).view(snapshot, []);
    expect(view.columns.map((c) => c.name)).toEqual(
      schema.columns.filter((c) => c.kind !== 'ignored').map((c) => c.name),
    );
    for (const column of view.columns) {
      const source = schema.columns.find((c) => c.name === column.name)!;
      const index = raw.columns.indexOf(column.name);
      const cells = raw.rows.map((r) => r[index] ?? null);
      if (source.kind === 'categorical') {
        // The schema counted the levels its own way, when the table was typed.
        expect(column.real, column.name).toEqual(source.counts);
      } else if (source.kind === 'numeric') {
        expect(column.real).toHaveLength(NUMERIC_BINS);
        const values = cells.filter((c): c is string => c !== null).map(Number);
        // Counted from the sorted values: the first k bins hold every value below the k-th edge.
        const sorted = [...values].sort((a, b) => a - b);
        const width = (source.max - source.min) / NUMERIC_BINS;
        for (let k = 1; k < NUMERIC_BINS; k++) {
          const below = sorted.filter((v) => v < source.min + k * width).length;
          const binned = column.real.slice(0, k).reduce((s, n) => s + n, 0);
          expect(binned, `${column.name}, first ${k} bins`).toBe(below);
        }
        expect(column.real.reduce((s, n) => s + n, 0)).toBe(values.length);
      }
      expect(column.missing.real, column.name).toBe(cells.filter((c) => c === null).length);
    }
  });

  it('scores 1 for rows that are the real ones, and less for rows that are not', () => {
    const { raw, schema } = twoClassTable(400);
    const live = new LiveViews(schema, raw.rows, 7);
    const same = live.view(snapshot, raw.rows);
    for (const column of same.columns) {
      expect(column.score, column.name).toBeCloseTo(1, 6);
      expect(column.generated).toEqual(column.real);
    }
    // Every x shifted up by one and every colour red: both columns lose, the class does not.
    const shifted: Cell[][] = raw.rows.map(([x, , cls]) => [String(Number(x) + 1), 'red', cls ?? null]);
    const [x, colour, cls] = live.view(snapshot, shifted).columns;
    expect(x!.metric).toBe('KSComplement');
    expect(x!.score).toBeLessThan(0.9);
    expect(colour!.metric).toBe('TVComplement');
    expect(colour!.score).toBeLessThan(0.7);
    expect(cls!.score).toBeCloseTo(1, 6);
  });

  it('fingerprints as many rows on each side, numbers in [0, 1], levels as indices, sorted by the target', () => {
    const { raw, schema } = twoClassTable(400);
    const { fingerprints } = new LiveViews(schema, raw.rows, 7).view(snapshot, raw.rows.slice(100));
    expect(fingerprints.columns).toEqual([
      { name: 'x', kind: 'numeric', levels: 0 },
      { name: 'colour', kind: 'categorical', levels: 2 },
      { name: 'class', kind: 'categorical', levels: 2 },
    ]);
    for (const side of [fingerprints.real, fingerprints.generated]) {
      expect(side).toHaveLength(FINGERPRINT_ROWS);
      for (const row of side) {
        expect(row.values[0]).toBeGreaterThanOrEqual(0);
        expect(row.values[0]).toBeLessThanOrEqual(1);
        expect(Number.isInteger(row.values[1])).toBe(true);
      }
      const classes = side.map((r) => r.values[2]!);
      expect(classes).toEqual([...classes].sort((a, b) => a - b));
    }
  });
});

import { describe, expect, it } from 'vitest';
import type { Cell } from '../../data/table';
import { createRng } from '../../rng';
import { chiSquareFromProbabilities, detect } from './detection';
import { valueOf } from '../../../test-support/measure';
import type { MetricColumn } from './quality';

const columns: MetricColumn[] = [
  { name: 'x', kind: 'numeric' },
  { name: 'c', kind: 'categorical' },
];

function rows(n: number, seed: number, shift: number): Cell[][] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => {
    const x = rng.next() * 10 + shift;
    return [x.toFixed(2), x > 5 + shift ? 'high' : 'low'];
  });
}

describe('detection', () => {
  it('cannot tell a copy from the real rows', () => {
    const real = rows(150, 1, 0);
    const result = detect(columns, real, [...real], 9);
    expect(result.foldAucs).toHaveLength(3);
    expect(valueOf(result.score)).toBeGreaterThan(0.85);
    expect(valueOf(result.chiSquare)).toBeLessThan(0.1);
  });

  it('tells shifted rows apart: a low score and a χ² estimate near 1', () => {
    const result = detect(columns, rows(150, 1, 0), rows(150, 2, 6), 9);
    expect(valueOf(result.score)).toBeLessThan(0.2);
    // Where the real density is near zero, r ≈ 0 and each synthetic row adds (0 − 1)² = 1.
    expect(valueOf(result.chiSquare)).toBeGreaterThan(0.6);
  });

  it('says why when there are too few rows to deal one to each fold, instead of a perfect score', () => {
    const result = detect(columns, rows(2, 1, 0), rows(50, 2, 6), 9);
    expect(result.score).toEqual({
      ok: false,
      reason: expect.stringMatching(/at least 3 real and 3 synthetic rows/),
    });
    expect(result.chiSquare.ok).toBe(false);
  });

  it('reads date columns as days: dates a year apart are told apart, not scored indistinguishable', () => {
    const dated: MetricColumn[] = [
      { name: 'day', kind: 'numeric', time: { kind: 'date' } },
      { name: 'c', kind: 'categorical' },
    ];
    const days = (n: number, seed: number, year: number): Cell[][] => {
      const rng = createRng(seed);
      return Array.from({ length: n }, () => {
        const day = 1 + Math.floor(rng.next() * 28);
        return [`${year}-02-${String(day).padStart(2, '0')}`, rng.next() < 0.5 ? 'a' : 'b'];
      });
    };
    const result = detect(dated, days(150, 1, 2012), days(150, 2, 2013), 9);
    for (const auc of result.foldAucs) expect(valueOf(auc)).toBeGreaterThan(0.95);
    expect(valueOf(result.score)).toBeLessThan(0.1);
  });

  it('turns probabilities into χ² = E_syn[(r − 1)²] by hand', () => {
    expect(chiSquareFromProbabilities([0.5, 0.5], 2)).toBe(0);
    // p = 0.75 with equal counts: r = 3, (3 − 1)² = 4; twice as many synthetic rows double r.
    expect(chiSquareFromProbabilities([0.75], 1)).toBeCloseTo(4);
    expect(chiSquareFromProbabilities([0.75, 0.75], 1)).toBeCloseTo(25);
    // Clipped at 0.99: r = 99.
    expect(chiSquareFromProbabilities([1], 1)).toBeCloseTo(98 ** 2);
  });
});

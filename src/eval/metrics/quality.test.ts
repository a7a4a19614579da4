import { describe, expect, it } from 'vitest';
import type { Cell } from '../../data/table';
import { pearson, qualityReport, type MetricColumn } from './quality';

const columns: MetricColumn[] = [
  { name: 'x', kind: 'numeric' },
  { name: 'y', kind: 'numeric' },
  { name: 'c', kind: 'categorical' },
];
const real: Cell[][] = [
  ['1', '2', 'a'],
  ['2', '4', 'a'],
  ['3', '6', 'b'],
  ['4', '8', 'b'],
];

describe('qualityReport', () => {
  it('scores identical tables 1 on every measure', () => {
    const report = qualityReport(columns, real, [...real].reverse());
    expect(report.score).toBe(1);
    expect(report.shapes.map((s) => s.metric)).toEqual(['KSComplement', 'KSComplement', 'TVComplement']);
    expect(report.pairs.map((p) => p.metric)).toEqual([
      'CorrelationSimilarity',
      'ContingencySimilarity',
      'ContingencySimilarity',
    ]);
  });

  it('matches hand-computed values', () => {
    // y falls as x rises (ρ = −1 against +1 in the real rows); c is all "a".
    const synthetic: Cell[][] = [
      ['1', '8', 'a'],
      ['2', '6', 'a'],
      ['3', '4', 'a'],
      ['4', '2', 'a'],
    ];
    const report = qualityReport(columns, real, synthetic);
    expect(report.shapes.map((s) => s.score)).toEqual([1, 1, 0.5]);
    expect(report.pairs[0]!.score).toBeCloseTo(0); // 1 − |1 − (−1)| / 2
    // x bins 0,3,6,9 with c: real (0,a)(3,a)(6,b)(9,b), synthetic (0,a)(3,a)(6,a)(9,a): TV = 0.5.
    expect(report.pairs[1]!.score).toBeCloseTo(0.5);
    expect(report.shapeScore).toBeCloseTo(2.5 / 3);
    expect(report.score).toBeCloseTo((2.5 / 3 + report.pairScore) / 2);
  });

  it('treats a missing label as a category of its own', () => {
    const synthetic: Cell[][] = real.map((r) => [r[0]!, r[1]!, null]);
    expect(qualityReport(columns, real, synthetic).shapes[2]!.score).toBe(0);
  });
});

describe('pearson', () => {
  it('is 0 for a constant column and skips missing cells', () => {
    expect(
      pearson(
        [
          ['1', '5'],
          ['2', '5'],
          ['3', '5'],
        ],
        0,
        1,
      ),
    ).toBe(0);
    expect(
      pearson(
        [
          ['1', '2'],
          [null, '9'],
          ['2', '4'],
          ['3', '6'],
        ],
        0,
        1,
      ),
    ).toBeCloseTo(1);
  });
});

import { describe, expect, it } from 'vitest';
import type { Cell } from '../../data/table';
import { valueOf } from '../../../test-support/measure';
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
    expect(valueOf(report.score)).toBe(1);
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
    expect(report.shapes.map((s) => valueOf(s.score))).toEqual([1, 1, 0.5]);
    expect(valueOf(report.pairs[0]!.score)).toBeCloseTo(0); // 1 − |1 − (−1)| / 2
    // x bins 0,3,6,9 with c: real (0,a)(3,a)(6,b)(9,b), synthetic (0,a)(3,a)(6,a)(9,a): TV = 0.5.
    expect(valueOf(report.pairs[1]!.score)).toBeCloseTo(0.5);
    expect(valueOf(report.shapeScore)).toBeCloseTo(2.5 / 3);
    expect(valueOf(report.score)).toBeCloseTo((2.5 / 3 + valueOf(report.pairScore)) / 2);
  });

  it('treats a missing label as a category of its own', () => {
    const synthetic: Cell[][] = real.map((r) => [r[0]!, r[1]!, null]);
    expect(valueOf(qualityReport(columns, real, synthetic).shapes[2]!.score)).toBe(0);
  });
});

describe('pearson', () => {
  const two: MetricColumn[] = [
    { name: 'x', kind: 'numeric' },
    { name: 'y', kind: 'numeric' },
  ];

  it('is not computable for a constant column, and skips missing cells', () => {
    const constant = pearson(
      [
        ['1', '5'],
        ['2', '5'],
        ['3', '5'],
      ],
      two,
      0,
      1,
    );
    expect(constant).toEqual({ ok: false, reason: "'y' is constant" });
    const rho = pearson(
      [
        ['1', '2'],
        [null, '9'],
        ['2', '4'],
        ['3', '6'],
      ],
      two,
      0,
      1,
    );
    expect(valueOf(rho)).toBeCloseTo(1);
  });

  it('leaves a pair with a constant column out of the pair score, as SDMetrics does, and says why', () => {
    // y is constant in the synthetic rows: its correlation with x is undefined there, not 0.
    const columns: MetricColumn[] = [...two, { name: 'c', kind: 'categorical' }];
    const real: Cell[][] = [
      ['1', '2', 'a'],
      ['2', '3', 'b'],
      ['3', '5', 'a'],
      ['4', '4', 'b'],
    ];
    const synthetic: Cell[][] = real.map((r) => [r[0]!, '3', r[2]!]);
    const report = qualityReport(columns, real, synthetic);
    const [correlation, ...contingency] = report.pairs;
    expect(correlation!.score).toEqual({ ok: false, reason: "'y' is constant in the synthetic rows" });
    const computed = contingency.map((p) => valueOf(p.score));
    expect(valueOf(report.pairScore)).toBeCloseTo(computed.reduce((a, b) => a + b, 0) / computed.length);
  });
});

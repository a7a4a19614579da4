import { describe, expect, it } from 'vitest';
import { histogram, meanAt, rankAmongReal, splitVerdicts, verdictOf } from './verdicts';

describe('splitVerdicts', () => {
  // Exact binary fractions, so "equal to the threshold" really is equal.
  const scores = Float32Array.from([0, 0.25, 0.4999, 0.5, 0.5001, 0.75, 1]);

  it('passes a row whose score reaches the threshold, ties included', () => {
    expect(splitVerdicts(scores, 0.5)).toEqual({ fooled: [3, 4, 5, 6], rejected: [0, 1, 2] });
    expect(verdictOf(0.5, 0.5)).toBe('fooled');
    expect(verdictOf(0.4999, 0.5)).toBe('rejected');
  });

  it('moves with the threshold, down to "all pass" and up to "only certain rows pass"', () => {
    expect(splitVerdicts(scores, 0).fooled).toHaveLength(7);
    expect(splitVerdicts(scores, 1)).toEqual({ fooled: [6], rejected: [0, 1, 2, 3, 4, 5] });
    expect(splitVerdicts(scores, 0.75).fooled).toEqual([5, 6]);
  });
});

describe('rankAmongReal', () => {
  it("turns a critic's scores into the share of real rows rated lower (ties count half)", () => {
    const real = [4, 1, 3, 2];
    expect(Array.from(rankAmongReal([0, 2, 2.5, 5], real))).toEqual([0, 0.375, 0.5, 1]);
    // Real rows among themselves spread evenly: the median real row sits at 0.5.
    expect(Array.from(rankAmongReal(real, real))).toEqual([0.875, 0.125, 0.625, 0.375]);
  });
});

describe('histogram and meanAt', () => {
  it('bins scores over [0, 1] with 1 in the last bin', () => {
    expect(histogram([0, 0.05, 0.1, 0.55, 0.999, 1, NaN], 10)).toEqual([2, 1, 0, 0, 0, 1, 0, 0, 0, 2]);
  });

  it('averages the chosen values, or says there were none', () => {
    expect(meanAt([1, 2, 3, 6], [1, 3])).toBe(4);
    expect(meanAt([1, 2], [])).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { ksStatistic, tvDistance } from './shapes';

describe('ksStatistic', () => {
  it('is 0 for identical samples and 1 for disjoint ones', () => {
    expect(ksStatistic([1, 2, 3], [3, 2, 1])).toBe(0);
    expect(ksStatistic([1, 2, 3], [10, 11])).toBe(1);
  });

  it('matches a hand-computed gap', () => {
    // CDFs at 2: a = 2/4, b = 0/2; at 3: a = 3/4, b = 1/2 → largest gap 0.5.
    expect(ksStatistic([1, 2, 3, 4], [3, 5])).toBeCloseTo(0.5);
  });
});

describe('tvDistance', () => {
  it('is half the summed frequency gaps', () => {
    // a: x 0.5, y 0.5; b: x 0.25, y 0.25, z 0.5 → ½(0.25 + 0.25 + 0.5) = 0.5.
    expect(tvDistance(['x', 'y'], ['x', 'y', 'z', 'z'])).toBeCloseTo(0.5);
    expect(tvDistance(['x', 'y'], ['y', 'x'])).toBe(0);
  });
});

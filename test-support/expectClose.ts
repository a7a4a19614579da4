import { expect } from 'vitest';

/** Element by element within `tolerance` of the expected values' scale (their largest magnitude, at least 1). */
export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: number): void {
  const scale = Math.max(1, ...Array.from(expected, Math.abs));
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    expect(Math.abs(actual[i]! - expected[i]!)).toBeLessThan(tolerance * scale);
  }
}

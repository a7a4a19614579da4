import type { LossPoint } from '../src/api';

/** The chart never holds more points than this: recharts slows down past a few thousand. */
export const MAX_CHART_POINTS = 400;

/**
 * Appends new points and, when the series grows past `max`, halves its resolution by averaging
 * neighbouring pairs. Old stretches get coarser, the whole run stays visible, memory stays bounded.
 */
export function appendDecimated(
  series: LossPoint[],
  points: LossPoint[],
  max = MAX_CHART_POINTS,
): LossPoint[] {
  let next = series.concat(points);
  while (next.length > max) {
    const merged: LossPoint[] = [];
    for (let i = 0; i + 1 < next.length; i += 2) {
      const a = next[i]!;
      const b = next[i + 1]!;
      merged.push({ step: b.step, values: a.values.map((v, k) => meanOfTwo(v, b.values[k] ?? null)) });
    }
    if (next.length % 2 === 1) merged.push(next.at(-1)!);
    next = merged;
  }
  return next;
}

/** The mean of two values of a series; a point that has none (a one-player step) leaves the other's. */
function meanOfTwo(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return (a + b) / 2;
}

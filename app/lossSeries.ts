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
    for (let i = 0; i < next.length; ) {
      const a = next[i]!;
      const b = next[i + 1];
      // Two stages' points never merge: each stage reports its own series.
      if (!b || b.stage !== a.stage) {
        merged.push(a);
        i += 1;
        continue;
      }
      merged.push({
        step: b.step,
        values: a.values.map((v, k) => meanOfTwo(v, b.values[k] ?? null)),
        stage: a.stage,
      });
      i += 2;
    }
    if (merged.length === next.length) break;
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

import { describe, expect, it } from 'vitest';
import { appendDecimated } from './lossSeries';

const points = (from: number, count: number, stage = 0) =>
  Array.from({ length: count }, (_, i) => ({ step: from + i, values: [from + i, 2 * (from + i)], stage }));

describe('appendDecimated', () => {
  it('keeps every point while under the cap', () => {
    expect(appendDecimated(points(1, 3), points(4, 2), 10)).toEqual(points(1, 5));
  });

  it('halves resolution past the cap, averaging pairs and keeping the last step', () => {
    const series = appendDecimated([], points(1, 5), 4);
    expect(series).toEqual([
      { step: 2, values: [1.5, 3], stage: 0 },
      { step: 4, values: [3.5, 7], stage: 0 },
      { step: 5, values: [5, 10], stage: 0 },
    ]);
  });

  it('never averages a point of one training stage with one of the next', () => {
    const series = appendDecimated([], [...points(1, 3, 0), ...points(4, 3, 1)], 5);
    expect(series.map((p) => [p.step, p.stage])).toEqual([
      [2, 0],
      [3, 0],
      [5, 1],
      [6, 1],
    ]);
  });

  it('stays bounded however long training runs', () => {
    let series = appendDecimated([], []);
    for (let i = 0; i < 200; i++) series = appendDecimated(series, points(i * 50, 50));
    expect(series.length).toBeLessThanOrEqual(400);
    expect(series.at(-1)!.step).toBe(199 * 50 + 49);
  });
});

describe('appendDecimated with one-player steps', () => {
  it('averages a series over the points that have it, and keeps a point none of a pair has as null', () => {
    const mixed = [
      { step: 1, values: [1, null], stage: 0 },
      { step: 2, values: [3, 4], stage: 0 },
      { step: 3, values: [null, 6], stage: 0 },
      { step: 4, values: [null, 8], stage: 0 },
    ];
    expect(appendDecimated([], mixed, 2)).toEqual([
      { step: 2, values: [2, 4], stage: 0 },
      { step: 4, values: [null, 7], stage: 0 },
    ]);
  });
});

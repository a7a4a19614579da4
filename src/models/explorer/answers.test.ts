import { describe, expect, it } from 'vitest';
import { answers, forestFigures } from './answers';

describe('the explorer’s answers', () => {
  // Four rows: two ask for class a, one for b, one for any; the forest's probabilities of (a, b).
  const asks = [
    { confidence: 0.55, classIndex: 0 },
    { confidence: 0.95, classIndex: 0 },
    { confidence: 0.9, classIndex: 1 },
    { confidence: 0.7, classIndex: null },
  ];
  const probabilities = [0.58, 0.42, 0.7, 0.3, 0.1, 0.9, 0.2, 0.8];
  const found = answers(asks, probabilities, ['a', 'b']);

  it('scores the asked class, or the predicted one when none is asked', () => {
    expect(found.obtained).toEqual([0.58, 0.7, 0.9, 0.8]);
    expect(found.predicted).toEqual([0, 0, 1, 1]);
    expect(found.mae).toBeCloseTo((0.03 + 0.25 + 0 + 0.1) / 4, 10);
  });

  it('splits the error by decile of asked confidence and counts successes per class', () => {
    expect(found.deciles.map((d) => [d.from, d.count])).toEqual([
      [0.5, 1],
      [0.7, 1],
      [0.9, 2],
    ]);
    expect(found.deciles[2]!.mae).toBeCloseTo(0.125, 10);
    expect(found.perClass.map((c) => [c.asked, c.success])).toEqual([
      [2, 0.5],
      [1, 1],
    ]);
    expect(found.perClass[0]!.histogram[5]).toBe(1);
    expect(found.perClass[0]!.histogram[7]).toBe(1);
  });

  it('reads each figure in one line', () => {
    expect(found.readings).toContain(
      'More successful for b (100%) than for a (50%): within ±0.05 and of the asked class.',
    );
    expect(found.readings.some((r) => r.startsWith('Worst between 0.7 and 0.8 (MAE 0.100)'))).toBe(false);
    expect(
      found.readings.some((r) =>
        r.startsWith('Worst between 0.9 and 1.0 (MAE 0.125), best between 0.5 and 0.6'),
      ),
    ).toBe(true);
  });

  it('gives the forest’s held-out accuracy and its confidence per predicted class', () => {
    const figures = forestFigures(probabilities, [0, 1, 1, 1], ['a', 'b']);
    expect(figures.accuracy).toBe(0.75);
    expect(figures.confidence.min).toBe(0.58);
    expect(figures.perClass[1]).toMatchObject({ name: 'b', rows: 2, min: 0.8, max: 0.9 });
    expect(figures.perClass[0]!.mean).toBeCloseTo(0.64, 10);
  });
});

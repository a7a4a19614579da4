import { describe, expect, it } from 'vitest';
import type { Cell } from '../../data/table';
import { distancesToClosest, privacy } from './privacy';
import type { MetricColumn } from './quality';

const columns: MetricColumn[] = [
  { name: 'n', kind: 'numeric' },
  { name: 'c', kind: 'categorical' },
];
// The real range of n is 0 to 10, so a gap of 1 costs 0.1 before averaging over the two columns.
const train: Cell[][] = [
  ['0', 'a'],
  ['10', 'b'],
];
const holdout: Cell[][] = [['5', 'a']];
const synthetic: Cell[][] = [
  ['0', 'a'], //     train 0                     holdout (0.5 + 0) / 2 = 0.25   a copy
  ['4', 'b'], //     train (0.6 + 0) / 2 = 0.3    holdout (0.1 + 1) / 2 = 0.55
  ['10', 'a'], //    train (1 + 0) / 2 = 0.5      holdout (0.5 + 0) / 2 = 0.25
  ['10.05', 'b'], // train 0.005 / 2 = 0.0025     holdout 0.7525         within 1%: a copy
  ['10.2', 'b'], //  train 0.02 / 2 = 0.01        holdout 0.76           2% off: new
];

describe('privacy', () => {
  const result = privacy(columns, train, holdout, synthetic);

  it('measures distances to the closest record by hand', () => {
    expect(Array.from(result.dcrToTrain)).toEqual(
      [0, 0.3, 0.5, 0.0025, 0.01].map((d) => expect.closeTo(d, 10)),
    );
    expect(Array.from(result.dcrToHoldout)).toEqual(
      [0.25, 0.55, 0.25, 0.7525, 0.76].map((d) => expect.closeTo(d, 10)),
    );
  });

  it('scores the share closer to training against the share expected by chance', () => {
    expect(result.shareCloserToTrain).toBeCloseTo(4 / 5);
    // Two training rows and one held-out row: by chance alone 2/3 of rows land nearer a training row.
    expect(result.expectedShare).toBeCloseTo(2 / 3);
    expect(result.score).toBeCloseTo(0.2 / (1 / 3));
    expect(result.sdmetricsScore).toBeCloseTo(0.4);
  });

  it('counts copies with numbers within 1%', () => {
    expect(result.copyRate).toBeCloseTo(2 / 5);
    expect(result.newRowSynthesis).toBeCloseTo(3 / 5);
  });

  it('treats a missing cell as a difference of 1 unless both are missing', () => {
    const d = distancesToClosest(
      columns,
      [[null, 'a']],
      [
        [null, 'a'],
        ['3', 'a'],
      ],
      train,
    );
    expect(Array.from(d)).toEqual([0, 0.5]);
  });
});

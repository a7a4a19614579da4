import { describe, expect, it } from 'vitest';
import { classificationScores, regressionScores, rocAuc } from './scores';

const onehot = (classes: number[], count: number) => {
  const out = new Float64Array(classes.length * count);
  classes.forEach((c, i) => (out[i * count + c] = 1));
  return out;
};

describe('classificationScores', () => {
  it('scores the positive class of a binary task by hand', () => {
    // truth 1 1 1 0 0, predicted 1 0 1 1 0: tp 2, fp 1, fn 1.
    const scores = classificationScores(Int32Array.from([1, 1, 1, 0, 0]), onehot([1, 0, 1, 1, 0], 2), 2, 1);
    expect(scores.accuracy).toBeCloseTo(3 / 5);
    expect(scores.precision).toBeCloseTo(2 / 3);
    expect(scores.recall).toBeCloseTo(2 / 3);
    expect(scores.f1).toBeCloseTo(2 / 3);
  });

  it('macro-averages three classes by hand', () => {
    // truth 0 0 1 2, predicted 0 1 1 1: class 0 p=1 r=.5, class 1 p=1/3 r=1, class 2 p=0 r=0.
    const scores = classificationScores(Int32Array.from([0, 0, 1, 2]), onehot([0, 1, 1, 1], 3), 3);
    expect(scores.accuracy).toBeCloseTo(0.5);
    expect(scores.precision).toBeCloseTo((1 + 1 / 3 + 0) / 3);
    expect(scores.recall).toBeCloseTo((0.5 + 1 + 0) / 3);
    expect(scores.f1).toBeCloseTo((2 / 3 + 0.5 + 0) / 3);
  });

  it('averages one-vs-rest AUCs over classes', () => {
    const proba = Float64Array.from([0.8, 0.1, 0.1, 0.2, 0.7, 0.1, 0.3, 0.3, 0.4]);
    const scores = classificationScores(Int32Array.from([0, 1, 2]), proba, 3);
    expect(scores.rocAuc).toBeCloseTo(1);
  });
});

describe('rocAuc', () => {
  it('counts ordered pairs, ties as half', () => {
    // Positives 0.9, 0.4; negatives 0.4, 0.1: pairs (0.9>0.4) (0.9>0.1) (0.4=0.4 half) (0.4>0.1) = 3.5 of 4.
    expect(rocAuc([0.9, 0.4, 0.4, 0.1], [true, true, false, false])).toBeCloseTo(3.5 / 4);
    expect(rocAuc([0.1, 0.9], [true, false])).toBe(0);
    expect(rocAuc([0.1, 0.9], [true, true])).toBeNull();
  });
});

describe('regressionScores', () => {
  it('matches hand-computed RMSE, MAE and R²', () => {
    // errors 1, −1, 2, 0; truth mean 2.5, total sum of squares 5.
    const scores = regressionScores([1, 2, 3, 4], [0, 3, 1, 4]);
    expect(scores.rmse).toBeCloseTo(Math.sqrt(6 / 4));
    expect(scores.mae).toBeCloseTo(1);
    expect(scores.r2).toBeCloseTo(1 - 6 / 5);
  });
});

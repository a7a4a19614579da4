import { describe, expect, it } from 'vitest';
import { valueOf } from '../../../test-support/measure';
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
    // Recall of class 1 is 2/3, of class 0 is 1/2.
    expect(scores.balancedAccuracy).toBeCloseTo((2 / 3 + 1 / 2) / 2);
  });

  it('gives a majority-class guesser balanced accuracy 1/2 where accuracy flatters it', () => {
    // 9 of 10 rows are class 0 and every answer is 0: accuracy 0.9, F1 of class 1 is 0.
    const truth = Int32Array.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    const scores = classificationScores(truth, onehot(Array(10).fill(0), 2), 2, 1);
    expect(scores.accuracy).toBeCloseTo(0.9);
    expect(scores.f1).toBe(0);
    expect(scores.balancedAccuracy).toBeCloseTo(0.5);
  });

  it('says why ROC AUC is not computable when the held-out rows hold one class', () => {
    const scores = classificationScores(Int32Array.from([1, 1, 1]), onehot([1, 0, 1], 2), 2, 1);
    expect(scores.rocAuc).toEqual({ ok: false, reason: 'needs at least two classes in the held-out rows' });
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
    expect(valueOf(scores.rocAuc)).toBeCloseTo(1);
  });
});

describe('rocAuc', () => {
  it('counts ordered pairs, ties as half', () => {
    // Positives 0.9, 0.4; negatives 0.4, 0.1: pairs (0.9>0.4) (0.9>0.1) (0.4=0.4 half) (0.4>0.1) = 3.5 of 4.
    expect(valueOf(rocAuc([0.9, 0.4, 0.4, 0.1], [true, true, false, false]))).toBeCloseTo(3.5 / 4);
    expect(valueOf(rocAuc([0.1, 0.9], [true, false]))).toBe(0);
    expect(rocAuc([0.1, 0.9], [true, true]).ok).toBe(false);
    // Scores that are not numbers carry no order: never an AUC read from them.
    expect(rocAuc([NaN, NaN], [true, false])).toEqual({
      ok: false,
      reason: expect.stringMatching(/not numbers/),
    });
  });
});

describe('regressionScores', () => {
  it('matches hand-computed RMSE, MAE and R²', () => {
    // errors 1, −1, 2, 0; truth mean 2.5, total sum of squares 5.
    const scores = regressionScores([1, 2, 3, 4], [0, 3, 1, 4]);
    expect(scores.rmse).toBeCloseTo(Math.sqrt(6 / 4));
    expect(scores.mae).toBeCloseTo(1);
    expect(valueOf(scores.r2)).toBeCloseTo(1 - 6 / 5);
    expect(regressionScores([2, 2, 2], [1, 2, 3]).r2).toEqual({
      ok: false,
      reason: 'the held-out target is constant',
    });
  });
});

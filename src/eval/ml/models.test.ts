import { describe, expect, it } from 'vitest';
import type { Cell } from '../../data/table';
import { createRng } from '../../rng';
import { valueOf } from '../../../test-support/measure';
import type { MetricColumn, NumericMetricColumn } from '../columns';
import {
  MODEL_KINDS,
  classificationScores,
  encodeClasses,
  encodeFeatures,
  encodeValues,
  fitFeatureEncoder,
  regressionScores,
  trainClassifier,
  trainRegressor,
} from './index';

const value: NumericMetricColumn = { name: 'value', kind: 'numeric' };
const columns: MetricColumn[] = [
  { name: 'x', kind: 'numeric' },
  { name: 'z', kind: 'numeric' },
  { name: 'colour', kind: 'categorical' },
  { name: 'label', kind: 'categorical' },
  value,
];
const CLASSES = ['low', 'mid', 'high'];

/**
 * An easy table: the class is set by x (three bands) and the value is a linear function of x, z and
 * the colour, plus a little noise. The colour is noise for the class.
 */
function easyTable(n: number, seed: number): Cell[][] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => {
    const x = rng.next() * 3;
    const z = rng.next() * 2 - 1;
    const colour = ['red', 'green', 'blue'][rng.int(3)]!;
    const label = CLASSES[Math.min(2, Math.floor(x))]!;
    const value = 2 * x - 3 * z + (colour === 'red' ? 2 : 0) + (rng.next() - 0.5) * 0.2;
    return [x.toFixed(3), z.toFixed(3), colour, label, value.toFixed(3)];
  });
}

const train = easyTable(300, 1);
const test = easyTable(200, 2);

describe('classifiers', () => {
  const target = 3;
  const encoder = fitFeatureEncoder(columns, train, [target, 4]);
  const data = { x: encodeFeatures(encoder, train), y: encodeClasses(train, target, CLASSES), classCount: 3 };
  const testX = encodeFeatures(encoder, test);
  const truth = encodeClasses(test, target, CLASSES);
  const counts = CLASSES.map((_, k) => truth.filter((t) => t === k).length);
  const majority = Math.max(...counts) / truth.length;

  for (const kind of MODEL_KINDS) {
    it(`${kind} beats the majority class on a separable table`, () => {
      const model = trainClassifier(kind, data, { seed: 7 });
      const proba = model.predictProba(testX);
      expect(proba).toHaveLength(test.length * 3);
      const scores = classificationScores(truth, proba, 3);
      expect(majority).toBeLessThan(0.45);
      expect(scores.accuracy).toBeGreaterThan(majority + 0.35);
      expect(valueOf(scores.rocAuc)).toBeGreaterThan(0.9);
    });
  }

  it('fits logistic regression to one optimum, whatever the seed: the rate decays to zero', () => {
    // A noisy boundary (x near the band edges is ambiguous): the convex loss has one minimum, and each
    // seed's probabilities must land on it, not wherever the last mini-batches left them.
    const rng = createRng(21);
    const noisy = train.map((row) =>
      rng.next() < 0.25 ? [...row.slice(0, 3), CLASSES[rng.int(3)]!, row[4]!] : row,
    );
    const y = encodeClasses(noisy, target, CLASSES);
    const [a, b] = [5, 6].map((seed) =>
      trainClassifier('linear', { ...data, y }, { seed }).predictProba(testX),
    );
    let worst = 0;
    for (let i = 0; i < a!.length; i++) worst = Math.max(worst, Math.abs(a![i]! - b![i]!));
    // 0.016 apart at a constant rate, 0.003 with the decay.
    expect(worst).toBeLessThan(0.008);
  });

  it('repeats exactly with the same seed and differs with another', () => {
    const a = trainClassifier('forest', data, { seed: 3 }).predictProba(testX);
    const b = trainClassifier('forest', data, { seed: 3 }).predictProba(testX);
    const c = trainClassifier('forest', data, { seed: 4 }).predictProba(testX);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
  });
});

describe('regressors', () => {
  const target = 4;
  const encoder = fitFeatureEncoder(columns, train, [target, 3]);
  const data = { x: encodeFeatures(encoder, train), y: encodeValues(train, target, value) };
  const testX = encodeFeatures(encoder, test);
  const truth = encodeValues(test, target, value);
  const mean = data.y.reduce((s, v) => s + v, 0) / data.y.length;
  const baseline = regressionScores(truth, new Float64Array(truth.length).fill(mean));

  for (const kind of MODEL_KINDS) {
    it(`${kind} beats the mean on a near-linear table`, () => {
      const scores = regressionScores(truth, trainRegressor(kind, data, { seed: 7 }).predict(testX));
      expect(valueOf(scores.r2)).toBeGreaterThan(0.7);
      expect(scores.rmse).toBeLessThan(baseline.rmse * 0.55);
    });
  }

  it('ridge recovers the coefficients of a noiseless line', () => {
    const line = {
      x: { rows: 4, cols: 1, data: Float64Array.from([0, 1, 2, 3]) },
      y: Float64Array.from([1, 3, 5, 7]),
    };
    const fit = trainRegressor('linear', line, { seed: 0 }).predict(line.x);
    // λ = 1 shrinks the slope a little: w = Σxy/(Σx² + 1) = 10/6 on centred x.
    expect(Array.from(fit)[3]).toBeCloseTo(4 + 1.5 * (10 / 6), 6);
  });
});

describe('fitFeatureEncoder', () => {
  it('one-hot encodes categories and standardises numbers on the fitting rows only', () => {
    const rows: Cell[][] = [
      ['1', 'a'],
      ['3', 'b'],
      [null, 'a'],
    ];
    const encoder = fitFeatureEncoder(
      [
        { name: 'n', kind: 'numeric' },
        { name: 'c', kind: 'categorical' },
      ],
      rows,
    );
    expect(encoder.names).toEqual(['n', 'n is missing', 'c=a', 'c=b']);
    const x = encodeFeatures(encoder, [...rows, ['2', 'unseen']]);
    expect(Array.from(x.data)).toEqual([-1, 0, 1, 0, 1, 0, 0, 1, 0, 1, 1, 0, 0, 0, 0, 0]);
  });

  it('reads a date column as days since 1970 and a date-time column as seconds, as the encoder trains on them', () => {
    const rows: Cell[][] = [
      ['2012-01-01', '2012-01-01 00:00', null],
      ['2012-01-03', '2012-01-01 00:02', '2012-01-02'],
    ];
    const encoder = fitFeatureEncoder(
      [
        { name: 'day', kind: 'numeric', time: { kind: 'date' } },
        {
          name: 'at',
          kind: 'numeric',
          time: { kind: 'datetime', separator: ' ', seconds: false, zulu: false },
        },
        { name: 'gap', kind: 'numeric', time: { kind: 'date' } },
      ],
      rows,
    );
    // Days 15340 and 15342 standardise to −1 and 1; seconds 1325376000 and +120 likewise; the third column
    // has one day and one gap: value 0 (its own mean) and the missing flag.
    const x = encodeFeatures(encoder, rows);
    expect(Array.from(x.data)).toEqual([-1, -1, 0, 1, 1, 1, 0, 0]);
  });
});

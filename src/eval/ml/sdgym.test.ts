import { describe, expect, it } from 'vitest';
import type { Cell } from '../../data/table';
import { createRng } from '../../rng';
import { predictBoosted, trainBoostedStumps } from './boost';
import { runNetwork, trainNetwork } from './network';
import { classificationScores } from './scores';
import {
  balancedClassWeights,
  encodeSdgymFeatures,
  fitSdgymFeatures,
  SDGYM_CLASSIFIERS,
  trainSdgymClassifier,
} from './sdgym';
import { addTreePrediction, binFeatures, growTree } from './tree';
import { matrix, type Matrix } from './types';

/** Two uniform features; the class is 1 when either exceeds 0.6 (no single cut separates it). */
function orTable(n: number, seed: number): { x: Matrix; y: Int32Array } {
  const rng = createRng(seed);
  const x = matrix(n, 2);
  const y = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    const [a, b] = [rng.next(), rng.next()];
    x.data[r * 2] = a;
    x.data[r * 2 + 1] = b;
    y[r] = a > 0.6 || b > 0.6 ? 1 : 0;
  }
  return { x, y };
}

/** One feature; the rare class (about 10%) sits at higher values but overlaps the common one. */
function imbalancedTable(n: number, seed: number): { x: Matrix; y: Int32Array } {
  const rng = createRng(seed);
  const x = matrix(n, 1);
  const y = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    y[r] = rng.next() < 0.1 ? 1 : 0;
    x.data[r] = (y[r] ? 1 : 0) + rng.next() * 1.6;
  }
  return { x, y };
}

const accuracy = (truth: Int32Array, proba: Float64Array) => classificationScores(truth, proba, 2).accuracy;
const predictedShare = (proba: Float64Array) => {
  let ones = 0;
  for (let r = 0; r < proba.length / 2; r++) if (proba[r * 2 + 1]! > proba[r * 2]!) ones++;
  return ones / (proba.length / 2);
};

describe('the CTGAN paper’s efficacy classifiers', () => {
  it('AdaBoost combines stumps into a rule no single stump can express', () => {
    const train = orTable(600, 1);
    const test = orTable(400, 2);
    const one = trainBoostedStumps(train.x, train.y, 2, { rounds: 1, learningRate: 1 });
    const many = trainBoostedStumps(train.x, train.y, 2, { rounds: 50, learningRate: 1 });
    expect(one.stumps).toHaveLength(1);
    expect(accuracy(test.y, predictBoosted(one, test.x))).toBeLessThan(0.85);
    expect(accuracy(test.y, predictBoosted(many, test.x))).toBeGreaterThan(0.93);
  });

  it('balanced class weights make a tree and a logistic regression call the rare class more often', () => {
    const { x, y } = imbalancedTable(2000, 3);
    const weights = balancedClassWeights(y, 2);
    expect(weights[1]! / weights[0]!).toBeGreaterThan(6);
    const rows = Int32Array.from({ length: x.rows }, (_, i) => i);
    const treeShare = (rowWeights?: Float64Array) => {
      const tree = growTree(
        binFeatures(x),
        y,
        2,
        rows,
        { maxDepth: 3, minLeaf: 20, featuresPerSplit: 1 },
        createRng(1),
        rowWeights,
      );
      const out = new Float64Array(x.rows * 2);
      addTreePrediction(tree, x, out);
      return predictedShare(out);
    };
    const plainTree = treeShare();
    const weightedTree = treeShare(Float64Array.from(y, (k) => weights[k]!));
    expect(plainTree).toBeLessThan(0.1);
    expect(weightedTree).toBeGreaterThan(plainTree + 0.1);

    const options = {
      hidden: [],
      head: 'softmax' as const,
      outputs: 2,
      learningRate: 0.05,
      l2: 0,
      batchSize: 64,
      updates: 600,
      minEpochs: 1,
      maxEpochs: 50,
      seed: 2,
    };
    const plain = predictedShare(runNetwork(trainNetwork(x, y, options), x));
    const weighted = predictedShare(runNetwork(trainNetwork(x, y, { ...options, classWeights: weights }), x));
    expect(weighted).toBeGreaterThan(plain + 0.1);
  });

  it('builds SDGym’s features: logs of large counts, scaled numbers, level indices and one-hots', () => {
    const columns = [
      { name: 'income', kind: 'numeric' as const },
      { name: 'age', kind: 'numeric' as const },
      { name: 'sex', kind: 'categorical' as const },
      { name: 'colour', kind: 'categorical' as const },
      { name: 'label', kind: 'categorical' as const },
    ];
    const real: Cell[][] = [
      ['0', '20', 'f', 'red', 'a'],
      ['5000', '70', 'm', 'green', 'b'],
      ['100', '45', 'f', 'blue', 'a'],
    ];
    const encoder = fitSdgymFeatures(columns, real, real, [4]);
    expect(encoder.width).toBe(1 + 1 + 1 + 3);
    const x = encodeSdgymFeatures(encoder, [['5000', '45', 'm', 'purple', 'a']]);
    expect(x.data[0]).toBeCloseTo(Math.log(5000));
    expect(x.data[1]).toBeCloseTo(2.5);
    expect(x.data[2]).toBe(1);
    expect(Array.from(x.data.subarray(3))).toEqual([0, 0, 0]);
    expect(encodeSdgymFeatures(encoder, [['0', '20', 'f', 'blue', 'a']]).data[0]).toBeCloseTo(Math.log(0.01));
  });

  it('trains each of the four on a learnable table', () => {
    const train = orTable(500, 4);
    const test = orTable(300, 5);
    for (const name of SDGYM_CLASSIFIERS) {
      const model = trainSdgymClassifier(name, { ...train, classCount: 2 }, 7);
      const proba = model.predictProba(test.x);
      expect(proba).toHaveLength(test.x.rows * 2);
      expect(classificationScores(test.y, proba, 2).f1, name).toBeGreaterThan(0.75);
    }
  });
});

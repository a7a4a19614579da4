import { numericExtent, type Cell } from '../../data/table';
import { numericValue, type MetricColumn, type NumericMetricColumn } from '../columns';
import { createRng } from '../../rng';
import { predictBoosted, trainBoostedStumps } from './boost';
import { runNetwork, trainNetwork } from './network';
import { addTreePrediction, binFeatures, growTree } from './tree';
import { matrix, type ClassificationData, type Classifier, type Matrix } from './types';

/**
 * Machine-learning efficacy as the CTGAN paper measures it on binary tables (Xu et al., 2019, through its
 * benchmark SDGym, `sdgym/evaluate.py`): the features SDGym's FeatureMaker builds and its four binary
 * classifiers with their hyper-parameters, each trained on one set of rows and scored by the F1 of the
 * positive class on real test rows. Our versions differ where noted: trees split on at most 32 quantile
 * bins per feature; logistic regression is fitted by Adam, not L-BFGS; AdaBoost is SAMME, not SAMME.R.
 */

export type SdgymClassifier = 'decision tree' | 'AdaBoost' | 'logistic regression' | 'MLP';

export const SDGYM_CLASSIFIERS: readonly SdgymClassifier[] = [
  'decision tree',
  'AdaBoost',
  'logistic regression',
  'MLP',
];

type SdgymFeature =
  | { kind: 'log'; column: number; source: NumericMetricColumn }
  | { kind: 'scaled'; column: number; source: NumericMetricColumn; min: number; max: number }
  | { kind: 'level'; column: number; levels: Map<string, number> }
  | { kind: 'one-hot'; column: number; levels: Map<string, number>; offset: number };

/**
 * SDGym's features. Numbers: log(max(x, 0.01)) when the column is non-negative and reaches 1,000, else
 * (x − min)/(max − min)·5, with min and max from the real table (`reference`). Categories with at most two
 * levels: the level's index; more: one-hot, levels taken from the rows the classifier is trained on (an
 * unseen level is all zeros). A missing cell is a level of its own, or 0 for a number.
 */
export interface SdgymFeatures {
  features: SdgymFeature[];
  width: number;
}

export function fitSdgymFeatures(
  columns: readonly MetricColumn[],
  reference: readonly Cell[][],
  trainRows: readonly Cell[][],
  exclude: readonly number[],
): SdgymFeatures {
  const features: SdgymFeature[] = [];
  let width = 0;
  columns.forEach((column, c) => {
    if (exclude.includes(c)) return;
    if (column.kind === 'numeric') {
      const { min, max } = numericExtent(reference, c, (cell) => numericValue(cell, column) ?? NaN);
      features.push(
        min >= 0 && max >= 1e3
          ? { kind: 'log', column: c, source: column }
          : { kind: 'scaled', column: c, source: column, min, max },
      );
      width++;
      return;
    }
    const sizes = new Set(reference.map((row) => row[c] ?? null)).size;
    const levels = new Map<string, number>();
    for (const row of sizes <= 2 ? reference : trainRows) {
      const key = row[c] ?? '';
      if (!levels.has(key)) levels.set(key, levels.size);
    }
    if (sizes <= 2) {
      features.push({ kind: 'level', column: c, levels });
      width++;
    } else {
      features.push({ kind: 'one-hot', column: c, levels, offset: width });
      width += levels.size;
    }
  });
  return { features, width };
}

export function encodeSdgymFeatures(encoder: SdgymFeatures, rows: readonly Cell[][]): Matrix {
  const x = matrix(rows.length, encoder.width);
  rows.forEach((row, r) => {
    let at = r * encoder.width;
    for (const f of encoder.features) {
      const cell = row[f.column] ?? null;
      switch (f.kind) {
        case 'log': {
          const value = numericValue(cell, f.source);
          x.data[at++] = value === null ? 0 : Math.log(Math.max(value, 1e-2));
          break;
        }
        case 'scaled': {
          const value = numericValue(cell, f.source);
          x.data[at++] = value === null ? 0 : ((value - f.min) / (f.max - f.min || 1)) * 5;
          break;
        }
        case 'level':
          x.data[at++] = f.levels.get(cell ?? '') ?? 0;
          break;
        case 'one-hot': {
          const level = f.levels.get(cell ?? '');
          if (level !== undefined) x.data[at + level] = 1;
          at += f.levels.size;
        }
      }
    }
  });
  return x;
}

/** scikit-learn's class_weight='balanced': n / (classes · n_k). */
export function balancedClassWeights(y: Int32Array, classCount: number): Float64Array {
  const counts = new Float64Array(classCount);
  for (const k of y) counts[k]!++;
  return Float64Array.from(counts, (c) => (c > 0 ? y.length / (classCount * c) : 0));
}

/** One of SDGym's binary classifiers, with the hyper-parameters SDGym gives it. */
export function trainSdgymClassifier(
  name: SdgymClassifier,
  data: ClassificationData,
  seed: number,
): Classifier {
  const { x, y, classCount } = data;
  const base = { classCount };
  switch (name) {
    case 'decision tree': {
      // DecisionTreeClassifier(max_depth=15, class_weight='balanced').
      const classWeights = balancedClassWeights(y, classCount);
      const tree = growTree(
        binFeatures(x),
        y,
        classCount,
        Int32Array.from({ length: x.rows }, (_, i) => i),
        { maxDepth: 15, minLeaf: 1, featuresPerSplit: Infinity },
        createRng(seed),
        Float64Array.from(y, (k) => classWeights[k]!),
      );
      return {
        ...base,
        kind: 'tree',
        predictProba: (q) => {
          const out = new Float64Array(q.rows * classCount);
          addTreePrediction(tree, q, out);
          return out;
        },
      };
    }
    case 'AdaBoost': {
      // AdaBoostClassifier(): 50 stumps, learning rate 1.
      const model = trainBoostedStumps(x, y, classCount, { rounds: 50, learningRate: 1 });
      return { ...base, kind: 'tree', predictProba: (q) => predictBoosted(model, q) };
    }
    case 'logistic regression': {
      // LogisticRegression(class_weight='balanced'), C = 1: an L2 penalty of 1/n on the mean loss.
      const net = trainNetwork(x, y, {
        hidden: [],
        head: 'softmax',
        outputs: classCount,
        learningRate: 0.02,
        l2: 1 / Math.max(x.rows, 1),
        batchSize: 64,
        updates: 1500,
        minEpochs: 5,
        maxEpochs: 200,
        seed,
        classWeights: balancedClassWeights(y, classCount),
      });
      return { ...base, kind: 'linear', predictProba: (q) => runNetwork(net, q) };
    }
    case 'MLP': {
      // MLPClassifier(hidden_layer_sizes=(50,), max_iter=50): Adam 1e-3, batches of 200, alpha 1e-4 on
      // the batch's summed squares, i.e. 1e-4/200 on the mean loss.
      const net = trainNetwork(x, y, {
        hidden: [50],
        head: 'softmax',
        outputs: classCount,
        learningRate: 1e-3,
        l2: 1e-4 / 200,
        batchSize: 200,
        updates: 0,
        minEpochs: 50,
        maxEpochs: 50,
        seed,
      });
      return { ...base, kind: 'mlp', predictProba: (q) => runNetwork(net, q) };
    }
  }
}

/**
 * Downstream models in plain TypeScript: what the report trains on real and on synthetic rows to judge
 * their utility, and what other parts (benchmarks) use as a quick classifier. No tensor library, no DOM;
 * every model is deterministic for a given seed.
 *
 * Use:
 *   const encoder = fitFeatureEncoder(columns, trainRows, [target]);   // one-hot + standardise, fitted on train
 *   const data = { x: encodeFeatures(encoder, trainRows), y: encodeClasses(trainRows, target, classes),
 *                  classCount: classes.length };
 *   const model = trainClassifier('forest', data, { seed });
 *   const proba = model.predictProba(encodeFeatures(encoder, testRows));   // rows × classCount
 *   classificationScores(truth, proba, classes.length);
 * Regression is the same with `encodeValues`, `trainRegressor(kind, { x, y }, { seed })`, `predict` and
 * `regressionScores`.
 *
 * Model classes (`ModelKind`): 'linear' (multinomial logistic regression / ridge regression), 'tree' (CART),
 * 'forest' (random forest), 'mlp' (one hidden ReLU layer), 'knn' (k nearest neighbours).
 */
import { createRng } from '../../rng';
import { nearestNeighbours } from './knn';
import { runNetwork, trainNetwork, type NetworkOptions } from './network';
import { predictRidge, trainRidge } from './ridge';
import { addTreePrediction, binFeatures, growTree, type TreeOptions } from './tree';
import type {
  ClassificationData,
  Classifier,
  Matrix,
  ModelKind,
  RegressionData,
  Regressor,
  Task,
} from './types';

export * from './types';
export { classLevels, encodeClasses, encodeFeatures, encodeValues, fitFeatureEncoder } from './features';
export type { FeatureEncoder } from './features';
export { classificationScores, regressionScores, rocAuc } from './scores';
export type { ClassificationScores, RegressionScores } from './scores';

export const MODEL_KINDS: readonly ModelKind[] = ['linear', 'tree', 'forest', 'mlp', 'knn'];

export function modelName(kind: ModelKind, task: Task): string {
  switch (kind) {
    case 'linear':
      return task === 'classification' ? 'Logistic regression' : 'Ridge regression';
    case 'tree':
      return 'Decision tree';
    case 'forest':
      return 'Random forest';
    case 'mlp':
      return 'MLP';
    case 'knn':
      return 'k-nearest neighbours';
  }
}

export interface TrainOptions {
  seed: number;
}

/** Hyperparameters: fixed, modest and the same for real and synthetic training rows, so only the rows differ. */
const TREE: TreeOptions = { maxDepth: 10, minLeaf: 5, featuresPerSplit: Infinity };
const FOREST: ForestOptions = { trees: 50, maxDepth: 16, minLeaf: 1 };
const KNN_K = 5;
const LOGISTIC: Omit<NetworkOptions, 'outputs' | 'seed' | 'head'> = {
  hidden: [],
  learningRate: 0.02,
  l2: 1e-4,
  batchSize: 64,
  updates: 1500,
  minEpochs: 5,
  maxEpochs: 200,
};
const MLP: Omit<NetworkOptions, 'outputs' | 'seed' | 'head'> = {
  ...LOGISTIC,
  hidden: [32],
  learningRate: 0.005,
};
const RIDGE_LAMBDA = 1;
/**
 * Logistic regression's L2 penalty is 1/(C·n) on the mean loss, scikit-learn's default with C = 1: without it a
 * feature seen in one class only (a rare level) gets an unbounded weight and overconfident probabilities.
 */
const LOGISTIC_C = 1;

export function trainClassifier(
  kind: ModelKind,
  data: ClassificationData,
  options: TrainOptions,
): Classifier {
  const { x, y, classCount } = data;
  const base = { kind, classCount };
  switch (kind) {
    case 'linear':
    case 'mlp': {
      const net = trainNetwork(x, y, {
        ...(kind === 'linear' ? { ...LOGISTIC, l2: 1 / (LOGISTIC_C * Math.max(x.rows, 1)) } : MLP),
        head: 'softmax',
        outputs: classCount,
        seed: options.seed,
      });
      return { ...base, predictProba: (q) => runNetwork(net, q) };
    }
    case 'tree':
    case 'forest': {
      const trees = growTrees(kind, x, y, classCount, options.seed);
      return { ...base, predictProba: (q) => averageTrees(trees, q, classCount) };
    }
    case 'knn':
      return {
        ...base,
        predictProba: (q) => {
          const { index, k } = nearestNeighbours(x, q, KNN_K);
          const out = new Float64Array(q.rows * classCount);
          for (let i = 0; i < index.length; i++)
            out[Math.floor(i / k) * classCount + y[index[i]!]!]! += 1 / k;
          return out;
        },
      };
  }
}

export function trainRegressor(kind: ModelKind, data: RegressionData, options: TrainOptions): Regressor {
  const { x, y } = data;
  switch (kind) {
    case 'linear': {
      const model = trainRidge(x, y, RIDGE_LAMBDA);
      return { kind, predict: (q) => predictRidge(model, q) };
    }
    case 'mlp': {
      // The network learns standardised targets; predictions are mapped back.
      const { mean, std } = meanStd(y);
      const scaled = Float64Array.from(y, (v) => (v - mean) / std);
      const net = trainNetwork(x, scaled, { ...MLP, head: 'linear', outputs: 1, seed: options.seed });
      return { kind, predict: (q) => runNetwork(net, q).map((v) => v * std + mean) };
    }
    case 'tree':
    case 'forest': {
      const trees = growTrees(kind, x, y, 0, options.seed);
      return { kind, predict: (q) => averageTrees(trees, q, 1) };
    }
    case 'knn':
      return {
        kind,
        predict: (q) => {
          const { index, k } = nearestNeighbours(x, q, KNN_K);
          const out = new Float64Array(q.rows);
          for (let i = 0; i < index.length; i++) out[Math.floor(i / k)]! += y[index[i]!]! / k;
          return out;
        },
      };
  }
}

/** A random forest's size: how many trees, how deep, how few rows a leaf may hold. */
export interface ForestOptions {
  trees: number;
  maxDepth: number;
  minLeaf: number;
}

/**
 * A random forest classifier of a chosen size (trainClassifier('forest') is this with FOREST): the
 * black-box explorer asks one for every generated row, so it wants a smaller one than the report's.
 */
export function trainForest(data: ClassificationData, options: TrainOptions & ForestOptions): Classifier {
  const growing = growForest(data, options);
  for (;;) {
    const next = growing.next();
    if (next.done) return next.value;
  }
}

/**
 * trainForest a tree at a time: each `next()` grows one tree and yields how many are grown, so a caller
 * can let other work in between (the explorer's forest takes seconds); the last returns the forest.
 */
export function* growForest(
  data: ClassificationData,
  options: TrainOptions & ForestOptions,
): Generator<number, Classifier, void> {
  const { x, y, classCount } = data;
  const trees: ReturnType<typeof growTrees> = [];
  for (const tree of forestTrees(x, y, classCount, options.seed, options)) {
    trees.push(tree);
    yield trees.length;
  }
  return { kind: 'forest', classCount, predictProba: (q) => averageTrees(trees, q, classCount) };
}

function growTrees(
  kind: 'tree' | 'forest',
  x: Matrix,
  y: ArrayLike<number>,
  classCount: number,
  seed: number,
  forest: ForestOptions = FOREST,
) {
  if (kind === 'tree') {
    const all = Int32Array.from({ length: x.rows }, (_, i) => i);
    return [growTree(binFeatures(x), y, classCount, all, TREE, createRng(seed))];
  }
  return [...forestTrees(x, y, classCount, seed, forest)];
}

/** A forest's trees, grown one by one from `seed`. */
function* forestTrees(
  x: Matrix,
  y: ArrayLike<number>,
  classCount: number,
  seed: number,
  forest: ForestOptions,
) {
  const rng = createRng(seed);
  const binning = binFeatures(x);
  // Breiman's defaults: √d features per split for classes, d/3 for numbers.
  const featuresPerSplit = Math.max(
    1,
    classCount > 0 ? Math.round(Math.sqrt(x.cols)) : Math.round(x.cols / 3),
  );
  const options = { maxDepth: forest.maxDepth, minLeaf: forest.minLeaf, featuresPerSplit };
  for (let t = 0; t < forest.trees; t++) {
    const sample = Int32Array.from({ length: x.rows }, () => rng.int(x.rows));
    yield growTree(binning, y, classCount, sample, options, rng);
  }
}

function averageTrees(trees: ReturnType<typeof growTrees>, x: Matrix, width: number): Float64Array {
  const out = new Float64Array(x.rows * width);
  for (const tree of trees) addTreePrediction(tree, x, out);
  for (let i = 0; i < out.length; i++) out[i]! /= trees.length;
  return out;
}

function meanStd(values: ArrayLike<number>): { mean: number; std: number } {
  let mean = 0;
  for (let i = 0; i < values.length; i++) mean += values[i]! / values.length;
  let variance = 0;
  for (let i = 0; i < values.length; i++) variance += (values[i]! - mean) ** 2 / values.length;
  return { mean, std: Math.sqrt(variance) || 1 };
}

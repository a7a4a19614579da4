import { binFeatures, type Binning } from './tree';
import type { Matrix } from './types';

/**
 * AdaBoost with decision stumps: the multi-class SAMME rule (Zhu et al., 2009), which is what
 * scikit-learn's AdaBoostClassifier defaults to now (50 stumps, learning rate 1). Each round fits the
 * stump with the lowest weighted Gini impurity on the binned features, weighs it by how few rows it
 * gets wrong, and raises the weight of those rows for the next round.
 */

export interface BoostOptions {
  rounds: number;
  learningRate: number;
  /** Per class, a factor on its rows' starting weights (scikit-learn's `class_weight`); 1 when left out. */
  classWeights?: ArrayLike<number>;
}

interface Stump {
  feature: number;
  threshold: number;
  left: number;
  right: number;
  alpha: number;
}

export interface Boosted {
  stumps: Stump[];
  classCount: number;
}

export function trainBoostedStumps(
  x: Matrix,
  y: Int32Array,
  classCount: number,
  options: BoostOptions,
): Boosted {
  const binning = binFeatures(x);
  const n = x.rows;
  const weights = Float64Array.from(y, (k) => options.classWeights?.[k] ?? 1);
  normalise(weights);
  const stumps: Stump[] = [];
  const predicted = new Int32Array(n);
  for (let round = 0; round < options.rounds; round++) {
    const stump = bestStump(binning, y, classCount, weights);
    if (!stump) break;
    let error = 0;
    for (let r = 0; r < n; r++) {
      predicted[r] = binning.bins[stump.feature]![r]! <= stump.bin ? stump.left : stump.right;
      if (predicted[r] !== y[r]) error += weights[r]!;
    }
    const fitted = {
      feature: stump.feature,
      threshold: stump.threshold,
      left: stump.left,
      right: stump.right,
    };
    // A perfect stump decides alone; one no better than chance ends the boosting (as scikit-learn does).
    if (error <= 0) {
      stumps.push({ ...fitted, alpha: 1 });
      break;
    }
    if (error >= 1 - 1 / classCount) {
      if (stumps.length === 0) stumps.push({ ...fitted, alpha: 1 });
      break;
    }
    const alpha = options.learningRate * (Math.log((1 - error) / error) + Math.log(classCount - 1));
    stumps.push({ ...fitted, alpha });
    for (let r = 0; r < n; r++) if (predicted[r] !== y[r]) weights[r]! *= Math.exp(alpha);
    normalise(weights);
  }
  return { stumps, classCount };
}

/** Row-major class probabilities: a softmax of the stumps' weighted votes over (classes − 1), as scikit-learn's SAMME. */
export function predictBoosted(model: Boosted, x: Matrix): Float64Array {
  const { classCount, stumps } = model;
  const out = new Float64Array(x.rows * classCount);
  const totalAlpha = stumps.reduce((s, t) => s + t.alpha, 0) || 1;
  const votes = new Float64Array(classCount);
  for (let r = 0; r < x.rows; r++) {
    votes.fill(0);
    for (const s of stumps)
      votes[x.data[r * x.cols + s.feature]! <= s.threshold ? s.left : s.right]! += s.alpha / totalAlpha;
    let max = -Infinity;
    for (const v of votes) max = Math.max(max, v);
    let sum = 0;
    for (let k = 0; k < classCount; k++) {
      const e = Math.exp((votes[k]! - max) / Math.max(classCount - 1, 1));
      out[r * classCount + k] = e;
      sum += e;
    }
    for (let k = 0; k < classCount; k++) out[r * classCount + k]! /= sum;
  }
  return out;
}

function normalise(weights: Float64Array): void {
  let sum = 0;
  for (const w of weights) sum += w;
  for (let i = 0; i < weights.length; i++) weights[i]! /= sum;
}

/** The split with the lowest weighted Gini impurity over all features' bin boundaries, with each side's majority class. */
function bestStump(
  binning: Binning,
  y: Int32Array,
  classCount: number,
  weights: Float64Array,
): { feature: number; bin: number; threshold: number; left: number; right: number } | null {
  let best: { score: number; feature: number; bin: number; left: number; right: number } | null = null;
  const totals = new Float64Array(classCount);
  for (let r = 0; r < y.length; r++) totals[y[r]!]! += weights[r]!;
  const mass = totals.reduce((s, v) => s + v, 0);
  const leftSums = new Float64Array(classCount);
  binning.cuts.forEach((cuts, f) => {
    const binCount = cuts.length + 1;
    if (binCount < 2) return;
    const sums = new Float64Array(binCount * classCount);
    const bins = binning.bins[f]!;
    for (let r = 0; r < y.length; r++) sums[bins[r]! * classCount + y[r]!]! += weights[r]!;
    leftSums.fill(0);
    for (let b = 0; b + 1 < binCount; b++) {
      for (let k = 0; k < classCount; k++) leftSums[k]! += sums[b * classCount + k]!;
      const massLeft = leftSums.reduce((s, v) => s + v, 0);
      const massRight = mass - massLeft;
      if (!(massLeft > 0 && massRight > 0)) continue;
      let left = 0;
      let right = 0;
      let leftClass = 0;
      let rightClass = 0;
      for (let k = 0; k < classCount; k++) {
        const l = leftSums[k]!;
        const rr = totals[k]! - l;
        left += l * l;
        right += rr * rr;
        if (l > leftSums[leftClass]!) leftClass = k;
        if (rr > totals[rightClass]! - leftSums[rightClass]!) rightClass = k;
      }
      // Σ n_k²/n per side is largest where the impurity is smallest.
      const score = left / massLeft + right / massRight;
      if (!best || score > best.score)
        best = { score, feature: f, bin: b, left: leftClass, right: rightClass };
    }
  });
  if (!best) return null;
  const { feature, bin, left, right } = best;
  return { feature, bin, threshold: binning.cuts[feature]![bin]!, left, right };
}

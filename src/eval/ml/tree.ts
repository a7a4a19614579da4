import type { Rng } from '../../rng';
import type { Matrix } from './types';

/**
 * CART decision trees (Gini impurity for classes, variance for numbers), grown on binned features as
 * histogram-based learners do: each feature is cut into at most 32 quantile bins once, so finding a split
 * costs one pass over the node's rows per feature instead of a sort. A random forest grows many of these
 * on bootstrap samples with a random subset of features tried at each split.
 */

export interface TreeOptions {
  maxDepth: number;
  minLeaf: number;
  /** Features tried at each split; all of them for a plain tree. */
  featuresPerSplit: number;
}

/** Per feature, the cut points: bin b holds values in (cuts[b − 1], cuts[b]]. */
export interface Binning {
  cuts: Float64Array[];
  /** Column-major bin index of every row. */
  bins: Uint8Array[];
}

export interface Tree {
  /** Per node: the feature split on, or −1 for a leaf. */
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  /** Per node, `width` numbers: class shares or the mean. */
  values: Float64Array;
  width: number;
}

const MAX_BINS = 32;

export function binFeatures(x: Matrix): Binning {
  const cuts: Float64Array[] = [];
  const bins: Uint8Array[] = [];
  const column = new Float64Array(x.rows);
  for (let c = 0; c < x.cols; c++) {
    for (let r = 0; r < x.rows; r++) column[r] = x.data[r * x.cols + c]!;
    const sorted = Float64Array.from(column).sort();
    const points: number[] = [];
    for (let q = 1; q < MAX_BINS; q++) {
      const i = Math.floor((q * sorted.length) / MAX_BINS);
      if (i <= 0 || i >= sorted.length) continue;
      const lo = sorted[i - 1]!;
      const hi = sorted[i]!;
      // Cut halfway between two distinct neighbours, never inside a run of equal values.
      if (hi > lo && (points.length === 0 || (lo + hi) / 2 > points.at(-1)!)) points.push((lo + hi) / 2);
    }
    if (points.length === 0 && sorted.length > 0 && sorted[0]! < sorted.at(-1)!) {
      points.push((sorted[0]! + sorted.at(-1)!) / 2);
    }
    const featureCuts = Float64Array.from(points);
    cuts.push(featureCuts);
    bins.push(Uint8Array.from(column, (v) => binOf(featureCuts, v)));
  }
  return { cuts, bins };
}

function binOf(cuts: Float64Array, v: number): number {
  let lo = 0;
  let hi = cuts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v <= cuts[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Grows one tree on the rows listed in `sample` (repeats allowed: a bootstrap sample).
 * `y` holds class indices when `classCount` > 0, numbers otherwise. `weights` (one per row, classes only)
 * weigh each row's share of the impurity and of the leaf values, as scikit-learn's sample and class
 * weights do; `minLeaf` still counts rows.
 */
export function growTree(
  binning: Binning,
  y: ArrayLike<number>,
  classCount: number,
  sample: Int32Array,
  options: TreeOptions,
  rng: Rng,
  weights?: ArrayLike<number>,
): Tree {
  const weightOf = (r: number) => (weights ? weights[r]! : 1);
  // Growing reorders rows within each node, so it works on a copy of the caller's sample.
  const rows = Int32Array.from(sample);
  const width = classCount > 0 ? classCount : 1;
  const featureCount = binning.cuts.length;
  const nodes = {
    feature: [] as number[],
    threshold: [] as number[],
    left: [] as number[],
    right: [] as number[],
  };
  const values: number[] = [];
  const order = Int32Array.from({ length: featureCount }, (_, i) => i);
  const stats = new Float64Array(MAX_BINS * Math.max(width, 2) + MAX_BINS);

  const newNode = (): number => {
    nodes.feature.push(-1);
    nodes.threshold.push(0);
    nodes.left.push(-1);
    nodes.right.push(-1);
    for (let k = 0; k < width; k++) values.push(0);
    return nodes.feature.length - 1;
  };

  const grow = (node: number, start: number, end: number, depth: number): void => {
    const n = end - start;
    // The node's value: class shares, or the mean.
    const total = new Float64Array(classCount > 0 ? classCount : 2);
    let mass = 0;
    for (let i = start; i < end; i++) {
      const v = y[rows[i]!]!;
      if (classCount > 0) {
        const w = weightOf(rows[i]!);
        total[v]! += w;
        mass += w;
      } else {
        total[0]! += v;
        total[1]! += v * v;
      }
    }
    if (classCount === 0) mass = n;
    for (let k = 0; k < width; k++) values[node * width + k] = total[k]! / mass;
    if (depth >= options.maxDepth || n < 2 * options.minLeaf) return;
    if (classCount > 0 && total.some((c) => c === mass)) return;

    const parentScore =
      classCount > 0 ? total.reduce((s, c) => s + c * c, 0) / mass : (total[0]! * total[0]!) / n;
    let best = { gain: 1e-12, feature: -1, bin: -1 };
    // A partial Fisher–Yates shuffle picks the features tried at this split.
    const tried = Math.min(options.featuresPerSplit, featureCount);
    for (let t = 0; t < tried; t++) {
      const pick = t + rng.int(featureCount - t);
      const f = order[pick]!;
      order[pick] = order[t]!;
      order[t] = f;
      const binCount = binning.cuts[f]!.length + 1;
      if (binCount < 2) continue;
      const split = bestSplit(
        binning.bins[f]!,
        binCount,
        y,
        classCount,
        rows,
        start,
        end,
        options.minLeaf,
        stats,
        weights,
      );
      if (split.score - parentScore > best.gain)
        best = { gain: split.score - parentScore, feature: f, bin: split.bin };
    }
    if (best.feature < 0) return;

    // Partition the node's rows in place: bin ≤ best.bin to the left.
    const bins = binning.bins[best.feature]!;
    let mid = start;
    for (let i = start; i < end; i++) {
      if (bins[rows[i]!]! <= best.bin) {
        const swap = rows[mid]!;
        rows[mid] = rows[i]!;
        rows[i] = swap;
        mid++;
      }
    }
    const left = newNode();
    const right = newNode();
    nodes.feature[node] = best.feature;
    nodes.threshold[node] = binning.cuts[best.feature]![best.bin]!;
    nodes.left[node] = left;
    nodes.right[node] = right;
    grow(left, start, mid, depth + 1);
    grow(right, mid, end, depth + 1);
  };

  grow(newNode(), 0, rows.length, 0);
  return {
    feature: Int32Array.from(nodes.feature),
    threshold: Float64Array.from(nodes.threshold),
    left: Int32Array.from(nodes.left),
    right: Int32Array.from(nodes.right),
    values: Float64Array.from(values),
    width,
  };
}

/**
 * The best cut of one feature: the bin boundary maximising Σ_k n_lk²/n_l + Σ_k n_rk²/n_r (Gini) or
 * s_l²/n_l + s_r²/n_r (variance), which is the same as the largest impurity decrease.
 */
function bestSplit(
  bins: Uint8Array,
  binCount: number,
  y: ArrayLike<number>,
  classCount: number,
  rows: Int32Array,
  start: number,
  end: number,
  minLeaf: number,
  stats: Float64Array,
  weights?: ArrayLike<number>,
): { score: number; bin: number } {
  const width = classCount > 0 ? classCount : 1;
  // Layout: per bin, `width` sums (class weights, or the sum of y), then per bin the row count.
  const countsAt = binCount * width;
  stats.fill(0, 0, countsAt + binCount);
  for (let i = start; i < end; i++) {
    const r = rows[i]!;
    const b = bins[r]!;
    if (classCount > 0) stats[b * width + y[r]!]! += weights ? weights[r]! : 1;
    else stats[b]! += y[r]!;
    stats[countsAt + b]!++;
  }
  const n = end - start;
  const totals = new Float64Array(width);
  for (let b = 0; b < binCount; b++) for (let k = 0; k < width; k++) totals[k]! += stats[b * width + k]!;
  let mass = n;
  if (classCount > 0) mass = totals.reduce((s, v) => s + v, 0);
  const leftSums = new Float64Array(width);
  let nLeft = 0;
  let best = { score: -Infinity, bin: -1 };
  for (let b = 0; b + 1 < binCount; b++) {
    nLeft += stats[countsAt + b]!;
    for (let k = 0; k < width; k++) leftSums[k]! += stats[b * width + k]!;
    const nRight = n - nLeft;
    if (nLeft < minLeaf || nRight < minLeaf) continue;
    let left = 0;
    let right = 0;
    let massLeft = nLeft;
    if (classCount > 0) massLeft = leftSums.reduce((s, v) => s + v, 0);
    for (let k = 0; k < width; k++) {
      left += leftSums[k]! * leftSums[k]!;
      const r = totals[k]! - leftSums[k]!;
      right += r * r;
    }
    const massRight = mass - massLeft;
    if (!(massLeft > 0 && massRight > 0)) continue;
    const score = left / massLeft + right / massRight;
    if (score > best.score) best = { score, bin: b };
  }
  return best;
}

/** Adds the leaf values of `tree` for every row of `x` into `out` (rows × tree.width). */
export function addTreePrediction(tree: Tree, x: Matrix, out: Float64Array): void {
  for (let r = 0; r < x.rows; r++) {
    let node = 0;
    while (tree.feature[node]! >= 0) {
      const v = x.data[r * x.cols + tree.feature[node]!]!;
      node = v <= tree.threshold[node]! ? tree.left[node]! : tree.right[node]!;
    }
    for (let k = 0; k < tree.width; k++) out[r * tree.width + k]! += tree.values[node * tree.width + k]!;
  }
}

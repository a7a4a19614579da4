import type { Matrix } from './types';

/**
 * k nearest neighbours by Euclidean distance on the shared encoding. Distances use
 * ‖a − b‖² = ‖a‖² + ‖b‖² − 2·a·b with the dot product over the query's non-zero features only: a one-hot
 * row has few of them, so a wide table costs little more than a narrow one.
 */
export interface Neighbours {
  /** Row indices into the training rows, nearest first; `k` per query row. */
  index: Int32Array;
  k: number;
}

export function nearestNeighbours(train: Matrix, query: Matrix, k: number): Neighbours {
  const kk = Math.min(k, train.rows);
  const d = train.cols;
  const trainNorms = rowNorms(train);
  const index = new Int32Array(query.rows * kk);
  const bestDist = new Float64Array(kk);
  const bestIndex = new Int32Array(kk);
  const nonZero = new Int32Array(d);
  for (let q = 0; q < query.rows; q++) {
    const base = q * d;
    let nz = 0;
    let queryNorm = 0;
    for (let c = 0; c < d; c++) {
      const v = query.data[base + c]!;
      if (v !== 0) {
        nonZero[nz++] = c;
        queryNorm += v * v;
      }
    }
    bestDist.fill(Infinity);
    bestIndex.fill(-1);
    for (let r = 0; r < train.rows; r++) {
      let dot = 0;
      const trainBase = r * d;
      for (let i = 0; i < nz; i++) {
        const c = nonZero[i]!;
        dot += query.data[base + c]! * train.data[trainBase + c]!;
      }
      const dist = queryNorm + trainNorms[r]! - 2 * dot;
      if (dist >= bestDist[kk - 1]!) continue;
      // Insertion into the sorted list of the k best; equal distances keep the earlier row first.
      let j = kk - 1;
      while (j > 0 && bestDist[j - 1]! > dist) {
        bestDist[j] = bestDist[j - 1]!;
        bestIndex[j] = bestIndex[j - 1]!;
        j--;
      }
      bestDist[j] = dist;
      bestIndex[j] = r;
    }
    index.set(bestIndex, q * kk);
  }
  return { index, k: kk };
}

function rowNorms(x: Matrix): Float64Array {
  const norms = new Float64Array(x.rows);
  for (let r = 0; r < x.rows; r++) {
    let sum = 0;
    for (let c = 0; c < x.cols; c++) sum += x.data[r * x.cols + c]! ** 2;
    norms[r] = sum;
  }
  return norms;
}

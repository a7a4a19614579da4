/** The k nearest other rows of every row, nearest first. */
export interface Neighbours {
  count: number;
  k: number;
  /** count × k row indices. */
  indices: Int32Array;
  /** count × k squared Euclidean distances, aligned with `indices`. */
  distances: Float32Array;
}

/**
 * Exact k nearest neighbours by brute force: O(N²·dim), but each pair is measured once and the loops
 * run over typed arrays; in 60 dimensions space-partitioning trees prune too little to beat it.
 */
export function nearestNeighbours(data: Float32Array, dim: number, k: number): Neighbours {
  const count = Math.floor(data.length / dim);
  // One max-heap of the k best so far per row: its root is the worst kept candidate.
  const heapIndex = new Int32Array(count * k);
  const heapDistance = new Float64Array(count * k);
  const size = new Int32Array(count);
  const offer = (row: number, candidate: number, d: number) => {
    const base = row * k;
    const n = size[row]!;
    if (n < k) {
      heapIndex[base + n] = candidate;
      heapDistance[base + n] = d;
      siftUp(heapIndex, heapDistance, base, n);
      size[row] = n + 1;
    } else if (d < heapDistance[base]!) {
      heapIndex[base] = candidate;
      heapDistance[base] = d;
      siftDown(heapIndex, heapDistance, base, k);
    }
  };
  for (let i = 0; i < count; i++) {
    const a = i * dim;
    for (let j = i + 1; j < count; j++) {
      const b = j * dim;
      let d = 0;
      for (let c = 0; c < dim; c++) {
        const diff = data[a + c]! - data[b + c]!;
        d += diff * diff;
      }
      offer(i, j, d);
      offer(j, i, d);
    }
  }
  const indices = new Int32Array(count * k);
  const distances = new Float32Array(count * k);
  for (let i = 0; i < count; i++) {
    const base = i * k;
    // Popping a max-heap yields the farthest first: fill from the back.
    for (let slot = size[i]! - 1; slot >= 0; slot--) {
      indices[base + slot] = heapIndex[base]!;
      distances[base + slot] = heapDistance[base]!;
      heapIndex[base] = heapIndex[base + slot]!;
      heapDistance[base] = heapDistance[base + slot]!;
      siftDown(heapIndex, heapDistance, base, slot);
    }
  }
  return { count, k, indices, distances };
}

function siftUp(index: Int32Array, distance: Float64Array, base: number, at: number): void {
  while (at > 0) {
    const parent = (at - 1) >> 1;
    if (distance[base + parent]! >= distance[base + at]!) return;
    swap(index, distance, base + at, base + parent);
    at = parent;
  }
}

function siftDown(index: Int32Array, distance: Float64Array, base: number, size: number): void {
  let at = 0;
  for (;;) {
    const left = 2 * at + 1;
    const right = left + 1;
    let largest = at;
    if (left < size && distance[base + left]! > distance[base + largest]!) largest = left;
    if (right < size && distance[base + right]! > distance[base + largest]!) largest = right;
    if (largest === at) return;
    swap(index, distance, base + at, base + largest);
    at = largest;
  }
}

function swap(index: Int32Array, distance: Float64Array, a: number, b: number): void {
  const i = index[a]!;
  index[a] = index[b]!;
  index[b] = i;
  const d = distance[a]!;
  distance[a] = distance[b]!;
  distance[b] = d;
}

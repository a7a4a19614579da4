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
 * Exact k nearest neighbours by brute force, O(N²·dim) in tight loops over typed arrays: in 60
 * dimensions space-partitioning trees prune too little to beat it at a few thousand rows. (Measuring
 * each pair once and offering it to both rows' heaps was tried: the extra heap work costs more.)
 */
export function nearestNeighbours(data: Float32Array, dim: number, k: number): Neighbours {
  const count = Math.floor(data.length / dim);
  const indices = new Int32Array(count * k);
  const distances = new Float32Array(count * k);
  // A max-heap of the k best so far: its root is the worst kept candidate.
  const heapIndex = new Int32Array(k);
  const heapDistance = new Float64Array(k);
  for (let i = 0; i < count; i++) {
    let size = 0;
    const a = i * dim;
    for (let j = 0; j < count; j++) {
      if (j === i) continue;
      const b = j * dim;
      // Once the heap is full, a candidate is dropped as soon as its partial sum passes the worst kept
      // distance: most rows are far, so most sums stop early (checked every 8 terms).
      const bound = size < k ? Infinity : heapDistance[0]!;
      let d = 0;
      for (let c = 0; c < dim && d < bound; c += 8) {
        const end = Math.min(dim, c + 8);
        for (let e = c; e < end; e++) {
          const diff = data[a + e]! - data[b + e]!;
          d += diff * diff;
        }
      }
      if (d >= bound) continue;
      if (size < k) {
        heapIndex[size] = j;
        heapDistance[size] = d;
        siftUp(heapIndex, heapDistance, 0, size++);
      } else if (d < heapDistance[0]!) {
        heapIndex[0] = j;
        heapDistance[0] = d;
        siftDown(heapIndex, heapDistance, 0, k);
      }
    }
    // Popping a max-heap yields the farthest first: fill from the back.
    for (let slot = size - 1; slot >= 0; slot--) {
      indices[i * k + slot] = heapIndex[0]!;
      distances[i * k + slot] = heapDistance[0]!;
      heapIndex[0] = heapIndex[slot]!;
      heapDistance[0] = heapDistance[slot]!;
      siftDown(heapIndex, heapDistance, 0, slot);
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

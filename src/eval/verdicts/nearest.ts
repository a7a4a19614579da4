import * as tf from '../../nn/tf';

/** For each query row: the index of its nearest reference row and the Euclidean distance to it. */
export interface NearestRows {
  index: Int32Array;
  distance: Float32Array;
}

/** Query chunks are sized so one chunk's distance matrix stays under this many numbers on the device. */
const MAX_MATRIX = 1 << 22;

/**
 * Nearest-neighbour search against a fixed set of reference rows (e.g. every real training row).
 * The device finds the nearest row (|r|² − 2 q·r ranks references like the distance does, and is one
 * matrix product); the distance itself is then measured exactly on the host, so rounding in the
 * expanded form never reports a copy of a real row as a small nonzero distance.
 */
export class NearestRowFinder {
  private readonly count: number;
  private device: { rows: tf.Tensor2D; squaredNorms: tf.Tensor1D } | null = null;

  constructor(
    private readonly reference: Float32Array,
    private readonly dim: number,
  ) {
    this.count = dim > 0 ? Math.floor(reference.length / dim) : 0;
  }

  async find(queries: Float32Array): Promise<NearestRows> {
    const queryCount = this.dim > 0 ? Math.floor(queries.length / this.dim) : 0;
    const index = new Int32Array(queryCount);
    const distance = new Float32Array(queryCount);
    if (this.count === 0 || queryCount === 0) return { index, distance: distance.fill(NaN) };
    const { rows, squaredNorms } = this.upload();
    const chunk = Math.max(1, Math.floor(MAX_MATRIX / this.count));
    for (let start = 0; start < queryCount; start += chunk) {
      const size = Math.min(chunk, queryCount - start);
      const nearest = tf.tidy(() => {
        const q = tf.tensor2d(queries.subarray(start * this.dim, (start + size) * this.dim), [
          size,
          this.dim,
        ]);
        const ranking = tf.sub(squaredNorms, tf.mul(tf.matMul(q, rows, false, true), 2));
        return tf.argMin(ranking, 1);
      });
      const found = (await nearest.data()) as Int32Array;
      nearest.dispose();
      index.set(found, start);
    }
    for (let i = 0; i < queryCount; i++) distance[i] = this.distance(queries, i, index[i]!);
    return { index, distance };
  }

  dispose(): void {
    if (this.device) tf.dispose([this.device.rows, this.device.squaredNorms]);
    this.device = null;
  }

  /** The reference rows go to the device on first use and stay there until dispose. */
  private upload(): { rows: tf.Tensor2D; squaredNorms: tf.Tensor1D } {
    if (!this.device) {
      const rows = tf.tensor2d(this.reference, [this.count, this.dim]);
      this.device = { rows, squaredNorms: tf.tidy(() => tf.sum(tf.square(rows), 1) as tf.Tensor1D) };
    }
    return this.device;
  }

  private distance(queries: Float32Array, query: number, row: number): number {
    let sum = 0;
    for (let c = 0; c < this.dim; c++) {
      const d = queries[query * this.dim + c]! - this.reference[row * this.dim + c]!;
      sum += d * d;
    }
    return Math.sqrt(sum);
  }
}

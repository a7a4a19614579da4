import * as tf from '../../nn/tf';

/**
 * The real rows' column shapes and pair trends, and how far a generated batch lies from them, as the
 * quality score reads rows (column shapes and pairs of columns), but differentiable: each category
 * column's total variation distance from its real frequencies, each number's mean distance from the
 * real quantiles at its values' ranks (1-D transport, in z-units), and the mean over pairs of columns
 * of half the absolute gap between the batch's second moments and the real rows' (for two category
 * columns, the total variation distance between their joint frequencies). The batch's categories are
 * its softmax probabilities: the rows drawn from them by Gumbel-max have these frequencies on average.
 * A discriminator of 128 rows a step lost to this: the explorer's rows missed the real frequencies of
 * education and occupation and the shapes of fnlwgt and hours-per-week (docs/benchmarks.md).
 */
export class RealMoments {
  /** The real rows' mean (a category's frequency) per column of the encoding. */
  private readonly first: tf.Tensor1D;
  /** The real rows' mean product of each two columns of the encoding. */
  private readonly second: tf.Tensor2D;
  /** 1 where two columns of the encoding belong to different table columns (a pair the score reads). */
  private readonly pairs: tf.Tensor2D;
  /** 1 on categories (softmax columns), 0 on numbers. */
  private readonly categories: tf.Tensor1D;
  private readonly numbers: tf.Tensor1D;
  /** Per number (its offset), the real column sorted ascending. */
  private readonly sorted = new Map<number, Float32Array>();
  private readonly columnCount: number;

  /**
   * `columns`: each table column's [offset, width] in the encoding; `numeric`: 1 where the encoding
   * holds a number; `rows`: the real rows, row-major, `width` per row.
   */
  constructor(
    columns: readonly [number, number][],
    numeric: Float32Array,
    rows: Float32Array,
    private readonly width: number,
  ) {
    const count = rows.length / width;
    this.columnCount = columns.length;
    const columnOf = new Int32Array(width);
    columns.forEach(([offset, w], c) => columnOf.fill(c, offset, offset + w));
    const pairs = new Float32Array(width * width);
    for (let i = 0; i < width; i++)
      for (let j = 0; j < width; j++) pairs[i * width + j] = columnOf[i] !== columnOf[j] ? 1 : 0;
    for (let c = 0; c < width; c++) {
      if (!numeric[c]) continue;
      const column = Float32Array.from({ length: count }, (_, r) => rows[r * width + c]!);
      this.sorted.set(c, column.sort());
    }
    // Kept: the explorer may be built inside someone's tidy.
    this.pairs = tf.keep(tf.tensor2d(pairs, [width, width]));
    this.categories = tf.keep(tf.tensor1d(numeric.map((v) => 1 - v)));
    this.numbers = tf.keep(tf.tensor1d(numeric));
    [this.first, this.second] = tf.tidy(() => {
      const all = tf.tensor2d(rows, [count, width]);
      return [
        tf.keep(tf.mean(all, 0) as tf.Tensor1D),
        tf.keep(tf.div(tf.matMul(all, all, true, false), count) as tf.Tensor2D),
      ];
    });
  }

  /**
   * The distance of `batch` (categories as probabilities, numbers in z-units) from the real rows: its
   * column shapes' mean plus its pairs' mean, 0 for the real rows themselves.
   */
  distance(batch: tf.Tensor2D): tf.Scalar {
    return tf.tidy(() => {
      const size = batch.shape[0];
      const shapes = tf.add(
        tf.div(tf.sum(tf.mul(tf.abs(tf.sub(batch, this.quantiles(batch))), this.numbers)), size),
        tf.mul(0.5, tf.sum(tf.mul(tf.abs(tf.sub(tf.mean(batch, 0), this.first)), this.categories))),
      );
      const second = tf.div(tf.matMul(batch, batch, true, false), size);
      const pairs = tf.mul(0.5, tf.sum(tf.mul(tf.abs(tf.sub(second, this.second)), this.pairs)));
      // Each pair of table columns is counted twice in the symmetric matrix.
      const pairCount = Math.max(1, this.columnCount * (this.columnCount - 1));
      return tf.add(tf.div(shapes, this.columnCount), tf.div(pairs, pairCount)) as tf.Scalar;
    });
  }

  /** Per number, the real quantile at each batch value's rank (0 on categories): a constant target. */
  private quantiles(batch: tf.Tensor2D): tf.Tensor2D {
    const size = batch.shape[0];
    const values = batch.dataSync();
    const targets = new Float32Array(size * this.width);
    for (const [c, sorted] of this.sorted) {
      const order = Array.from({ length: size }, (_, r) => r);
      order.sort((a, b) => values[a * this.width + c]! - values[b * this.width + c]!);
      order.forEach((r, rank) => {
        const at = Math.min(sorted.length - 1, Math.floor(((rank + 0.5) / size) * sorted.length));
        targets[r * this.width + c] = sorted[at]!;
      });
    }
    return tf.tensor2d(targets, [size, this.width]);
  }

  dispose(): void {
    tf.dispose([this.first, this.second, this.pairs, this.categories, this.numbers]);
  }
}

import type { EncodedRows, TableEncoder } from '../../encoding/encoder';
import { matrix, trainForest, type Classifier } from '../../eval/ml';
import { createRng, permutation } from '../../rng';

/**
 * The black box: a random forest (src/eval/ml, our own CART forest: deterministic from a seed, no
 * dependency, the same trees the report trains) fitted on the real training rows in the generator's own
 * encoding (one-hot categories, z-scored numbers), target = the table's target class. The explorer asks
 * it about every generated row, so it is smaller than the report's forest (50 trees of depth 16 took 50 s
 * to grow on Adult and 0.2 ms a row to answer on two cores; this one takes about 7 s and 0.1 ms).
 * Trees split halfway between neighbouring real values, so rounding a generated number the way its column
 * is written (whole ages) never moves it across a split: a row scores the same before and after decoding.
 */
export const FOREST_SIZE = { trees: 30, maxDepth: 12, minLeaf: 2 } as const;
/** Rows the forest is grown on at most (a seeded sample of the training rows beyond that). */
export const FOREST_ROWS = 10_000;

export class BlackBox {
  readonly classCount: number;
  private readonly forest: Classifier;

  constructor(
    private readonly width: number,
    rows: EncodedRows,
    seed: number,
  ) {
    this.classCount = rows.conditions.length / Math.max(rows.count, 1);
    const rng = createRng(seed);
    const keep = permutation(rows.count, rng).subarray(0, Math.min(rows.count, FOREST_ROWS));
    const x = matrix(keep.length, width);
    const y = new Int32Array(keep.length);
    keep.forEach((row, i) => {
      for (let c = 0; c < width; c++) x.data[i * width + c] = rows.features[row * width + c]!;
      y[i] = argmax(rows.conditions, row * this.classCount, this.classCount);
    });
    this.forest = trainForest({ x, y, classCount: this.classCount }, { seed: rng.seed(), ...FOREST_SIZE });
  }

  /** Class probabilities of `features` (row-major encoded rows), `classCount` per row. */
  probabilities(features: Float32Array): Float64Array {
    const count = features.length / Math.max(this.width, 1);
    return this.forest.predictProba(matrix(count, this.width, Float64Array.from(features)));
  }
}

/** Index of the largest of `width` values starting at `start`; the first on ties. */
export function argmax(values: ArrayLike<number>, start: number, width: number): number {
  let best = 0;
  for (let i = 1; i < width; i++) if (values[start + i]! > values[start + best]!) best = i;
  return best;
}

/** A categorical target's class names, in the order of the encoder's one-hot condition. */
export function classNames(encoder: TableEncoder): string[] {
  const target = encoder.target;
  if (target.kind !== 'categorical')
    throw new Error(
      'The black-box explorer needs a categorical target column: the forest’s confidence is the probability of a class.',
    );
  return target.levels;
}

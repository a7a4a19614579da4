import type { EncodedRows, TableEncoder } from '../../encoding/encoder';
import { growForest, matrix, type Classifier } from '../../eval/ml';
import type { Preparing } from '../model';
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
/** Rows the forest answers between messages (about 0.1 ms a row on Adult). */
const ANSWER_PIECE = 2_000;

export class BlackBox {
  private constructor(
    private readonly width: number,
    readonly classCount: number,
    private readonly forest: Classifier,
  ) {}

  /** Grows the forest a tree at a time, saying how far it is after each (see TrainableModel.preparation). */
  static *grow(width: number, rows: EncodedRows, seed: number): Generator<Preparing, BlackBox, void> {
    const classCount = rows.conditions.length / Math.max(rows.count, 1);
    const rng = createRng(seed);
    const keep = permutation(rows.count, rng).subarray(0, Math.min(rows.count, FOREST_ROWS));
    const x = matrix(keep.length, width);
    const y = new Int32Array(keep.length);
    keep.forEach((row, i) => {
      for (let c = 0; c < width; c++) x.data[i * width + c] = rows.features[row * width + c]!;
      y[i] = argmax(rows.conditions, row * classCount, classCount);
    });
    const { trees } = FOREST_SIZE;
    const growing = growForest({ x, y, classCount }, { seed: rng.seed(), ...FOREST_SIZE });
    for (;;) {
      const next = growing.next();
      if (next.done) return new BlackBox(width, classCount, next.value);
      yield { label: `Growing the forest: tree ${next.value} of ${trees}`, fraction: next.value / trees };
    }
  }

  /** Class probabilities of `features` (row-major encoded rows), `classCount` per row. */
  probabilities(features: Float32Array): Float64Array {
    const count = features.length / Math.max(this.width, 1);
    return this.forest.predictProba(matrix(count, this.width, Float64Array.from(features)));
  }

  /** `probabilities` of many rows, in pieces of ANSWER_PIECE rows that say how far it is (`label`). */
  *answer(features: Float32Array, label: string): Generator<Preparing, Float64Array, void> {
    const count = features.length / Math.max(this.width, 1);
    const out = new Float64Array(count * this.classCount);
    for (let start = 0; start < count; start += ANSWER_PIECE) {
      const end = Math.min(count, start + ANSWER_PIECE);
      const part = features.subarray(start * this.width, end * this.width);
      out.set(this.probabilities(part), start * this.classCount);
      yield {
        label: `${label}: ${end.toLocaleString('en')} of ${count.toLocaleString('en')}`,
        fraction: end / count,
      };
    }
    return out;
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

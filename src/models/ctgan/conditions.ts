import type { EncodedRows, TableEncoder } from '../../encoding/encoder';
import type { Rng } from '../../rng';
import type { RowDraw, RowSampler } from '../model';

/** A discrete feature column as the conditional vector covers it: its one-hot span in both. */
export interface DiscreteColumn {
  featureOffset: number;
  vectorOffset: number;
  width: number;
}

/** CTGAN's conditional vector: the one-hot spans of every categorical feature column, side by side. */
export interface ConditionLayout {
  columns: DiscreteColumn[];
  width: number;
}

export function conditionLayout(encoder: TableEncoder): ConditionLayout {
  const columns: DiscreteColumn[] = [];
  let width = 0;
  for (const e of encoder.features) {
    if (e.kind !== 'categorical') continue;
    columns.push({ featureOffset: e.offset, vectorOffset: width, width: e.width });
    width += e.width;
  }
  return { columns, width };
}

/** Rows having one category, and how often that category is picked. */
interface Category {
  index: number;
  rows: Int32Array;
  weight: number;
}

/** One way a training row can be chosen: by a discrete column's category, or by the target alone. */
interface Choice {
  /** The column whose one-hot the vector gets, or null for the target (an all-zero vector). */
  column: DiscreteColumn | null;
  categories: Category[];
  totalWeight: number;
}

/**
 * CTGAN's training-by-sampling. For each row of a batch: pick one of the choices uniformly, a category
 * of it with probability ∝ log(frequency + 1), then a real row that has that category. Rare categories
 * are drawn far more often than their share, so the generator learns them (bank-full's 12% "yes").
 *
 * The target is always given to both players (as in the CGAN), so it is one more choice whose vector is
 * all zeros: those rows teach the generator what a row looks like given only its target, which is how
 * rows are generated, with targets drawn in their real proportions.
 */
export class ConditionSampler implements RowSampler {
  private readonly choices: Choice[];
  /** Per discrete column, each training row's category. */
  private readonly categories: Int32Array[];
  /** Per target class (one for a numeric target), the training rows that have it. */
  private readonly rowsByTarget: Int32Array[];

  constructor(
    encoder: TableEncoder,
    private readonly layout: ConditionLayout,
    rows: EncodedRows,
  ) {
    const featureWidth = encoder.featureWidth;
    this.categories = layout.columns.map((column) =>
      Int32Array.from({ length: rows.count }, (_, r) =>
        argmax(rows.features, r * featureWidth + column.featureOffset, column.width),
      ),
    );
    this.choices = layout.columns.map((column, c) =>
      choice(column, column.width, rows.count, (r) => this.categories[c]![r]!),
    );
    const target = encoder.target;
    const targetChoice =
      target.kind === 'categorical'
        ? choice(null, target.width, rows.count, (r) =>
            argmax(rows.conditions, r * encoder.conditionWidth + target.offset, target.width),
          )
        : choice(null, 1, rows.count, () => 0);
    this.choices.push(targetChoice);
    this.rowsByTarget = Array.from(
      { length: target.kind === 'categorical' ? target.width : 1 },
      (_, k) => targetChoice.categories.find((c) => c.index === k)?.rows ?? new Int32Array(0),
    );
  }

  /**
   * Condition vectors to generate rows with, as CTGAN samples them (from the original frequencies, not
   * the log-frequencies of training): per target class, `size` vectors, each naming one discrete column
   * picked uniformly and the category of a real row of that class, so a category comes up as often as
   * it goes with the class. Generating every row under such a vector keeps the generator in the regime
   * most of its training saw, and mixed over the vectors its rows follow the real per-class
   * distribution. A class without rows gets all-zero vectors (given the target alone).
   */
  generationVectors(size: number, rng: Rng): Float32Array[] {
    const width = this.layout.width;
    return this.rowsByTarget.map((rows) => {
      const vectors = new Float32Array(size * width);
      if (rows.length === 0 || this.layout.columns.length === 0) return vectors;
      for (let i = 0; i < size; i++) {
        const c = rng.int(this.layout.columns.length);
        const row = rows[rng.int(rows.length)]!;
        vectors[i * width + this.layout.columns[c]!.vectorOffset + this.categories[c]![row]!] = 1;
      }
      return vectors;
    });
  }

  draw(size: number, rng: Rng): RowDraw {
    const width = this.layout.width;
    const rows = new Int32Array(size);
    const vectors = new Float32Array(size * width);
    for (let i = 0; i < size; i++) {
      const chosen = this.choices[rng.int(this.choices.length)]!;
      const category = pick(chosen, rng.next());
      rows[i] = category.rows[rng.int(category.rows.length)]!;
      if (chosen.column) vectors[i * width + chosen.column.vectorOffset + category.index] = 1;
    }
    return { rows, vectors, width };
  }
}

function choice(
  column: DiscreteColumn | null,
  width: number,
  count: number,
  categoryOf: (row: number) => number,
): Choice {
  const members: number[][] = Array.from({ length: width }, () => []);
  for (let r = 0; r < count; r++) members[categoryOf(r)]!.push(r);
  const categories = members.flatMap((rows, index) =>
    rows.length === 0 ? [] : [{ index, rows: Int32Array.from(rows), weight: Math.log(rows.length + 1) }],
  );
  return { column, categories, totalWeight: categories.reduce((s, c) => s + c.weight, 0) };
}

function pick(choice: Choice, u: number): Category {
  let rest = u * choice.totalWeight;
  for (const category of choice.categories) {
    rest -= category.weight;
    if (rest < 0) return category;
  }
  return choice.categories.at(-1)!;
}

function argmax(data: Float32Array, start: number, width: number): number {
  let best = 0;
  for (let i = 1; i < width; i++) if (data[start + i]! > data[start + best]!) best = i;
  return best;
}

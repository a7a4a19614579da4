import {
  formatNumber,
  type EncodedRows,
  type NumericEncoding,
  type TableEncoder,
} from '../../encoding/encoder';
import type { Rng } from '../../rng';

/**
 * How a generator's outputs become a row the forest can score, on the CPU (the forest is plain
 * TypeScript): each softmax span (a category, a number's present/missing flag) becomes the one-hot of a
 * category drawn from it by Gumbel-max, and each number is clamped to its column's training range.
 * Drawing categories, rather than taking the likeliest, keeps the generator from writing one value per
 * column, as the assignment's generator did.
 */
export class RowLayout {
  readonly width: number;
  /** Each column's slice of the row, as [offset, width]. */
  readonly columns: [number, number][];
  /** Softmax spans as [offset, width]. */
  readonly categories: [number, number][] = [];
  /** Per column: 1 where the value is a number. */
  readonly numeric: Float32Array;
  /** A number with gaps: where its value and its [present, missing] flag sit. */
  private readonly gaps: { value: number; flag: number }[] = [];
  /** Each number's range in its z-units (infinite elsewhere). */
  readonly low: Float32Array;
  readonly high: Float32Array;
  /**
   * Where each number's output starts, in its z-units (0 elsewhere): its median over the real rows when
   * written as real values, else the middle of its range.
   */
  readonly centre: Float32Array;
  /** Per number column (by offset), the distinct values of the real rows, ascending, when written as real values. */
  private readonly values = new Map<number, Float32Array>();
  /** Per number column (by offset), the column as the encoder writes it: a clamped number is rounded as decoding rounds it. */
  private readonly sources = new Map<number, NumericEncoding>();

  /**
   * With `realValues` (the real training rows) each number is written as the nearest value a real row
   * has, so a discriminator can find the rows real. Without, as generated, clamped to its range: with no
   * discriminator that serves the asked confidence best (Adult, through the surrogate: MAE 0.026, and
   * 0.049 written as real values).
   */
  constructor(encoder: TableEncoder, realValues: EncodedRows | null) {
    this.width = encoder.featureWidth;
    this.columns = encoder.features.map((e) => [e.offset, e.width]);
    this.numeric = new Float32Array(this.width);
    this.low = new Float32Array(this.width).fill(-Infinity);
    this.high = new Float32Array(this.width).fill(Infinity);
    this.centre = new Float32Array(this.width);
    for (const span of encoder.spans) {
      if (span.kind === 'softmax') this.categories.push([span.offset, span.width]);
      else this.numeric[span.offset] = 1;
    }
    for (const e of encoder.features) {
      if (e.kind !== 'numeric' || e.scaling.kind !== 'standard') continue;
      const { mean, std } = e.scaling;
      this.low[e.offset] = (e.source.min - mean) / std;
      this.high[e.offset] = (e.source.max - mean) / std;
      if (e.hasMissing) this.gaps.push({ value: e.offset, flag: e.offset + 1 });
      if (!e.source.time) this.sources.set(e.offset, e);
      this.centre[e.offset] = (this.low[e.offset]! + this.high[e.offset]!) / 2;
      if (!realValues) continue;
      const { features, count } = realValues;
      const column = Float32Array.from({ length: count }, (_, r) => features[r * this.width + e.offset]!);
      column.sort();
      this.centre[e.offset] = column[count >> 1] ?? 0;
      this.values.set(e.offset, Float32Array.from(new Set(column)));
    }
  }

  /** Gumbel(0, 1) noise on every softmax column, zero on numbers: added to logits, argmax draws a category. */
  gumbel(rows: number, rng: Rng): Float32Array {
    const out = new Float32Array(rows * this.width);
    for (let r = 0; r < rows; r++)
      for (const [offset, width] of this.categories)
        for (let i = offset; i < offset + width; i++)
          out[r * this.width + i] = -Math.log(-Math.log(rng.next() * (1 - 2e-7) + 1e-7));
    return out;
  }

  /**
   * The row each output stands for: per span the one-hot of its largest (Gumbel-perturbed) logit, per
   * number clamped to its range or, written as real values, the nearest value of a real row (or 0, the
   * encoder's imputed value, when drawn missing). The nearest real value: a column written as a few exact
   * values (Adult's capital-gain is 0 in 92% of rows) is then generated as those values (its quality
   * score 0.09 → 0.97), and the forest's answer barely changes, as its splits lie halfway between
   * neighbouring real values. `outputs` are row-major, `width` per row.
   */
  harden(outputs: Float32Array): Float32Array {
    const out = new Float32Array(outputs.length);
    const rows = outputs.length / Math.max(this.width, 1);
    for (let r = 0; r < rows; r++) {
      const at = r * this.width;
      for (let c = 0; c < this.width; c++) {
        if (!this.numeric[c]) continue;
        const values = this.values.get(c);
        const value = outputs[at + c]!;
        out[at + c] = values
          ? nearest(values, value)
          : this.rounded(c, Math.min(this.high[c]!, Math.max(this.low[c]!, value)));
      }
      for (const [offset, width] of this.categories) {
        let best = offset;
        for (let i = offset + 1; i < offset + width; i++)
          if (outputs[at + i]! > outputs[at + best]!) best = i;
        out[at + best] = 1;
      }
      // A number drawn as missing is written as a gap, which the encoder reads back as its mean (0).
      for (const { value, flag } of this.gaps) if (out[at + flag + 1] === 1) out[at + value] = 0;
    }
    return out;
  }

  /**
   * `z` (column `c`, z-units) as the row decodes and encodes again: rounded like the source column. A
   * forest splits halfway between neighbouring real values, and a value rounded onto such a midpoint
   * (neighbours two grid steps apart) changed sides: the exported row then scored one tree's vote apart.
   */
  private rounded(c: number, z: number): number {
    const e = this.sources.get(c);
    if (!e || e.scaling.kind !== 'standard') return z;
    const { mean, std } = e.scaling;
    return (Number(formatNumber(z * std + mean, e.source)) - mean) / std;
  }

  /** Standard normal noise on every number column, zero on categories: the gradient-free policy's exploration. */
  gaussian(rows: number, rng: Rng): Float32Array {
    const out = new Float32Array(rows * this.width);
    for (let r = 0; r < rows; r++)
      for (let c = 0; c < this.width; c++)
        if (this.numeric[c])
          out[r * this.width + c] =
            Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
    return out;
  }
}

/** The value of `sorted` (ascending) nearest to `x`; `x` itself when there are none. */
function nearest(sorted: Float32Array, x: number): number {
  if (sorted.length === 0) return x;
  let low = 0;
  let high = sorted.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle]! < x) low = middle + 1;
    else high = middle;
  }
  // sorted[low] is the first value ≥ x (or the last value); the one before it may be nearer.
  return low > 0 && x - sorted[low - 1]! < sorted[low]! - x ? sorted[low - 1]! : sorted[low]!;
}

import type { EncodedRows } from '../encoding/encoder';
import type { RowDraw, RowSampler } from '../models/model';
import type { Rng } from '../rng';

/**
 * Poisson subsampling, the sampling the accountant's analysis assumes: each of `count` rows joins the
 * batch independently with probability `rate`, so batches vary in size around rate·count. The gaps
 * between chosen rows are geometric, so a draw costs about rate·count random numbers, not count.
 */
export function poissonSample(count: number, rate: number, rng: Rng): Int32Array {
  if (rate >= 1) return Int32Array.from({ length: count }, (_, i) => i);
  const chosen: number[] = [];
  if (rate <= 0) return new Int32Array(0);
  const logMiss = Math.log1p(-rate);
  // The next chosen row is `gap` rows on, P(gap = k) = (1 − q)^k q: ⌊log u / log(1 − q)⌋ with u in (0, 1].
  for (let row = Math.floor(Math.log(1 - rng.next()) / logMiss); row < count; ) {
    chosen.push(row);
    row += 1 + Math.floor(Math.log(1 - rng.next()) / logMiss);
  }
  return Int32Array.from(chosen);
}

/**
 * The row sampler of a private run: a Poisson sample at each step (the trainer's batch size is only
 * its expected size). `vectorWidth` zeros per row stand for a model's conditional vector (CTGAN's),
 * left empty under privacy: picking rows by their categories would read the data outside the accounting.
 */
export class PoissonRows implements RowSampler {
  constructor(
    private readonly count: number,
    private readonly rate: number,
    private readonly vectorWidth = 0,
  ) {}

  draw(_size: number, rng: Rng): RowDraw {
    const rows = poissonSample(this.count, this.rate, rng);
    return { rows, vectors: new Float32Array(rows.length * this.vectorWidth), width: this.vectorWidth };
  }
}

/**
 * Conditions (target values) for generated rows under privacy, drawn without looking at a step's
 * sample: a categorical target's one-hot by its class shares, a standardised numeric target from
 * N(0, 1). The class shares are read from the training rows once, without privacy cost; the page says
 * so, with the other statistics preprocessing reads (ranges, levels, mixture fits).
 */
export class ConditionPrior {
  /** Cumulative class shares, or null for a numeric target. */
  private readonly cumulative: Float64Array | null;

  constructor(
    rows: EncodedRows,
    private readonly width: number,
  ) {
    const oneHot = rows.conditions.every((v) => v === 0 || v === 1);
    if (!oneHot) {
      this.cumulative = null;
      return;
    }
    const counts = new Float64Array(width);
    rows.conditions.forEach((v, i) => (counts[i % width]! += v));
    let total = 0;
    this.cumulative = counts.map((c) => (total += c) / rows.count);
  }

  /** `size` conditions, row-major. */
  draw(size: number, rng: Rng): Float32Array {
    const out = new Float32Array(size * this.width);
    for (let i = 0; i < size; i++) {
      if (!this.cumulative) {
        out[i] = standardNormal(rng);
        continue;
      }
      const u = rng.next();
      let k = this.cumulative.findIndex((c) => u < c);
      if (k < 0) k = this.width - 1;
      out[i * this.width + k] = 1;
    }
    return out;
  }
}

function standardNormal(rng: Rng): number {
  // Box–Muller; 1 − u keeps the logarithm finite.
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}

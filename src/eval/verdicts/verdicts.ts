/**
 * Discriminator verdicts as plain arithmetic (no tfjs, so the page can use it too): which generated
 * rows "fooled" the discriminator, how scores are made comparable, and summaries of them.
 */

export type Verdict = 'fooled' | 'rejected';

/** The default threshold of the course assignment: a row passes when P(real) ≥ 0.5. */
export const DEFAULT_THRESHOLD = 0.5;

/** A row fools the discriminator when its score reaches the threshold (a tie passes). */
export function verdictOf(score: number, threshold: number): Verdict {
  return score >= threshold ? 'fooled' : 'rejected';
}

/** Indices of fooled and of rejected rows, in row order. */
export function splitVerdicts(
  scores: ArrayLike<number>,
  threshold: number,
): { fooled: number[]; rejected: number[] } {
  const fooled: number[] = [];
  const rejected: number[] = [];
  for (let i = 0; i < scores.length; i++) {
    (verdictOf(scores[i]!, threshold) === 'fooled' ? fooled : rejected).push(i);
  }
  return { fooled, rejected };
}

/**
 * A Wasserstein critic's score is not a probability and drifts in scale during training. It becomes
 * one in the same [0, 1] range by ranking it among real rows' scores at the same moment: the share of
 * real rows the critic rates lower (ties count half). So at threshold 0.5 a generated row "fools" the
 * critic when it is rated at least as real as the median real row.
 */
export function rankAmongReal(scores: ArrayLike<number>, realScores: ArrayLike<number>): Float32Array {
  const sorted = Float64Array.from(realScores).sort();
  const out = new Float32Array(scores.length);
  if (sorted.length === 0) return out;
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i]!;
    const below = lowerBound(sorted, s);
    const notAbove = upperBound(sorted, s);
    out[i] = (below + (notAbove - below) / 2) / sorted.length;
  }
  return out;
}

/** Counts of scores in `bins` equal bins over [0, 1]; a score of exactly 1 goes in the last bin. */
export function histogram(scores: ArrayLike<number>, bins: number): number[] {
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i]!;
    if (!Number.isFinite(s)) continue;
    const bin = Math.min(bins - 1, Math.max(0, Math.floor(s * bins)));
    counts[bin]!++;
  }
  return counts;
}

/** The mean of the values at `indices`, or null when there are none. */
export function meanAt(values: ArrayLike<number>, indices: readonly number[]): number | null {
  if (indices.length === 0) return null;
  let sum = 0;
  for (const i of indices) sum += values[i]!;
  return sum / indices.length;
}

function lowerBound(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function upperBound(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

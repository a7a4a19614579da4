/*
 * A 2-D principal-component projection of encoded rows, fitted once on the real rows so its axes stay
 * fixed while the generator's points move; its inverse takes a point of the plane back to a row (the
 * mean plus the point's coordinates along the two axes), which the discriminator can score.
 */

export interface Projection {
  /** Width of the rows it projects. */
  readonly width: number;
  readonly mean: Float32Array;
  /** The two unit axes, each `width` long, the first along the largest spread. */
  readonly axes: readonly [Float32Array, Float32Array];
  /** Share of the rows' total variance along each axis. */
  readonly explained: readonly [number, number];
}

const ITERATIONS = 200;

/** Fits the projection on `count` rows of `width` (row-major); power iteration on the covariance. */
export function fitProjection(rows: Float32Array, width: number, seed = 1): Projection {
  const count = rows.length / width;
  const mean = new Float32Array(width);
  for (let r = 0; r < count; r++) for (let j = 0; j < width; j++) mean[j]! += rows[r * width + j]! / count;
  // The covariance, in float64: width is tens to a few hundreds.
  const cov = new Float64Array(width * width);
  const centred = new Float64Array(width);
  for (let r = 0; r < count; r++) {
    for (let j = 0; j < width; j++) centred[j] = rows[r * width + j]! - mean[j]!;
    for (let i = 0; i < width; i++) {
      const ci = centred[i]!;
      if (ci === 0) continue;
      for (let j = i; j < width; j++) cov[i * width + j]! += ci * centred[j]!;
    }
  }
  for (let i = 0; i < width; i++)
    for (let j = i; j < width; j++) {
      const v = cov[i * width + j]! / Math.max(1, count - 1);
      cov[i * width + j] = v;
      cov[j * width + i] = v;
    }
  let total = 0;
  for (let i = 0; i < width; i++) total += cov[i * width + i]!;
  const first = leadingAxis(cov, width, [], seed);
  const second = leadingAxis(cov, width, [first.axis], seed + 1);
  const share = (value: number) => (total > 0 ? value / total : 0);
  return {
    width,
    mean,
    axes: [Float32Array.from(first.axis), Float32Array.from(second.axis)],
    explained: [share(first.value), share(second.value)],
  };
}

/** Each row's place on the plane: x then y per row. */
export function project(projection: Projection, rows: Float32Array): Float32Array {
  const { width, mean, axes } = projection;
  const count = rows.length / width;
  const out = new Float32Array(count * 2);
  for (let r = 0; r < count; r++) {
    let x = 0;
    let y = 0;
    for (let j = 0; j < width; j++) {
      const v = rows[r * width + j]! - mean[j]!;
      x += v * axes[0][j]!;
      y += v * axes[1][j]!;
    }
    out[2 * r] = x;
    out[2 * r + 1] = y;
  }
  return out;
}

/** The rows the plane's points stand for: the mean plus x and y along the axes (x then y per point). */
export function unproject(projection: Projection, points: Float32Array): Float32Array {
  const { width, mean, axes } = projection;
  const count = points.length / 2;
  const out = new Float32Array(count * width);
  for (let p = 0; p < count; p++) {
    const x = points[2 * p]!;
    const y = points[2 * p + 1]!;
    for (let j = 0; j < width; j++) out[p * width + j] = mean[j]! + x * axes[0][j]! + y * axes[1][j]!;
  }
  return out;
}

/** The covariance's leading eigenvector orthogonal to `others`, and its eigenvalue. */
function leadingAxis(
  cov: Float64Array,
  width: number,
  others: readonly Float64Array[],
  seed: number,
): { axis: Float64Array; value: number } {
  // A fixed, seeded start: the same rows give the same axes (and signs) every time.
  let v = Float64Array.from({ length: width }, (_, j) => Math.sin(seed * 12.9898 + j * 78.233) + 1.5);
  let value = 0;
  for (let it = 0; it < ITERATIONS; it++) {
    orthogonalise(v, others);
    const norm = Math.hypot(...v);
    if (norm === 0) break;
    for (let j = 0; j < width; j++) v[j]! /= norm;
    const next = new Float64Array(width);
    for (let i = 0; i < width; i++) {
      let sum = 0;
      for (let j = 0; j < width; j++) sum += cov[i * width + j]! * v[j]!;
      next[i] = sum;
    }
    value = next.reduce((s, x, j) => s + x * v[j]!, 0);
    v = next;
  }
  orthogonalise(v, others);
  const norm = Math.hypot(...v) || 1;
  const axis = v.map((x) => x / norm);
  // The sign: the axis's largest component is positive, so refits agree.
  let largest = 0;
  for (let j = 1; j < width; j++) if (Math.abs(axis[j]!) > Math.abs(axis[largest]!)) largest = j;
  if (axis[largest]! < 0) for (let j = 0; j < width; j++) axis[j] = -axis[j]!;
  return { axis, value };
}

function orthogonalise(v: Float64Array, others: readonly Float64Array[]): void {
  for (const o of others) {
    const dot = v.reduce((s, x, j) => s + x * o[j]!, 0);
    for (let j = 0; j < v.length; j++) v[j]! -= dot * o[j]!;
  }
}

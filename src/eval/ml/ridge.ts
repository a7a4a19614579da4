import type { Matrix } from './types';

/**
 * Ridge regression in closed form: w = (XcᵀXc + λI)⁻¹ Xcᵀ(y − ȳ) on centred features, intercept ȳ − x̄·w.
 * Exact and deterministic; the encoded tables have at most a few hundred features, so the d×d solve is cheap.
 */
export interface RidgeModel {
  weights: Float64Array;
  intercept: number;
}

export function trainRidge(x: Matrix, y: ArrayLike<number>, lambda: number): RidgeModel {
  const { rows: n, cols: d, data } = x;
  const means = new Float64Array(d);
  let yMean = 0;
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < d; c++) means[c]! += data[r * d + c]! / n;
    yMean += y[r]! / n;
  }
  const gram = new Float64Array(d * d);
  const xty = new Float64Array(d);
  const centred = new Float64Array(d);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < d; c++) centred[c] = data[r * d + c]! - means[c]!;
    const yc = y[r]! - yMean;
    for (let a = 0; a < d; a++) {
      const va = centred[a]!;
      if (va === 0) continue;
      xty[a]! += va * yc;
      for (let b = a; b < d; b++) gram[a * d + b]! += va * centred[b]!;
    }
  }
  for (let a = 0; a < d; a++) {
    gram[a * d + a]! += lambda;
    for (let b = 0; b < a; b++) gram[a * d + b] = gram[b * d + a]!;
  }
  const weights = solveSymmetric(gram, xty, d);
  let intercept = yMean;
  for (let c = 0; c < d; c++) intercept -= means[c]! * weights[c]!;
  return { weights, intercept };
}

export function predictRidge(model: RidgeModel, x: Matrix): Float64Array {
  const out = new Float64Array(x.rows);
  for (let r = 0; r < x.rows; r++) {
    let sum = model.intercept;
    for (let c = 0; c < x.cols; c++) sum += x.data[r * x.cols + c]! * model.weights[c]!;
    out[r] = sum;
  }
  return out;
}

/** Solves A·w = b for a symmetric positive definite A (d×d, row-major) by Cholesky. */
function solveSymmetric(a: Float64Array, b: Float64Array, d: number): Float64Array {
  const l = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * d + j]!;
      for (let k = 0; k < j; k++) sum -= l[i * d + k]! * l[j * d + k]!;
      // λ > 0 keeps the diagonal positive; the floor only guards against rounding.
      l[i * d + j] = i === j ? Math.sqrt(Math.max(sum, 1e-12)) : sum / l[j * d + j]!;
    }
  }
  const z = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    let sum = b[i]!;
    for (let k = 0; k < i; k++) sum -= l[i * d + k]! * z[k]!;
    z[i] = sum / l[i * d + i]!;
  }
  const w = new Float64Array(d);
  for (let i = d - 1; i >= 0; i--) {
    let sum = z[i]!;
    for (let k = i + 1; k < d; k++) sum -= l[k * d + i]! * w[k]!;
    w[i] = sum / l[i * d + i]!;
  }
  return w;
}

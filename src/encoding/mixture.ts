import { createRng, type Rng } from '../rng';

/**
 * A one-dimensional Gaussian mixture fitted by variational Bayes with a truncated Dirichlet-process
 * prior on the weights: the method of scikit-learn's BayesianGaussianMixture as CTGAN configures it
 * (10 components, weight concentration 0.001, mean precision 1, one degree of freedom, the data's
 * variance as the covariance prior). Variational inference, not plain EM, because the sparse
 * Dirichlet-process prior drains the weight of components the data does not need, so a column gets
 * as many modes as it has (an age column two or three, a spike at zero one), and components whose
 * weight ends below 0.005 are dropped, as CTGAN does.
 */

export interface MixtureMode {
  weight: number;
  mean: number;
  std: number;
}

export interface MixtureOptions {
  maxModes: number;
  /** Modes lighter than this are dropped after fitting. */
  minWeight: number;
  /** Larger columns are fitted on a seeded random subsample of this many values: the modes of a
   * one-dimensional column are clear long before 10,000 values, and fitting stays well under a second. */
  maxSample: number;
  maxIterations: number;
}

export const MIXTURE_DEFAULTS: MixtureOptions = {
  maxModes: 10,
  minWeight: 0.005,
  maxSample: 10_000,
  maxIterations: 100,
};

const WEIGHT_CONCENTRATION = 0.001;
const MEAN_PRECISION_PRIOR = 1;
const DOF_PRIOR = 1;
/** Keeps a component that sits on a single repeated value (a spike) from collapsing to zero width. */
const RELATIVE_VARIANCE_FLOOR = 1e-6;
const TOLERANCE = 1e-4;

/** Fits the modes of `values` (no missing values). Returns them sorted by mean, weights summing to 1. */
export function fitMixture(
  values: ArrayLike<number>,
  seed: number,
  options: MixtureOptions = MIXTURE_DEFAULTS,
): MixtureMode[] {
  const rng = createRng(seed);
  const x = subsample(values, options.maxSample, rng);
  const n = x.length;
  if (n === 0) return [{ weight: 1, mean: 0, std: 1 }];
  let mean = 0;
  for (const v of x) mean += v;
  mean /= n;
  let variance = 0;
  for (const v of x) variance += (v - mean) ** 2;
  variance /= n;
  if (!(variance > 0)) return [{ weight: 1, mean, std: Math.abs(mean) * 1e-3 || 1 }];
  const floor = variance * RELATIVE_VARIANCE_FLOOR;
  const K = Math.min(options.maxModes, n);

  // Responsibilities start from a seeded k-means (k-means++ seeding, a few Lloyd rounds).
  let resp = kmeansResponsibilities(x, K, rng);
  let prevWeights: Float64Array = new Float64Array(K);
  let q = updateParameters(x, resp, K, mean, variance, floor);
  for (let iter = 0; iter < options.maxIterations; iter++) {
    resp = responsibilities(x, q);
    q = updateParameters(x, resp, K, mean, variance, floor);
    const weights = expectedWeights(q);
    let change = 0;
    for (let k = 0; k < K; k++) change = Math.max(change, Math.abs(weights[k]! - prevWeights[k]!));
    prevWeights = weights;
    if (change < TOLERANCE) break;
  }

  const weights = expectedWeights(q);
  const modes: MixtureMode[] = [];
  for (let k = 0; k < K; k++) {
    if (weights[k]! < options.minWeight) continue;
    modes.push({ weight: weights[k]!, mean: q.m[k]!, std: Math.sqrt(q.cov[k]!) });
  }
  if (modes.length === 0) return [{ weight: 1, mean, std: Math.sqrt(variance) }];
  const total = modes.reduce((s, m) => s + m.weight, 0);
  for (const m of modes) m.weight /= total;
  return modes.sort((a, b) => a.mean - b.mean);
}

/** Posterior probability of each mode for value `x`, written into `out`. */
export function modePosterior(modes: readonly MixtureMode[], x: number, out: Float64Array): void {
  let best = -Infinity;
  for (let k = 0; k < modes.length; k++) {
    const m = modes[k]!;
    const z = (x - m.mean) / m.std;
    out[k] = Math.log(m.weight) - Math.log(m.std) - 0.5 * z * z;
    if (out[k]! > best) best = out[k]!;
  }
  let sum = 0;
  for (let k = 0; k < modes.length; k++) {
    out[k] = Math.exp(out[k]! - best);
    sum += out[k]!;
  }
  for (let k = 0; k < modes.length; k++) out[k]! /= sum;
}

/** Variational posterior parameters of each component (Bishop, ch. 10.2, in one dimension). */
interface Posterior {
  /** Stick-breaking Beta parameters of the weights. */
  alpha1: Float64Array;
  alpha2: Float64Array;
  beta: Float64Array;
  m: Float64Array;
  dof: Float64Array;
  /** Expected covariance (scale over degrees of freedom), as scikit-learn stores it. */
  cov: Float64Array;
}

function updateParameters(
  x: Float64Array,
  resp: Float64Array,
  K: number,
  mean0: number,
  covPrior: number,
  floor: number,
): Posterior {
  const n = x.length;
  const nk = new Float64Array(K);
  const xbar = new Float64Array(K);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < K; k++) {
      const r = resp[i * K + k]!;
      nk[k]! += r;
      xbar[k]! += r * x[i]!;
    }
  }
  for (let k = 0; k < K; k++) {
    nk[k]! += 1e-10;
    xbar[k]! /= nk[k]!;
  }
  const sk = new Float64Array(K);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < K; k++) sk[k]! += resp[i * K + k]! * (x[i]! - xbar[k]!) ** 2;
  }
  const q: Posterior = {
    alpha1: new Float64Array(K),
    alpha2: new Float64Array(K),
    beta: new Float64Array(K),
    m: new Float64Array(K),
    dof: new Float64Array(K),
    cov: new Float64Array(K),
  };
  let tail = 0;
  for (let k = K - 1; k >= 0; k--) {
    q.alpha1[k] = 1 + nk[k]!;
    q.alpha2[k] = WEIGHT_CONCENTRATION + tail;
    tail += nk[k]!;
  }
  for (let k = 0; k < K; k++) {
    const s = sk[k]! / nk[k]! + floor;
    q.beta[k] = MEAN_PRECISION_PRIOR + nk[k]!;
    q.m[k] = (MEAN_PRECISION_PRIOR * mean0 + nk[k]! * xbar[k]!) / q.beta[k]!;
    q.dof[k] = DOF_PRIOR + nk[k]!;
    const spread =
      covPrior + nk[k]! * s + ((nk[k]! * MEAN_PRECISION_PRIOR) / q.beta[k]!) * (xbar[k]! - mean0) ** 2;
    q.cov[k] = spread / q.dof[k]!;
  }
  return q;
}

/** E-step: expected log weights plus expected log likelihoods, normalised per value. */
function responsibilities(x: Float64Array, q: Posterior): Float64Array {
  const K = q.m.length;
  const constant = new Float64Array(K);
  let stick = 0;
  for (let k = 0; k < K; k++) {
    const total = digamma(q.alpha1[k]! + q.alpha2[k]!);
    const logWeight = digamma(q.alpha1[k]!) - total + stick;
    stick += digamma(q.alpha2[k]!) - total;
    const precision = 1 / q.cov[k]!;
    constant[k] =
      logWeight +
      0.5 * Math.log(precision) -
      0.5 * Math.log(2 * Math.PI) -
      0.5 * Math.log(q.dof[k]!) +
      0.5 * (Math.LN2 + digamma(q.dof[k]! / 2) - 1 / q.beta[k]!);
  }
  const precision = q.cov.map((c) => 1 / c);
  const resp = new Float64Array(x.length * K);
  for (let i = 0; i < x.length; i++) {
    let best = -Infinity;
    const base = i * K;
    for (let k = 0; k < K; k++) {
      const v = constant[k]! - 0.5 * precision[k]! * (x[i]! - q.m[k]!) ** 2;
      resp[base + k] = v;
      if (v > best) best = v;
    }
    let sum = 0;
    for (let k = 0; k < K; k++) {
      const e = Math.exp(resp[base + k]! - best);
      resp[base + k] = e;
      sum += e;
    }
    for (let k = 0; k < K; k++) resp[base + k]! /= sum;
  }
  return resp;
}

/** Expected stick-breaking weights. */
function expectedWeights(q: Posterior): Float64Array {
  const K = q.m.length;
  const w = new Float64Array(K);
  let remaining = 1;
  for (let k = 0; k < K; k++) {
    const total = q.alpha1[k]! + q.alpha2[k]!;
    w[k] = (q.alpha1[k]! / total) * remaining;
    remaining *= q.alpha2[k]! / total;
  }
  const sum = w.reduce((s, v) => s + v, 0);
  return w.map((v) => v / sum);
}

function kmeansResponsibilities(x: Float64Array, K: number, rng: Rng): Float64Array {
  const n = x.length;
  const centers = new Float64Array(K);
  centers[0] = x[rng.int(n)]!;
  const dist = new Float64Array(n).fill(Infinity);
  for (let k = 1; k < K; k++) {
    let total = 0;
    for (let i = 0; i < n; i++) {
      dist[i] = Math.min(dist[i]!, (x[i]! - centers[k - 1]!) ** 2);
      total += dist[i]!;
    }
    // Every value already sits on a center (few distinct values): extra centers duplicate one.
    let pick = rng.next() * total;
    let chosen = n - 1;
    for (let i = 0; i < n && total > 0; i++) {
      pick -= dist[i]!;
      if (pick <= 0) {
        chosen = i;
        break;
      }
    }
    centers[k] = x[chosen]!;
  }
  const label = new Int32Array(n);
  for (let round = 0; round < 10; round++) {
    const sum = new Float64Array(K);
    const count = new Float64Array(K);
    for (let i = 0; i < n; i++) {
      let best = 0;
      for (let k = 1; k < K; k++) {
        if (Math.abs(x[i]! - centers[k]!) < Math.abs(x[i]! - centers[best]!)) best = k;
      }
      label[i] = best;
      sum[best]! += x[i]!;
      count[best]!++;
    }
    for (let k = 0; k < K; k++) if (count[k]! > 0) centers[k] = sum[k]! / count[k]!;
  }
  const resp = new Float64Array(n * K);
  for (let i = 0; i < n; i++) resp[i * K + label[i]!] = 1;
  return resp;
}

function subsample(values: ArrayLike<number>, max: number, rng: Rng): Float64Array {
  const n = values.length;
  if (n <= max) return Float64Array.from(values);
  const out = new Float64Array(max);
  for (let i = 0; i < max; i++) out[i] = values[rng.int(n)]!;
  return out;
}

/** ψ(x) for x > 0: recurrence up to 6, then the asymptotic series. */
function digamma(x: number): number {
  let result = 0;
  while (x < 6) {
    result -= 1 / x;
    x += 1;
  }
  const f = 1 / (x * x);
  return (
    result + Math.log(x) - 0.5 / x - f * (1 / 12 - f * (1 / 120 - f * (1 / 252 - f * (1 / 240 - f / 132))))
  );
}

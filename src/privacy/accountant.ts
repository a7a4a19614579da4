/**
 * The privacy accountant: how much (ε, δ)-differential privacy DP-SGD has spent.
 *
 * Each step of DP-SGD is the sampled Gaussian mechanism: every training row joins the batch
 * independently with probability q (Poisson subsampling), each row's gradient is clipped to norm C,
 * and Gaussian noise of standard deviation σ·C is added to their sum. Its Rényi differential privacy
 * (RDP) at order α is computed as Mironov, Talwar and Zhang (2019, "Rényi Differential Privacy of the
 * Sampled Gaussian Mechanism", section 3.3) do, in log space, with the integer-order and
 * fractional-order formulas that TensorFlow Privacy's and Opacus's RDP accountants use. RDP composes by
 * adding over steps; the total converts to (ε, δ) by Balle et al. (2020, "Hypothesis testing
 * interpretations and Rényi differential privacy", Theorem 21), the tighter conversion Opacus and
 * TensorFlow Privacy use: ε = RDP(α) + log((α − 1)/α) − (log δ + log α)/(α − 1), minimised over the
 * orders α. Written from the papers; the tests check it against both libraries' published figures.
 */

/** The orders α tried, as Opacus's RDPAccountant.DEFAULT_ALPHAS and TensorFlow Privacy's tutorials. */
export const ORDERS: readonly number[] = [
  ...Array.from({ length: 99 }, (_, x) => 1 + (x + 1) / 10),
  ...Array.from({ length: 52 }, (_, x) => 12 + x),
];

/** What one accounting needs: sampling rate q, noise multiplier σ and the number of steps. */
export interface SampledGaussian {
  samplingRate: number;
  noiseMultiplier: number;
  steps: number;
}

/** RDP of one step of the sampled Gaussian mechanism at order α (> 1); Infinity when σ = 0. */
export function stepRdp(samplingRate: number, noiseMultiplier: number, order: number): number {
  const q = samplingRate;
  const sigma = noiseMultiplier;
  if (q === 0) return 0;
  if (sigma === 0 || !Number.isFinite(order)) return Infinity;
  // Without subsampling it is the Gaussian mechanism's α / (2σ²).
  if (q === 1) return order / (2 * sigma * sigma);
  const logA = Number.isInteger(order)
    ? logAIntegerOrder(q, sigma, order)
    : logAFractionalOrder(q, sigma, order);
  return logA / (order - 1);
}

/** RDP of `steps` steps at each order (composition adds RDP). */
export function rdp(mechanism: SampledGaussian, orders: readonly number[] = ORDERS): number[] {
  return orders.map(
    (order) => mechanism.steps * stepRdp(mechanism.samplingRate, mechanism.noiseMultiplier, order),
  );
}

/** The smallest ε over the orders for which RDP values `rdp` give (ε, δ)-DP, and that order. */
export function epsilonFromRdp(
  rdpValues: readonly number[],
  delta: number,
  orders: readonly number[] = ORDERS,
): { epsilon: number; order: number } {
  let best = { epsilon: Infinity, order: NaN };
  orders.forEach((order, i) => {
    const epsilon =
      rdpValues[i]! + Math.log((order - 1) / order) - (Math.log(delta) + Math.log(order)) / (order - 1);
    if (epsilon < best.epsilon) best = { epsilon, order };
  });
  // A guarantee cannot be better than ε = 0 (the conversion can dip below it when almost nothing was spent).
  return { epsilon: Math.max(0, best.epsilon), order: best.order };
}

/** ε spent after `steps` steps, at δ. */
export function epsilon(mechanism: SampledGaussian, delta: number): number {
  return epsilonFromRdp(rdp(mechanism), delta).epsilon;
}

/**
 * ε after each number of steps for one fixed (q, σ): the per-step RDP is computed once, so a live
 * chart can ask for ε at every step cheaply.
 */
export function epsilonCurve(
  samplingRate: number,
  noiseMultiplier: number,
  delta: number,
): (steps: number) => number {
  const perStep = ORDERS.map((order) => stepRdp(samplingRate, noiseMultiplier, order));
  return (steps) =>
    steps <= 0
      ? 0
      : epsilonFromRdp(
          perStep.map((r) => r * steps),
          delta,
        ).epsilon;
}

/**
 * The noise multiplier σ that spends at most `targetEpsilon` in `steps` steps, by the search Opacus's
 * get_noise_multiplier makes (double σ until ε fits, then bisect until ε is within `tolerance` of the
 * target), so both give the same σ. Throws when even σ = 10⁶ does not fit.
 */
export function noiseMultiplierFor(
  target: { epsilon: number; delta: number },
  samplingRate: number,
  steps: number,
  tolerance = 0.01,
): number {
  const spent = (sigma: number) => epsilon({ samplingRate, noiseMultiplier: sigma, steps }, target.delta);
  let low = 0;
  let high = 10;
  let epsilonHigh = Infinity;
  while (epsilonHigh > target.epsilon) {
    high *= 2;
    epsilonHigh = spent(high);
    if (high > 1e6) throw new Error(`No noise multiplier up to 10⁶ reaches ε = ${target.epsilon}.`);
  }
  while (target.epsilon - epsilonHigh > tolerance) {
    const sigma = (low + high) / 2;
    const e = spent(sigma);
    if (e < target.epsilon) {
      high = sigma;
      epsilonHigh = e;
    } else low = sigma;
  }
  return high;
}

/**
 * A δ below 1/rows, as the guarantee needs (a δ of 1/rows would allow publishing one row whole): the
 * largest power of ten strictly below it, e.g. 10⁻⁵ for Adult's 26,000 training rows.
 */
export function defaultDelta(rows: number): number {
  const exponent = Math.floor(Math.log10(Math.max(rows, 1))) + 1;
  return 1 / 10 ** exponent;
}

// --- log A_α, Mironov, Talwar and Zhang (2019), section 3.3 ---

/** log(e^x + e^y) without overflow. */
function logAdd(x: number, y: number): number {
  const [a, b] = x < y ? [x, y] : [y, x];
  if (a === -Infinity) return b;
  return Math.log1p(Math.exp(a - b)) + b;
}

/** log(e^x − e^y) for x ≥ y. */
function logSub(x: number, y: number): number {
  if (x < y) throw new Error('logSub: the result would be negative.');
  if (y === -Infinity) return x;
  if (x === y) return -Infinity;
  const d = Math.expm1(x - y);
  return Number.isFinite(d) ? Math.log(d) + y : x;
}

/** A_α = Σ_i C(α, i) q^i (1 − q)^(α−i) exp((i² − i) / 2σ²), for a whole α. */
function logAIntegerOrder(q: number, sigma: number, alpha: number): number {
  let logA = -Infinity;
  let logBinomial = 0;
  for (let i = 0; i <= alpha; i++) {
    if (i > 0) logBinomial += Math.log((alpha - i + 1) / i);
    const term =
      logBinomial + i * Math.log(q) + (alpha - i) * Math.log1p(-q) + (i * i - i) / (2 * sigma * sigma);
    logA = logAdd(logA, term);
  }
  return logA;
}

/**
 * A_α for a fractional α: the integral split at z₀ = σ² log(1/q − 1) + ½ into two series with
 * generalised binomial coefficients (which alternate in sign past i > α), summed until their terms
 * fall below e⁻³⁰.
 */
function logAFractionalOrder(q: number, sigma: number, alpha: number): number {
  let logA0 = -Infinity;
  let logA1 = -Infinity;
  const z0 = sigma * sigma * Math.log(1 / q - 1) + 0.5;
  let logBinomial = 0; // log |C(α, i)|
  let positive = true; // the sign of C(α, i)
  for (let i = 0; ; i++) {
    if (i > 0) {
      const factor = (alpha - i + 1) / i;
      logBinomial += Math.log(Math.abs(factor));
      if (factor < 0) positive = !positive;
    }
    const j = alpha - i;
    const logT0 = logBinomial + i * Math.log(q) + j * Math.log1p(-q);
    const logT1 = logBinomial + j * Math.log(q) + i * Math.log1p(-q);
    const logE0 = Math.log(0.5) + logErfc((i - z0) / (Math.SQRT2 * sigma));
    const logE1 = Math.log(0.5) + logErfc((z0 - j) / (Math.SQRT2 * sigma));
    const logS0 = logT0 + (i * i - i) / (2 * sigma * sigma) + logE0;
    const logS1 = logT1 + (j * j - j) / (2 * sigma * sigma) + logE1;
    if (positive) {
      logA0 = logAdd(logA0, logS0);
      logA1 = logAdd(logA1, logS1);
    } else {
      logA0 = logSub(logA0, logS0);
      logA1 = logSub(logA1, logS1);
    }
    if (Math.max(logS0, logS1) < -30) break;
  }
  return logAdd(logA0, logA1);
}

const LOG_SQRT_PI = 0.5 * Math.log(Math.PI);

/**
 * log erfc(x), accurate where erfc underflows (x up to hundreds): a power series for erf below 2, and
 * above it the continued fraction erfc(x) = e^(−x²)/√π · 1/(x + ½/(x + 1/(x + 3/2/(x + …)))), kept in
 * log space.
 */
export function logErfc(x: number): number {
  if (x < 0) return Math.log(2 - Math.exp(logErfc(-x)));
  if (x < 2) return Math.log1p(-erfSeries(x));
  return -x * x - LOG_SQRT_PI - Math.log(continuedFraction(x));
}

/** erf(x) = (2/√π) e^(−x²) Σ 2ⁿ x^(2n+1) / (1·3·…·(2n+1)): every term positive, so nothing cancels. */
function erfSeries(x: number): number {
  let term = x;
  let sum = x;
  for (let n = 1; term > 1e-17 * sum; n++) {
    term *= (2 * x * x) / (2 * n + 1);
    sum += term;
  }
  return (2 / Math.sqrt(Math.PI)) * Math.exp(-x * x) * sum;
}

/** x + ½/(x + 1/(x + 3/2/(x + …))) by Lentz's method. */
function continuedFraction(x: number): number {
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 10_000; k++) {
    const a = k / 2;
    d = x + a * d;
    d = 1 / (Math.abs(d) < tiny ? tiny : d);
    c = x + a / c;
    if (Math.abs(c) < tiny) c = tiny;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return f;
}

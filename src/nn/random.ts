import * as tf from './tf';
import { DROPOUT_MASKS_KERNEL, GUMBEL_NOISE_KERNEL, MULBERRY_STEP } from './randomKernels';

/*
 * Seeded random tensors for the training loop (generator noise, dropout masks), drawn in bulk.
 * tfjs's own tf.randomNormal / tf.dropout draw every number through seedrandom's alea behind a
 * per-number method call, plus three kernels to turn uniforms into a dropout mask: on the wasm
 * backend that was a large part of a step's time (a 500 × 256 mask cost ~10 ms). Here a small
 * counter-based generator (mulberry32) fills a typed array in a tight loop, and the mask is built
 * directly. Streams are as reproducible as before (the same seed gives the same numbers) but are not
 * the numbers tfjs would have drawn.
 */

const TWO_POW_32 = 4294967296;
/** mulberry32's counter step. */
const STEP = MULBERRY_STEP;

/** mulberry32's output for one value of its counter: 32 random bits, as an unsigned integer. */
function mix(state: number): number {
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return (t ^ (t >>> 14)) >>> 0;
}

/** Fills `out` with uniform numbers in [0, 1) from `seed`. */
function fillUniform<T extends Float32Array | Float64Array>(out: T, seed: number): T {
  let state = seed | 0;
  for (let i = 0; i < out.length; i++) {
    state = (state + STEP) | 0;
    out[i] = mix(state) / TWO_POW_32;
  }
  return out;
}

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

let scratch = new Float32Array(0);

/**
 * An array to fill with a new tensor's values. The wasm backend copies the values into its heap as the
 * tensor is made, so one scratch array serves every call there: a CTGAN-sized step draws ~5.6 MB of
 * masks and noise, and garbage collection had cost ~4 ms of CPU a step. Other backends keep the
 * array itself (cpu) or upload it later (webgl, webgpu), so they get a fresh one.
 */
function valuesArray(n: number): Float32Array {
  if (tf.getBackend() !== 'wasm') return new Float32Array(n);
  if (scratch.length < n) scratch = new Float32Array(n);
  return scratch.subarray(0, n);
}

/**
 * Standard normal numbers by Marsaglia's polar method: a point (u, v) uniform in the unit disc gives
 * two independent normals, u·f and v·f with f = √(−2 ln s / s), s = u² + v². One logarithm and one
 * square root a pair and no trigonometry: 1.6 times faster than Box–Muller, which had been 4 ms of
 * a CTGAN-sized step. About 21% of points fall outside the disc and are drawn again; s = 0 is too,
 * so every number is finite.
 */
export function randomNormal(shape: number[], seed: number): tf.Tensor {
  const n = size(shape);
  const out = valuesArray(n);
  let state = seed | 0;
  for (let i = 0; i < n; ) {
    state = (state + STEP) | 0;
    const u = (2 * mix(state)) / TWO_POW_32 - 1;
    state = (state + STEP) | 0;
    const v = (2 * mix(state)) / TWO_POW_32 - 1;
    const s = u * u + v * v;
    if (s >= 1 || s === 0) continue;
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    out[i++] = u * f;
    if (i < n) out[i++] = v * f;
  }
  return tf.tensor(out, shape);
}

/** Uniform numbers in [low, high). */
export function randomUniform(shape: number[], low: number, high: number, seed: number): tf.Tensor {
  const out = fillUniform(new Float32Array(size(shape)), seed);
  for (let i = 0; i < out.length; i++) out[i] = low + (high - low) * out[i]!;
  return tf.tensor(out, shape);
}

/**
 * Gumbel(0, 1) noise, −log(−log u), for the Gumbel-softmax. u is a draw's top 23 bits taken from the
 * middle of their bucket, exact in float32 (as the wasm kernel computes it) and strictly inside
 * (0, 1), so every value is finite (between about −2.8 and 16.6).
 */
export function gumbelNoise(shape: number[], seed: number): tf.Tensor {
  // On wasm a SIMD kernel draws the same u into the heap, its logarithm a float32 polynomial.
  if (tf.getKernel(GUMBEL_NOISE_KERNEL, tf.getBackend())) {
    const attrs: GumbelNoiseAttrs = { shape, seed };
    return tf.engine().runKernel(GUMBEL_NOISE_KERNEL, {}, attrs as never) as tf.Tensor;
  }
  return tf.tensor(fillGumbel(valuesArray(size(shape)), seed, 0), shape);
}

export interface GumbelNoiseAttrs {
  shape: number[];
  seed: number;
}

/** Writes Gumbel noise into `out` from number `first` on (those before, the SIMD kernel's on wasm). */
export function fillGumbel(out: Float32Array, seed: number, first: number): Float32Array {
  let state = (seed + Math.imul(first, STEP)) | 0;
  for (let i = first; i < out.length; i++) {
    state = (state + STEP) | 0;
    out[i] = -Math.log(-Math.log(((mix(state) >>> 9) + 0.5) / 2 ** 23));
  }
  return out;
}

/**
 * Inverted dropout's multiplier: 0 with probability `rate`, else 1 / (1 − rate), so activations keep
 * their expected value (as tf.dropout does). Multiplying by a constant keeps higher-order gradients.
 * Each 32-bit draw decides two units by its 16-bit halves, without a branch: a CTGAN-sized step
 * builds 1.3 million of these, and the comparison with a float per unit had cost ~5 ms of it. So the
 * rate is rounded to a multiple of 1/65,536.
 */
export function dropoutMask(shape: number[], rate: number, seed: number): tf.Tensor {
  return stackedDropoutMasks(shape, rate, [seed]);
}

/**
 * The masks of several seeds stacked along the first axis, as one tensor: the same numbers as
 * concatenating dropoutMask(shape, rate, seed) for each seed, without the copies.
 */
export function stackedDropoutMasks(shape: number[], rate: number, seeds: number[]): tf.Tensor {
  // On wasm a SIMD kernel draws the same numbers into the heap (randomKernels.ts).
  if (tf.getKernel(DROPOUT_MASKS_KERNEL, tf.getBackend())) {
    const attrs: DropoutMasksAttrs = { shape, rate, seeds };
    return tf.engine().runKernel(DROPOUT_MASKS_KERNEL, {}, attrs as never) as tf.Tensor;
  }
  const n = size(shape);
  const mask = valuesArray(n * seeds.length);
  seeds.forEach((seed, k) => fillMask(mask, k * n, n, seed, 0, rate));
  return tf.tensor(mask, [shape[0]! * seeds.length, ...shape.slice(1)]);
}

export interface DropoutMasksAttrs {
  shape: number[];
  rate: number;
  seeds: number[];
}

/** The 16-bit threshold a draw's half must reach to keep its unit, and a kept unit's value. */
export function maskConstants(rate: number): { threshold: number; kept: number } {
  return { threshold: Math.round(rate * 65536), kept: Math.fround(1 / (1 - rate)) };
}

/**
 * Writes one seed's mask of n units at `at`, from unit 2·firstDraw on (the units before it written
 * already, by the SIMD kernel on wasm).
 */
export function fillMask(
  mask: Float32Array,
  at: number,
  n: number,
  seed: number,
  firstDraw: number,
  rate: number,
): void {
  const { threshold, kept } = maskConstants(rate);
  // 1 when a 16-bit draw is at least the threshold, 0 below it: the sign bit of their difference.
  const keeps = (bits: number) => ((bits - threshold) >>> 31) ^ 1;
  let state = (seed + Math.imul(firstDraw, STEP)) | 0;
  for (let i = 2 * firstDraw; i < n; i += 2) {
    state = (state + STEP) | 0;
    const bits = mix(state);
    mask[at + i] = keeps(bits & 0xffff) * kept;
    if (i + 1 < n) mask[at + i + 1] = keeps(bits >>> 16) * kept;
  }
}

import * as tf from './tf';

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

/** Fills `out` with uniform numbers in [0, 1) from `seed`. */
function fillUniform<T extends Float32Array | Float64Array>(out: T, seed: number): T {
  let state = seed | 0;
  for (let i = 0; i < out.length; i++) {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    out[i] = ((t ^ (t >>> 14)) >>> 0) / TWO_POW_32;
  }
  return out;
}

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

/** Standard normal numbers (Box–Muller on pairs of uniforms). */
export function randomNormal(shape: number[], seed: number): tf.Tensor {
  const n = size(shape);
  // Float64: in float32 the largest uniforms round up to exactly 1, and log(1 − 1) is −∞ (a NaN loss
  // about once in 16,000 steps of 4,096 noise numbers).
  const uniform = fillUniform(new Float64Array(n + (n % 2)), seed);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i += 2) {
    // 1 − u lies in (0, 1]: the logarithm stays finite.
    const radius = Math.sqrt(-2 * Math.log(1 - uniform[i]!));
    const angle = 2 * Math.PI * uniform[i + 1]!;
    out[i] = radius * Math.cos(angle);
    if (i + 1 < n) out[i + 1] = radius * Math.sin(angle);
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
 * Gumbel(0, 1) noise, −log(−log u), for the Gumbel-softmax. u is taken from the middle of its 2⁻³²
 * bucket, strictly inside (0, 1), so every value is finite (between about −3.1 and 22.9).
 */
export function gumbelNoise(shape: number[], seed: number): tf.Tensor {
  const uniform = fillUniform(new Float64Array(size(shape)), seed);
  const out = new Float32Array(uniform.length);
  const halfBucket = 0.5 / TWO_POW_32;
  for (let i = 0; i < out.length; i++) out[i] = -Math.log(-Math.log(uniform[i]! + halfBucket));
  return tf.tensor(out, shape);
}

/**
 * Inverted dropout's multiplier: 0 with probability `rate`, else 1 / (1 − rate), so activations keep
 * their expected value (as tf.dropout does). Multiplying by a constant keeps higher-order gradients.
 */
export function dropoutMask(shape: number[], rate: number, seed: number): tf.Tensor {
  const mask = fillUniform(new Float32Array(size(shape)), seed);
  const kept = 1 / (1 - rate);
  for (let i = 0; i < mask.length; i++) mask[i] = mask[i]! < rate ? 0 : kept;
  return tf.tensor(mask, shape);
}

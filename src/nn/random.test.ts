import * as tf from './tf';
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../worker/nodeBackends';
import { DROPOUT_MASKS_KERNEL, GUMBEL_NOISE_KERNEL } from './randomKernels';
import {
  dropoutMask,
  fillGumbel,
  fillMask,
  gumbelNoise,
  randomNormal,
  randomUniform,
  stackedDropoutMasks,
} from './random';

beforeAll(async () => {
  await useNodeBackend('wasm');
});

const values = (t: tf.Tensor) => {
  const data = Array.from(t.dataSync());
  t.dispose();
  return data;
};
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

describe('random tensors', () => {
  it('draws standard normal numbers, the same for the same seed', () => {
    const xs = values(randomNormal([301, 333], 7));
    expect(xs).toHaveLength(301 * 333);
    const m = mean(xs);
    const sd = Math.sqrt(mean(xs.map((x) => (x - m) ** 2)));
    expect(Math.abs(m)).toBeLessThan(0.01);
    expect(Math.abs(sd - 1)).toBeLessThan(0.01);
    // About 4.6% of a normal sample lies beyond ±2.
    expect(Math.abs(xs.filter((x) => Math.abs(x) > 2).length / xs.length - 0.0455)).toBeLessThan(0.003);
    expect(values(randomNormal([5, 3], 7))).toEqual(values(randomNormal([5, 3], 7)));
    expect(values(randomNormal([5, 3], 7))).not.toEqual(values(randomNormal([5, 3], 8)));
  });

  it('draws the tails of a normal, finite everywhere', () => {
    const xs = values(randomNormal([2_000_001], 3));
    expect(xs.every(Number.isFinite)).toBe(true);
    // P(|x| > 3) = 0.0027 and P(|x| > 4) = 6.3e-5: 5,400 and 127 of these draws.
    expect(xs.filter((x) => Math.abs(x) > 3).length / xs.length).toBeCloseTo(0.0027, 3);
    const beyondFour = xs.filter((x) => Math.abs(x) > 4).length;
    expect(beyondFour).toBeGreaterThan(90);
    expect(beyondFour).toBeLessThan(170);
  });

  it('drops about `rate` of the units and scales the rest to keep the mean', () => {
    const mask = values(dropoutMask([500, 256], 0.3, 11));
    const dropped = mask.filter((v) => v === 0).length / mask.length;
    expect(Math.abs(dropped - 0.3)).toBeLessThan(0.01);
    expect(new Set(mask)).toEqual(new Set([0, Math.fround(1 / 0.7)]));
    expect(Math.abs(mean(mask) - 1)).toBeLessThan(0.02);
    expect(values(dropoutMask([4, 4], 0.5, 1))).toEqual(values(dropoutMask([4, 4], 0.5, 1)));
    expect(values(dropoutMask([64, 64], 0.5, 1))).not.toEqual(values(dropoutMask([64, 64], 0.5, 2)));
  });

  it('decides every unit of an odd-sized mask, and drops none at rate 0', () => {
    // Two units a draw: the last unit of an odd count has its own half.
    const odd = values(dropoutMask([3, 333], 0.9, 4));
    expect(odd).toHaveLength(999);
    expect(Math.abs(odd.filter((v) => v === 0).length / 999 - 0.9)).toBeLessThan(0.04);
    expect(new Set(values(dropoutMask([101], 0, 4)))).toEqual(new Set([1]));
  });

  it('stacks the masks of several seeds as their concatenation, odd sizes included', () => {
    const stacked = stackedDropoutMasks([3, 5], 0.5, [7, 8, 7]);
    expect(stacked.shape).toEqual([9, 5]);
    const single = (seed: number) => values(dropoutMask([3, 5], 0.5, seed));
    expect(values(stacked)).toEqual([...single(7), ...single(8), ...single(7)]);
  });

  it("draws on wasm's heap, in SIMD, the very masks of the JavaScript loop, tails of any length included", () => {
    expect(tf.getKernel(DROPOUT_MASKS_KERNEL, 'wasm'), 'the SIMD kernel is installed').toBeDefined();
    for (const [shape, rate, seeds] of [
      [[500, 256], 0.5, [3, -7, 2 ** 31 - 1]],
      [[7, 3], 0.2, [11]], // 21 units: two groups of eight, then five
      [[1, 7], 0.9, [5, 6]], // no whole group
      [[9], 0, [1]],
    ] as const) {
      const n = shape.reduce<number>((p, d) => p * d, 1);
      const expected = new Float32Array(n * seeds.length);
      seeds.forEach((seed, k) => fillMask(expected, k * n, n, seed, 0, rate));
      const drawn = values(stackedDropoutMasks([...shape], rate, [...seeds]));
      expect(drawn).toHaveLength(expected.length);
      // A count, not a comparison of arrays: a diff of 384,000 numbers takes minutes to print.
      expect(drawn.filter((v, i) => !Object.is(v, expected[i])).length, `${shape}, rate ${rate}`).toBe(0);
    }
  });

  it("draws on wasm's heap, in SIMD, the JavaScript loop's Gumbel noise to float32 precision", () => {
    expect(tf.getKernel(GUMBEL_NOISE_KERNEL, 'wasm'), 'the SIMD kernel is installed').toBeDefined();
    for (const [shape, seed] of [
      [[500, 153], 9],
      [[7], -3], // one group of four, then three
      [[3], 2 ** 31 - 1],
    ] as const) {
      const drawn = values(gumbelNoise([...shape], seed));
      const expected = fillGumbel(new Float32Array(drawn.length), seed, 0);
      // Its logarithm is a float32 polynomial: within a float32 ulp or two of Math.log's (1 measured).
      const off = drawn.filter(
        (v, i) => !(Math.abs(v - expected[i]!) <= 5e-7 * Math.max(1, Math.abs(v))),
      ).length;
      expect(off, `${shape}, seed ${seed}`).toBe(0);
      expect(Math.min(...drawn)).toBeGreaterThan(-3);
      expect(Math.max(...drawn)).toBeLessThan(17);
    }
  });

  it('draws finite Gumbel noise with the mean and variance of a Gumbel(0, 1)', () => {
    const xs = values(gumbelNoise([400, 500], 5));
    expect(xs.every(Number.isFinite)).toBe(true);
    const m = mean(xs);
    expect(Math.abs(m - 0.5772)).toBeLessThan(0.01); // the Euler–Mascheroni constant
    expect(Math.abs(mean(xs.map((x) => (x - m) ** 2)) - Math.PI ** 2 / 6)).toBeLessThan(0.03);
    expect(values(gumbelNoise([3, 3], 5))).toEqual(values(gumbelNoise([3, 3], 5)));
  });

  it('draws uniform numbers inside the asked range', () => {
    const xs = values(randomUniform([20_000], -2, 3, 9));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(-2);
    expect(Math.max(...xs)).toBeLessThan(3);
    expect(Math.abs(mean(xs) - 0.5)).toBeLessThan(0.05);
    expect(xs.filter((x) => x < 0).length / xs.length).toBeCloseTo(0.4, 1);
  });

  it.each(['wasm', 'cpu'] as const)(
    'keeps a tensor’s values when the next one is drawn, on %s',
    async (name) => {
      await useNodeBackend(name);
      const first = dropoutMask([50, 40], 0.5, 1);
      const noise = randomNormal([50, 40], 2);
      const firstAgain = values(dropoutMask([50, 40], 0.5, 1));
      expect(values(first)).toEqual(firstAgain);
      expect(values(noise)).toEqual(values(randomNormal([50, 40], 2)));
      await useNodeBackend('wasm');
    },
  );

  it('leaves consecutive seeds uncorrelated', () => {
    // Seeds come from rng.seed() and may be close: neighbouring streams must not repeat each other.
    const a = values(randomNormal([10_000], 100));
    const b = values(randomNormal([10_000], 101));
    const correlation = mean(a.map((x, i) => x * b[i]!));
    expect(Math.abs(correlation)).toBeLessThan(0.03);
  });
});

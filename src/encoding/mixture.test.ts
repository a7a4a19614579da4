import { describe, expect, it } from 'vitest';
import { fitMixture, modePosterior } from './mixture';
import { createRng } from '../rng';

function twoModes(n: number, seed: number): number[] {
  const rng = createRng(seed);
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  return Array.from({ length: n }, () => (rng.next() < 0.3 ? -5 + 0.5 * gaussian() : 10 + 2 * gaussian()));
}

/** Weight, mean and spread of the fitted modes that lie near `centre`, merged. */
function near(modes: ReturnType<typeof fitMixture>, centre: number, radius: number) {
  const group = modes.filter((m) => Math.abs(m.mean - centre) < radius);
  const weight = group.reduce((s, m) => s + m.weight, 0);
  const mean = group.reduce((s, m) => s + m.weight * m.mean, 0) / weight;
  const variance = group.reduce((s, m) => s + m.weight * (m.std ** 2 + (m.mean - mean) ** 2), 0) / weight;
  return { count: group.length, weight, mean, std: Math.sqrt(variance) };
}

describe('Gaussian mixture', () => {
  it('recovers the two modes of a known sample: where they are, how wide and how heavy', () => {
    const modes = fitMixture(twoModes(4000, 1), 7);
    const left = near(modes, -5, 2);
    const right = near(modes, 10, 4);
    // Every fitted mode belongs to one of the two real ones.
    expect(left.count + right.count).toBe(modes.length);
    expect(left.weight).toBeCloseTo(0.3, 1);
    expect(right.weight).toBeCloseTo(0.7, 1);
    expect(left.mean).toBeCloseTo(-5, 0);
    expect(right.mean).toBeCloseTo(10, 0);
    // The prior widens narrow modes a little (as scikit-learn's does): within 30%.
    expect(left.std / 0.5).toBeGreaterThan(0.8);
    expect(left.std / 0.5).toBeLessThan(1.3);
    expect(right.std / 2).toBeGreaterThan(0.8);
    expect(right.std / 2).toBeLessThan(1.3);
    expect(modes.every((m) => m.weight >= 0.005)).toBe(true);
  });

  it('gives a single value one mode, and repeats exactly from the same seed', () => {
    expect(fitMixture([3, 3, 3, 3], 1)).toHaveLength(1);
    const sample = twoModes(3000, 2);
    expect(fitMixture(sample, 5)).toEqual(fitMixture(sample, 5));
  });

  it('puts a value in the mode it came from', () => {
    const modes = fitMixture(twoModes(4000, 3), 1);
    const posterior = new Float64Array(modes.length);
    modePosterior(modes, -5, posterior);
    const leftMass = modes.reduce((s, m, k) => s + (m.mean < 2.5 ? posterior[k]! : 0), 0);
    expect(leftMass).toBeGreaterThan(0.999);
  });
});

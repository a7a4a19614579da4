import { describe, expect, it } from 'vitest';
import { epsilon } from './accountant';
import { planPrivacy, privacyProblems, spentCurve } from './plan';

describe('a privacy plan', () => {
  it('chooses σ so the planned steps spend at most the target ε, at a δ below 1/rows', () => {
    const plan = planPrivacy(
      { budget: { kind: 'epsilon', epsilon: 3 }, delta: null, clipNorm: 1 },
      26_048,
      500,
      5_200,
    );
    expect(plan.samplingRate).toBeCloseTo(500 / 26_048, 12);
    expect(plan.expectedBatchSize).toBeCloseTo(500, 9);
    expect(plan.delta).toBe(1e-5);
    expect(plan.epsilon).toBeLessThanOrEqual(3);
    expect(plan.epsilon).toBeGreaterThan(2.99);
    expect(spentCurve(plan)(plan.steps)).toBeCloseTo(plan.epsilon, 12);
    expect(spentCurve(plan)(plan.steps / 2)).toBeLessThan(plan.epsilon);
  });

  it('reports the ε a chosen σ costs', () => {
    const plan = planPrivacy(
      { budget: { kind: 'noise', noiseMultiplier: 1.5 }, delta: 1e-6, clipNorm: 2 },
      1_000,
      40,
      2_250,
    );
    expect(plan.noiseMultiplier).toBe(1.5);
    expect(plan.clipNorm).toBe(2);
    expect(plan.epsilon).toBeCloseTo(
      epsilon({ samplingRate: 0.04, noiseMultiplier: 1.5, steps: 2_250 }, 1e-6),
      12,
    );
  });

  it('names each setting out of range, and refuses to plan with one', () => {
    const bad = { budget: { kind: 'epsilon', epsilon: 0 }, delta: 1, clipNorm: -1 } as const;
    expect(privacyProblems(bad)).toEqual([
      'Target ε must be a positive number.',
      'δ must be above 0 and below 1.',
      'Clip norm must be a positive number.',
    ]);
    expect(() => planPrivacy(bad, 100, 10, 10)).toThrow(/Target ε/);
    expect(
      privacyProblems({ budget: { kind: 'noise', noiseMultiplier: NaN }, delta: null, clipNorm: 1 }),
    ).toEqual(['Noise multiplier σ must be a positive number.']);
  });
});

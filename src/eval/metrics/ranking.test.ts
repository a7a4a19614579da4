import { describe, expect, it } from 'vitest';
import { valueOf } from '../../../test-support/measure';
import { rankByRisk, rankingConsistency } from './ranking';

describe('rankingConsistency', () => {
  it('is 1 for identical rankings and −1 (τ) for reversed ones', () => {
    const same = rankingConsistency([0.1, 0.2, 0.3, 0.4], [0.15, 0.25, 0.35, 0.45]);
    expect(same).toMatchObject({
      concordance: { ok: true, value: 1 },
      kendallTau: { ok: true, value: 1 },
      pairs: 6,
    });
    const reversed = rankingConsistency([0.1, 0.2, 0.3, 0.4], [0.4, 0.3, 0.2, 0.1]);
    expect(reversed).toMatchObject({
      concordance: { ok: true, value: 0 },
      kendallTau: { ok: true, value: -1 },
    });
  });

  it('matches hand counts with a swapped pair and with ties', () => {
    // (0,1) and (0,2) agree, (1,2) disagrees.
    expect(rankingConsistency([1, 2, 3], [1, 3, 2])).toMatchObject({
      concordant: 2,
      discordant: 1,
      concordance: { ok: true, value: 2 / 3 },
      kendallTau: { ok: true, value: expect.closeTo(1 / 3, 10) },
    });
    // A tie on one side: τ-b = 2 / √(2·3).
    const tied = rankingConsistency([1, 1, 2], [1, 2, 3]);
    expect(tied.concordance).toEqual({ ok: true, value: 1 });
    expect(valueOf(tied.kendallTau)).toBeCloseTo(2 / Math.sqrt(6));
    // Every pair tied on one side: no order to compare, and the reason says so (never a number).
    const allTied = rankingConsistency([1, 1], [1, 2]);
    expect(allTied.concordance).toEqual({ ok: false, reason: expect.stringMatching(/tied/) });
    expect(allTied.kendallTau.ok).toBe(false);
  });

  it('ranks from the lowest risk', () => {
    expect(rankByRisk([0.3, 0.1, 0.2])).toEqual([1, 2, 0]);
  });
});

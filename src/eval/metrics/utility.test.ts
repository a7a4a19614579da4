import { describe, expect, it } from 'vitest';
import { valueOf } from '../../../test-support/measure';
import type { Cell } from '../../data/table';
import { createRng } from '../../rng';
import type { MetricColumn } from './quality';
import { utility } from './utility';

const columns: MetricColumn[] = [
  { name: 'x', kind: 'numeric' },
  { name: 'colour', kind: 'categorical' },
  { name: 'label', kind: 'categorical' },
  { name: 'value', kind: 'numeric' },
];

function table(n: number, seed: number): Cell[][] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => {
    const x = rng.next() * 4;
    const colour = ['red', 'blue'][rng.int(2)]!;
    return [x.toFixed(3), colour, x > 2.5 ? 'yes' : 'no', (3 * x + (colour === 'red' ? 1 : 0)).toFixed(3)];
  });
}

const train = table(200, 1);
const holdout = table(100, 2);

describe('utility', () => {
  it('has no gap and full consistency when the synthetic rows are the training rows', () => {
    const result = utility(columns, 2, train, [...train], holdout, 5);
    if (!result.ok || result.value.task !== 'classification') throw new Error('expected classification');
    const u = result.value;
    expect(u.models.map((m) => m.name)).toEqual([
      'Logistic regression',
      'Decision tree',
      'Random forest',
      'MLP',
      'k-nearest neighbours',
    ]);
    for (const m of u.models) {
      expect(m.gap).toBe(0);
      expect(m.real.accuracy).toBeGreaterThan(0.85);
    }
    expect(u.syntheticRanking).toEqual(u.realRanking);
    expect(u.positiveClass).toBe('yes');
    expect(u.consistency.discordant).toBe(0);
  });

  it('shows a large gap when the synthetic labels are noise', () => {
    const rng = createRng(3);
    const noisy = train.map((row) => [row[0]!, row[1]!, rng.next() < 0.5 ? 'yes' : 'no', row[3]!]);
    const result = utility(columns, 2, train, noisy, holdout, 5);
    if (!result.ok || result.value.task !== 'classification') throw new Error('expected classification');
    const gaps = result.value.models.map((m) => m.gap);
    expect(Math.min(...gaps)).toBeGreaterThan(0.1);
    for (const m of result.value.models) expect(m.riskSynthetic).toBeGreaterThan(m.riskReal);
  });

  it('scores a numeric target as regression with the mean squared error as risk', () => {
    const result = utility(columns, 3, train, [...train], holdout, 5);
    if (!result.ok || result.value.task !== 'regression') throw new Error('expected regression');
    expect(result.value.risk).toBe('mean squared error');
    for (const m of result.value.models) {
      expect(m.riskReal).toBeCloseTo(m.real.rmse ** 2);
      expect(m.gap).toBe(0);
      expect(valueOf(m.real.r2)).toBeGreaterThan(0.8);
    }
  });

  it('says which side lacks rows instead of failing later', () => {
    const result = utility(columns, 2, train, [...train], [], 5);
    expect(result).toEqual({ ok: false, error: expect.stringContaining('0 held-out rows') });
  });
});

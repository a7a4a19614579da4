import { describe, expect, it } from 'vitest';
import type { Cell } from '../../data/table';
import { createRng } from '../../rng';
import { membershipInference } from './membership';
import type { MetricColumn } from './quality';

const columns: MetricColumn[] = [
  { name: 'x', kind: 'numeric' },
  { name: 'y', kind: 'numeric' },
  { name: 'colour', kind: 'categorical' },
];

/** Rows of one distribution: two normals and a colour. */
function rows(count: number, seed: number): Cell[][] {
  const rng = createRng(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  return Array.from({ length: count }, () => [
    normal().toFixed(3),
    (2 * normal()).toFixed(3),
    ['red', 'green', 'blue'][rng.int(3)]!,
  ]);
}

describe('membership inference by distance to the closest synthetic row', () => {
  const train = rows(600, 1);
  const holdout = rows(300, 2);

  it('finds the members of a generator that copies its training rows (AUC near 1)', () => {
    const copies = train.slice(0, 450);
    const result = membershipInference(columns, train, holdout, copies, 7);
    // 450 of the 600 members are copied exactly, so ~3/4 of members sit at distance 0.
    expect(result.auc).toBeGreaterThan(0.8);
    expect(result.interval[0]).toBeGreaterThan(0.75);
    expect(result.members).toBe(300);
    expect(result.nonMembers).toBe(300);
  });

  it('finds nothing when the synthetic rows are fresh draws of the same distribution (AUC near 0.5)', () => {
    const fresh = rows(600, 3);
    const result = membershipInference(columns, train, holdout, fresh, 7);
    expect(Math.abs(result.auc - 0.5)).toBeLessThan(0.07);
    expect(result.interval[0]).toBeLessThan(0.5);
    expect(result.interval[1]).toBeGreaterThan(0.5);
    expect(result.interval[1] - result.interval[0]).toBeLessThan(0.2);
  });

  it('repeats from its seed', () => {
    const fresh = rows(200, 4);
    const a = membershipInference(columns, train, holdout, fresh, 9);
    const b = membershipInference(columns, train, holdout, fresh, 9);
    const c = membershipInference(columns, train, holdout, fresh, 10);
    expect(a).toEqual(b);
    expect(c.interval).not.toEqual(a.interval);
  });
});

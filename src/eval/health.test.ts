import { describe, expect, it } from 'vitest';
import type { Cell } from '../data/table';
import { createRng } from '../rng';
import {
  batchHealth,
  clampSignal,
  coverageSignal,
  distinctSignal,
  healthReference,
  healthTrend,
  qualitySignal,
  type HealthColumn,
} from './health';

const LEVELS = ['HS-grad', 'Bachelors', 'Some-college', 'Masters', 'Doctorate'];
const columns: HealthColumn[] = [
  { name: 'age', kind: 'numeric', min: 17, max: 90 },
  { name: 'hours', kind: 'numeric', min: 1, max: 99 },
  { name: 'education', kind: 'categorical' },
  { name: 'income', kind: 'categorical' },
];

/** An Adult-like table: ages 17–90, hours 1–99, five education levels, income linked to education. */
function realRows(count: number, seed: number): Cell[][] {
  const rng = createRng(seed);
  return Array.from({ length: count }, () => {
    const education = LEVELS[Math.min(4, Math.floor(-Math.log(1 - rng.next()) * 1.5))]!;
    const rich = rng.next() < (education === 'HS-grad' ? 0.15 : 0.45);
    const age = 17 + Math.floor(rng.next() * rng.next() * 74);
    const hours = 1 + Math.floor(rng.next() * 99);
    return [String(age), String(hours), education, rich ? '>50K' : '<=50K'];
  });
}

const real = realRows(5000, 1);
const reference = healthReference(columns, real, 2048, 7);
/** Healthy: fresh rows from the same distribution. */
const healthy = realRows(2048, 2);
/** Collapsed as the issue saw it: one row, its numbers at the clamp limits. */
const collapsed: Cell[][] = Array.from({ length: 2048 }, () => ['17', '1', 'HS-grad', '<=50K']);

const failing = (rows: Cell[][]) =>
  batchHealth(reference, rows)
    .filter((s) => !s.ok)
    .map((s) => s.id);

describe('batchHealth', () => {
  it('passes rows drawn like the real ones on every signal', () => {
    expect(failing(healthy)).toEqual([]);
  });

  it('fails a collapsed batch on every signal, each with a message and advice', () => {
    const signals = batchHealth(reference, collapsed);
    expect(signals.filter((s) => !s.ok).map((s) => s.id)).toEqual([
      'distinct',
      'coverage',
      'clamp',
      'quality',
    ]);
    // This reference has no target: the classes signal has nothing to read (healthClasses.test.ts).
    expect(signals.find((s) => s.id === 'classes')!.ok).toBe(true);
    for (const s of signals.filter((s) => !s.ok)) expect(s.advice.length).toBeGreaterThan(20);
  });
});

describe('distinctSignal', () => {
  it('fails when many rows repeat, and says how many distinct rows there were', () => {
    // 50 distinct rows, each repeated about 40 times: the other signals can stay fine.
    const repeated = healthy.map((_, i) => healthy[i % 50]!);
    const signal = distinctSignal(reference, repeated);
    expect(signal.ok).toBe(false);
    expect(signal.value).toBeLessThan(0.1);
    expect(signal.message).toMatch(/^\d\d distinct rows among 2,048 generated/);
    expect(distinctSignal(reference, healthy).ok).toBe(true);
  });

  it('expects few distinct rows from a table that has few', () => {
    const narrow: HealthColumn[] = [{ name: 'education', kind: 'categorical' }];
    const rows = real.map((r) => [r[2]!]);
    const ref = healthReference(narrow, rows, 2048, 1);
    expect(distinctSignal(ref, rows.slice(0, 2048)).ok).toBe(true);
    const oneLevel = rows.slice(0, 2048).map(() => ['HS-grad']);
    expect(distinctSignal(ref, oneLevel).ok).toBe(false);
  });
});

describe('coverageSignal', () => {
  it('fails when a column keeps to one level, naming the column', () => {
    const oneLevel = healthy.map((r) => [r[0]!, r[1]!, 'HS-grad', r[3]!]);
    const signal = coverageSignal(reference, oneLevel);
    expect(signal.ok).toBe(false);
    expect(signal.message).toContain('education: 1 of 5 common real levels');
    expect(coverageSignal(reference, healthy).ok).toBe(true);
  });

  it('fails when numbers keep to a narrow part of the real range', () => {
    const young = healthy.map((r) => [String(18 + (Number(r[0]) % 2)), r[1]!, r[2]!, r[3]!]);
    const signal = coverageSignal(reference, young);
    expect(signal.ok).toBe(false);
    expect(signal.message).toContain('age:');
  });
});

describe('clampSignal', () => {
  it('fails when numbers pile up at the clamp limits beyond the real share there', () => {
    const clamped = healthy.map((r, i) => [i % 2 ? '90' : r[0]!, r[1]!, r[2]!, r[3]!]);
    const signal = clampSignal(reference, clamped);
    expect(signal.ok).toBe(false);
    expect(signal.message).toContain("age values sit at the column's limits (17 or 90)");
    expect(clampSignal(reference, healthy).ok).toBe(true);
  });

  it('does not count values the real rows also have at the limits', () => {
    // Half the real hours are 1 (the minimum): generated rows with as many are healthy.
    const lazy = real.map((r, i) => [r[0]!, i % 2 ? '1' : r[1]!, r[2]!, r[3]!]);
    const ref = healthReference(columns, lazy, 2048, 3);
    const generated = lazy.slice(1000, 3048);
    expect(clampSignal(ref, generated).ok).toBe(true);
    expect(clampSignal(reference, generated).ok).toBe(false);
  });
});

describe('dates', () => {
  it('reads a date column as days, for ranges and limits alike', () => {
    const dates: HealthColumn[] = [
      { name: 'day', kind: 'numeric', time: { kind: 'date' }, min: 15340, max: 16800 },
    ];
    const day = (n: number) => [new Date(n * 86_400_000).toISOString().slice(0, 10)];
    const rows = Array.from({ length: 1461 }, (_, i) => day(15340 + i));
    const ref = healthReference(dates, rows, 2048, 1);
    expect(coverageSignal(ref, rows).ok).toBe(true);
    expect(clampSignal(ref, rows).ok).toBe(true);
    const atEnds = rows.map((_, i) => day(i % 2 ? 15340 : 16800));
    expect(clampSignal(ref, atEnds).ok).toBe(false);
    expect(coverageSignal(ref, atEnds).message).toContain('day: 2 of 10 real decile ranges');
  });
});

describe('qualitySignal', () => {
  it('scores real-like rows high and a collapsed batch below the threshold', () => {
    expect(qualitySignal(reference, healthy).value).toBeGreaterThan(0.9);
    const low = qualitySignal(reference, collapsed);
    expect(low.ok).toBe(false);
    expect(low.value).toBeLessThan(0.6);
  });
});

describe('healthTrend', () => {
  it('is fine while quality rises or wobbles', () => {
    const rising = [0.5, 0.6, 0.7, 0.68, 0.72].map((quality, i) => ({ step: (i + 1) * 100, quality }));
    expect(healthTrend(rising).ok).toBe(true);
    expect(healthTrend([]).ok).toBe(true);
  });

  it('fails when quality falls well below its best, saying since which step', () => {
    const falling = [0.5, 0.8, 0.75, 0.65, 0.6].map((quality, i) => ({ step: (i + 1) * 100, quality }));
    const signal = healthTrend(falling);
    expect(signal.ok).toBe(false);
    expect(signal.since).toBe(400);
    expect(signal.message).toContain('the best was 0.80 at step 200');
  });
});

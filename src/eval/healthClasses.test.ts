import { describe, expect, it } from 'vitest';
import type { Cell } from '../data/table';
import { createRng } from '../rng';
import { batchHealth, healthReference, type HealthColumn } from './health';
import { CLASS_KEPT_THRESHOLD, classSignal, fitClassReader } from './healthClasses';

/*
 * A Seattle-like table: sun and rain fill most days, snow is rare and cold, fog looks like sun. The
 * generated batch asks for each class as often as the real rows have it; a generator that writes "snow"
 * on mild wet rows has lost the class, whatever its labels say.
 */
const columns: HealthColumn[] = [
  { name: 'temp', kind: 'numeric', min: -15, max: 40 },
  { name: 'wet', kind: 'categorical' },
  { name: 'weather', kind: 'categorical' },
];
const TARGET = 2;
const SHARES = [
  ['sun', 0.55],
  ['rain', 0.35],
  ['fog', 0.06],
  ['snow', 0.04],
] as const;

function rows(count: number, seed: number, snowLike: 'snow' | 'rain' = 'snow'): Cell[][] {
  const rng = createRng(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  return Array.from({ length: count }, () => {
    let u = rng.next();
    const weather = SHARES.find(([, share]) => (u -= share) < 0)?.[0] ?? 'sun';
    const looks = weather === 'snow' ? snowLike : weather === 'fog' ? 'sun' : weather;
    const temp = { sun: 20, rain: 11, snow: -4 }[looks] + 2.5 * normal();
    const wet = looks === 'sun' ? rng.next() < 0.1 : rng.next() < 0.9;
    return [temp.toFixed(1), wet ? 'yes' : 'no', weather];
  });
}

const training = rows(1500, 1);
const reader = fitClassReader(columns, training, TARGET)!;

describe('classSignal', () => {
  it('passes a faithful batch', () => {
    const signal = classSignal(reader, rows(2048, 2));
    expect(signal.ok).toBe(true);
    expect(signal.value).toBeGreaterThan(0.8);
    expect(signal.advice).toBe('');
  });

  it('fails a batch whose rows asked for snow look like rain, and names snow', () => {
    const signal = classSignal(reader, rows(2048, 2, 'rain'));
    expect(signal.id).toBe('classes');
    expect(signal.ok).toBe(false);
    expect(signal.value).toBeLessThan(CLASS_KEPT_THRESHOLD);
    expect(signal.message).toMatch(/asked for snow look like it, against \d+% of real snow rows/);
    expect(signal.message).not.toMatch(/\b(sun|rain|fog)\b/);
    // What was measured to help (tools/bench/rareClass.ts), not the CTGAN-style model, which lost snow too.
    expect(signal.advice).toMatch(/Train longer/);
    expect(signal.advice).toMatch(/raise learning rates set below the model's default/);
    expect(signal.advice).not.toMatch(/CTGAN/);
  });

  it('does not judge a class the reader cannot tell on real rows (fog reads as sun)', () => {
    expect(reader.realRecall[reader.classes.indexOf('fog')]!).toBeLessThan(0.3);
    // Fog rows that look like rain instead: still not judged, so still no banner.
    const batch = rows(2048, 3).map((r) => (r[TARGET] === 'fog' ? ['11.0', 'yes', 'fog'] : r));
    expect(classSignal(reader, batch).ok).toBe(true);
  });

  it('has nothing to read for a numeric target', () => {
    const numeric: HealthColumn[] = [
      columns[0]!,
      columns[1]!,
      { name: 'mm', kind: 'numeric', min: 0, max: 50 },
    ];
    expect(fitClassReader(numeric, training, TARGET)).toBeNull();
    expect(classSignal(null, training).ok).toBe(true);
  });

  it('joins the batch signals when the reference knows the target', () => {
    const reference = healthReference(columns, training, 2048, 7, TARGET);
    const failing = (batch: Cell[][]) =>
      batchHealth(reference, batch)
        .filter((s) => !s.ok)
        .map((s) => s.id);
    expect(failing(rows(2048, 4))).toEqual([]);
    expect(failing(rows(2048, 4, 'rain'))).toEqual(['classes']);
  });
});

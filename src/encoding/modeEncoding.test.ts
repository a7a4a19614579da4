import { describe, expect, it } from 'vitest';
import { inferSchema } from '../data/infer';
import type { Cell, RawTable } from '../data/table';
import { decodeRows, encodeRows, fitEncoder } from './encoder';
import { createRng } from '../rng';

/** A table with a two-mode number, a category, gaps in both, and a binary target. */
function table(rows: number): RawTable {
  const rng = createRng(4);
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  const data: Cell[][] = [];
  for (let i = 0; i < rows; i++) {
    const low = rng.next() < 0.4;
    const x = low ? 20 + 2 * gaussian() : 60 + 5 * gaussian();
    data.push([
      rng.next() < 0.1 ? null : x.toFixed(1),
      rng.next() < 0.05 ? null : ['red', 'green', 'blue'][rng.int(3)]!,
      low ? 'yes' : 'no',
    ]);
  }
  return { name: 'modes.csv', columns: ['x', 'colour', 'y'], rows: data, missingMarker: '' };
}

function fitted(raw: RawTable) {
  const schema = inferSchema(raw);
  if (!schema.ok) throw new Error(schema.error);
  return fitEncoder(raw, schema.value, { kind: 'modes', seed: 9 });
}

describe('mode-specific encoding', () => {
  it('round-trips categories exactly and numbers to the source precision, keeping gaps where they were', () => {
    const raw = table(600);
    const encoder = fitted(raw);
    const x = encoder.features[0]!;
    if (x.kind !== 'numeric' || x.scaling.kind !== 'modes') throw new Error('x should be mode-encoded');
    expect(x.scaling.modes.length).toBeGreaterThanOrEqual(2);
    // Scalar, one position per mode, then the [present, missing] flag.
    expect(x.width).toBe(1 + x.scaling.modes.length + 2);
    const encoded = encodeRows(encoder, raw);
    const decoded = decodeRows(encoder, encoded.features, encoded.conditions);
    decoded.forEach((row, i) => {
      const source = raw.rows[i]!;
      if (source[0] === null) expect(row[0]).toBeNull();
      else expect(Math.abs(Number(row[0]) - Number(source[0]))).toBeLessThanOrEqual(0.05 + 1e-9);
      expect(row.slice(1)).toEqual(source.slice(1));
    });
  });

  it('keeps every scalar within ±0.99 and draws modes from the posterior, repeatably', () => {
    const raw = table(400);
    const encoder = fitted(raw);
    const first = encodeRows(encoder, raw);
    expect(encodeRows(encoder, raw).features).toEqual(first.features);
    const width = encoder.featureWidth;
    for (let r = 0; r < first.count; r++)
      expect(Math.abs(first.features[r * width]!)).toBeLessThanOrEqual(0.99);
  });

  it('writes generated one-hots back with missing values in their share', () => {
    const raw = table(2000);
    const encoder = fitted(raw);
    const encoded = encodeRows(encoder, raw);
    // Soft, noisy outputs as a generator gives them: the decoder reads them by argmax.
    const rng = createRng(2);
    const noisy = encoded.features.map((v) => v * 0.8 + 0.1 * rng.next());
    const decoded = decodeRows(encoder, noisy, encoded.conditions);
    const share = (rows: Cell[][], c: number) => rows.filter((r) => r[c] === null).length / rows.length;
    expect(share(decoded, 0)).toBeCloseTo(share(raw.rows, 0), 3);
    expect(share(decoded, 1)).toBeCloseTo(share(raw.rows, 1), 3);
    expect(share(raw.rows, 0)).toBeGreaterThan(0.05);
  });

  it('clamps numbers to the real range and writes dates in their own format', () => {
    const days = ['2012-01-01', '2012-01-05', '2012-02-01', '2012-03-15', '2012-03-20', '2012-04-01'];
    const raw: RawTable = {
      name: 'days.csv',
      columns: ['day', 'y'],
      rows: days.map((d, i) => [d, i % 2 ? 'a' : 'b']),
      missingMarker: '',
    };
    const encoder = fitted(raw);
    const encoded = encodeRows(encoder, raw);
    expect(decodeRows(encoder, encoded.features, encoded.conditions).map((r) => r[0])).toEqual(days);
    const day = encoder.features[0]!;
    if (day.kind !== 'numeric' || day.scaling.kind !== 'modes') throw new Error('day should be mode-encoded');
    // Far outside every mode: clamped to the first and last real day.
    const beyond = new Float32Array(2 * encoder.featureWidth);
    beyond[0] = -1;
    beyond[1] = 1;
    beyond[encoder.featureWidth] = 1;
    beyond[encoder.featureWidth + day.scaling.modes.length] = 1;
    const extremes = decodeRows(encoder, beyond, Float32Array.from([1, 0, 1, 0]));
    expect(extremes.map((r) => r[0])).toEqual(['2012-01-01', '2012-04-01']);
  });

  it('writes a pooled "(other)" level back as the rare levels, in their proportions', () => {
    // 150 levels: 40 common ones (10 rows each) and 110 rare ones (1 row each, "r0"…).
    const cells: string[] = [];
    for (let i = 0; i < 400; i++) cells.push(`c${i % 40}`);
    for (let i = 0; i < 110; i++) cells.push(`r${i}`);
    const raw: RawTable = {
      name: 'wide.csv',
      columns: ['place', 'y'],
      rows: cells.map((c, i) => [c, i % 2 ? 'a' : 'b']),
      missingMarker: '',
    };
    const encoder = fitted(raw);
    const place = encoder.features[0]!;
    if (place.kind !== 'categorical') throw new Error('place should be categorical');
    expect(place.levels.at(-1)).toBe('(other)');
    const encoded = encodeRows(encoder, raw);
    const decoded = decodeRows(encoder, encoded.features, encoded.conditions).map((r) => r[0]!);
    const rare = decoded.filter((c) => !place.levels.includes(c));
    expect(rare).toHaveLength(decoded.filter((_, i) => !place.levels.includes(cells[i]!)).length);
    expect(new Set(rare).size).toBeGreaterThan(rare.length * 0.5);
    expect(rare.every((c) => /^(r\d+|c\d+)$/.test(c))).toBe(true);
  });

  it('fits the modes of a long-tailed positive column to its logarithms, so no generated value is below zero', () => {
    const rng = createRng(8);
    const gaussian = () => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
    const rows: Cell[][] = Array.from({ length: 1000 }, () => [
      Math.exp(3 + 1.5 * gaussian()).toFixed(2),
      (50 + 10 * gaussian()).toFixed(1),
      rng.next() < 0.5 ? 'a' : 'b',
    ]);
    const raw: RawTable = { name: 'tail.csv', columns: ['amount', 'plain', 'y'], rows, missingMarker: '' };
    const encoder = fitted(raw);
    const [amount, plain] = encoder.features.map((f) => (f.kind === 'numeric' ? f.scaling : null));
    expect(amount).toMatchObject({ kind: 'modes', log: true });
    expect(plain).toMatchObject({ kind: 'modes', log: false });
    // Round trip to the source precision.
    const encoded = encodeRows(encoder, raw);
    decodeRows(encoder, encoded.features, encoded.conditions).forEach((row, i) =>
      expect(Math.abs(Number(row[0]) - Number(rows[i]![0])) / Number(rows[i]![0])).toBeLessThan(0.01),
    );
    // A generator that spreads the lowest mode's scalar evenly over [−1, 1] writes few values clamped to
    // the minimum (as raw values, that mode is as wide as its mean: about 35% would go below zero).
    const min = Math.min(...rows.map((r) => Number(r[0])));
    const spread = new Float32Array(201 * encoder.featureWidth);
    for (let i = 0; i <= 200; i++) {
      spread[i * encoder.featureWidth] = i / 100 - 1;
      spread[i * encoder.featureWidth + 1] = 1;
    }
    const decoded = decodeRows(encoder, spread, new Float32Array(201 * encoder.conditionWidth));
    const atMin = decoded.filter((row) => Number(row[0]) <= min).length / 201;
    expect(atMin).toBeLessThan(0.2);
  });
});

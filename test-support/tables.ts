/** Small hand-made tables for engine tests (never shipped to users). */
import type { Cell, RawTable } from '../src/data/table';
import type { CategoricalColumn, NumericColumn, Schema } from '../src/data/schema';
import { ksStatistic, tvDistance } from '../src/eval/metrics/shapes';
import { createRng } from '../src/rng';

/**
 * Two classes with clearly different rows: class "a" has x ≈ −2 and colour mostly red,
 * class "b" has x ≈ 3 and colour mostly blue. A conditional GAN that learns must reproduce both.
 */
export function twoClassTable(rows: number, seed = 1): { raw: RawTable; schema: Schema } {
  const rng = createRng(seed);
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  const data: Cell[][] = [];
  for (let i = 0; i < rows; i++) {
    const cls = rng.next() < 0.6 ? 'a' : 'b';
    const x = (cls === 'a' ? -2 : 3) + 0.5 * gaussian();
    const red = rng.next() < (cls === 'a' ? 0.85 : 0.15);
    data.push([x.toFixed(2), red ? 'red' : 'blue', cls]);
  }
  const raw: RawTable = {
    name: 'two-class.csv',
    columns: ['x', 'colour', 'class'],
    rows: data,
    missingMarker: '',
  };
  return {
    raw,
    schema: {
      columns: [numeric(data, 0, 'x'), categorical(data, 1, 'colour'), categorical(data, 2, 'class')],
      target: 2,
    },
  };
}

/** A numeric column of two decimals with no gaps, its range read from the rows. */
export function numeric(rows: Cell[][], index: number, name: string): NumericColumn {
  const values = rows.map((r) => Number(r[index]));
  return {
    kind: 'numeric',
    name,
    missing: 0,
    min: Math.min(...values),
    max: Math.max(...values),
    integer: false,
    decimals: 2,
  };
}

export function categorical(rows: Cell[][], index: number, name: string): CategoricalColumn {
  const counts = new Map<string, number>();
  let missing = 0;
  for (const row of rows) {
    const cell = row[index];
    if (cell == null) missing++;
    else counts.set(cell, (counts.get(cell) ?? 0) + 1);
  }
  const sorted = [...counts].sort((p, q) => q[1] - p[1]);
  return {
    kind: 'categorical',
    name,
    missing,
    levels: sorted.map(([l]) => l),
    counts: sorted.map(([, c]) => c),
  };
}

/**
 * How far generated rows are from twoClassTable's real rows: per class, the KS distance of x and the
 * TV distance of colour, averaged (0 when they match, 1 at most).
 */
export function twoClassDistance(real: readonly Cell[][], generated: readonly Cell[][]): number {
  let total = 0;
  for (const cls of ['a', 'b']) {
    const realRows = real.filter((r) => r[2] === cls);
    const fakeRows = generated.filter((r) => r[2] === cls);
    total += ksStatistic(
      realRows.map((r) => Number(r[0])),
      fakeRows.map((r) => Number(r[0])),
    );
    total += tvDistance(
      realRows.map((r) => r[1]!),
      fakeRows.map((r) => r[1]!),
    );
  }
  return total / 4;
}

/**
 * A CSV with every kind of column the report reads, each with missing cells: a date, a date-time, an
 * integer, a decimal, a category and a two-class target ("label", which depends on the others). Deterministic.
 */
export function everyKindCsv(rows: number, seed = 1): string {
  const rng = createRng(seed);
  const lines = ['day,at,count,ratio,colour,label'];
  const pad = (n: number) => String(n).padStart(2, '0');
  for (let i = 0; i < rows; i++) {
    const day = new Date(Date.UTC(2015, 0, 1) + Math.floor(rng.next() * 700) * 86_400_000);
    const at = new Date(Date.UTC(2020, 5, 1) + Math.floor(rng.next() * 20 * 24 * 60) * 60_000);
    const count = Math.floor(rng.next() * 40);
    const ratio = rng.next() * 3 + (count > 20 ? 2 : 0);
    const colour = ['red', 'green', 'blue'][rng.int(3)]!;
    const label = ratio + (day.getUTCFullYear() === 2016 ? 1.5 : 0) > 3 ? 'yes' : 'no';
    const gap = (k: number) => i % 17 === k;
    lines.push(
      [
        gap(1) ? '' : day.toISOString().slice(0, 10),
        gap(2) ? '' : `${at.toISOString().slice(0, 10)} ${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}`,
        gap(3) ? '' : String(count),
        gap(4) ? '' : ratio.toFixed(2),
        gap(5) ? '' : colour,
        gap(6) ? '' : label,
      ].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

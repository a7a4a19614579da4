import type { TypedTable } from './schema';
import type { RawTable } from './table';
import { trainingSchema } from './trainingSchema';
import { createRng, permutation } from '../rng';

/**
 * The held-out split: a share of the real rows that no generator ever sees, kept aside so the report can
 * test models and privacy on rows the generator could not have copied. Stratified on the target (numbers
 * in quantile bins), so every class keeps its share on both sides; drawn from a seed, so a run repeats.
 */

export const DEFAULT_HOLDOUT_SHARE = 0.2;
export const MIN_HOLDOUT_SHARE = 0.05;
export const MAX_HOLDOUT_SHARE = 0.5;
/** A numeric target is cut into this many quantile bins to stratify on. */
const NUMERIC_STRATA = 5;

export interface RowSplit {
  /** Row indices into the table, ascending. */
  train: number[];
  holdout: number[];
}

export interface TableSplit extends RowSplit {
  /** The training rows, with the schema as the generator may know it (see trainingSchema). */
  training: TypedTable;
  heldOut: RawTable;
}

/** A message naming what is wrong with a held-out share, or null when it can be used. */
export function holdoutShareProblem(share: number): string | null {
  return Number.isFinite(share) && share >= MIN_HOLDOUT_SHARE && share <= MAX_HOLDOUT_SHARE
    ? null
    : `The held-out share must be from ${MIN_HOLDOUT_SHARE * 100}% to ${MAX_HOLDOUT_SHARE * 100}% of the rows.`;
}

/** Each row's stratum: its target's category, or its target's quantile bin; missing targets form their own. */
export function targetStrata(table: TypedTable): string[] {
  const { raw, schema } = table;
  const target = schema.target;
  const cells = raw.rows.map((row) => row[target] ?? null);
  if (schema.columns[target]?.kind !== 'numeric') return cells.map((c) => (c === null ? '\u0000missing' : c));
  const present = cells.flatMap((c, i) => (c === null ? [] : [i]));
  present.sort((a, b) => Number(cells[a]) - Number(cells[b]) || a - b);
  const strata = cells.map(() => '\u0000missing');
  present.forEach((row, rank) => (strata[row] = `q${Math.floor((rank * NUMERIC_STRATA) / present.length)}`));
  return strata;
}

/**
 * How many rows of each stratum to hold out: ⌊share·n⌋ each, then the rows left to reach round(share·N)
 * go to the strata with the largest remainders. A stratum always keeps at least one training row.
 * Depends on the strata and the share only, never on the seed, so the count can be shown before training.
 */
export function holdoutCounts(strata: readonly string[], share: number): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const s of strata) sizes.set(s, (sizes.get(s) ?? 0) + 1);
  const counts = new Map<string, number>();
  const remainders: { stratum: string; remainder: number }[] = [];
  for (const [stratum, size] of sizes) {
    const quota = share * size;
    counts.set(stratum, Math.min(Math.floor(quota), size - 1));
    if (Math.floor(quota) + 1 <= size - 1) remainders.push({ stratum, remainder: quota - Math.floor(quota) });
  }
  let left = Math.round(share * strata.length) - [...counts.values()].reduce((s, c) => s + c, 0);
  // Stable sort: equal remainders go to the stratum met first.
  remainders.sort((a, b) => b.remainder - a.remainder);
  for (const { stratum } of remainders) {
    if (left <= 0) break;
    counts.set(stratum, counts.get(stratum)! + 1);
    left--;
  }
  return counts;
}

export function heldOutCount(strata: readonly string[], share: number): number {
  return [...holdoutCounts(strata, share).values()].reduce((s, c) => s + c, 0);
}

/** Draws the held-out rows of each stratum at random from `seed`. */
export function splitRows(strata: readonly string[], share: number, seed: number): RowSplit {
  const rng = createRng(seed);
  const byStratum = new Map<string, number[]>();
  strata.forEach((s, i) => {
    const rows = byStratum.get(s);
    if (rows) rows.push(i);
    else byStratum.set(s, [i]);
  });
  const counts = holdoutCounts(strata, share);
  const held = new Uint8Array(strata.length);
  for (const [stratum, rows] of byStratum) {
    const order = permutation(rows.length, rng);
    for (let i = 0; i < counts.get(stratum)!; i++) held[rows[order[i]!]!] = 1;
  }
  const train: number[] = [];
  const holdout: number[] = [];
  held.forEach((h, i) => (h ? holdout : train).push(i));
  return { train, holdout };
}

/** The split as two tables with the source's columns: what the generator trains on, and what it never sees. */
export function splitTable(table: TypedTable, share: number, seed: number): TableSplit {
  const rows = splitRows(targetStrata(table), share, seed);
  const pick = (indices: number[]): RawTable => ({
    ...table.raw,
    rows: indices.map((i) => table.raw.rows[i]!),
  });
  const training = pick(rows.train);
  return {
    ...rows,
    training: { raw: training, schema: trainingSchema(table.schema, training) },
    heldOut: pick(rows.holdout),
  };
}

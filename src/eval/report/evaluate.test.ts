import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inferSchema } from '../../data/infer';
import { parseTableFile } from '../../data/load';
import type { Cell } from '../../data/table';
import { createRng, permutation } from '../../rng';
import { splitRows, targetStrata } from '../../data/split';
import { valueOf } from '../../../test-support/measure';
import { evaluate } from './evaluate';
import { evaluationSample } from './sample';
import type { EvaluationData, EvaluationReport } from './types';

function penguinsSample(): Omit<EvaluationData, 'synthetic'> {
  const raw = parseTableFile(
    new Uint8Array(readFileSync(resolve(__dirname, '../../../public/demos/penguins.csv'))),
    'penguins.csv',
  );
  if (!raw.ok) throw new Error(raw.error);
  const schema = inferSchema(raw.value);
  if (!schema.ok) throw new Error(schema.error);
  const table = { raw: raw.value, schema: schema.value };
  const sample = evaluationSample(table, splitRows(targetStrata(table), 0.2, 11), 12);
  return { ...sample, table: 'penguins.csv', model: { id: 'cgan', step: 0, totalSteps: 0 } };
}

function run(synthetic: Cell[][]): EvaluationReport {
  const result = evaluate({ ...penguinsSample(), synthetic });
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

const base = penguinsSample();
const copy = run(base.train.map((row) => [...row]));

/** Each column shuffled on its own: every column keeps its values, every relation between columns is lost. */
function shuffledColumns(rows: Cell[][], seed: number): Cell[][] {
  const rng = createRng(seed);
  const orders = rows[0]!.map(() => permutation(rows.length, rng));
  return rows.map((_, r) => orders.map((order, c) => rows[order[r]!]![c] ?? null));
}

/** Every cell drawn at random: numbers uniform over their real range, labels uniform over their levels. */
function noise(rows: Cell[][], seed: number): Cell[][] {
  const rng = createRng(seed);
  const columns = base.columns.map((column, c) => {
    const values = rows.flatMap((r) => (r[c] == null ? [] : [r[c]!]));
    if (column.kind === 'categorical') {
      const levels = [...new Set(values)];
      return () => levels[rng.int(levels.length)]!;
    }
    const numbers = values.map(Number);
    const lo = Math.min(...numbers);
    const hi = Math.max(...numbers);
    return () => (lo + rng.next() * (hi - lo)).toFixed(1);
  });
  return rows.map(() => columns.map((draw) => draw()));
}

describe('evaluate', () => {
  it('scores a copy of the training rows as perfect fidelity and the worst privacy', () => {
    expect(valueOf(copy.fidelity.quality.score)).toBe(1);
    expect(valueOf(copy.fidelity.detection.score)).toBeGreaterThan(0.9);
    expect(copy.privacy.dcrToTrain).toEqual({ min: 0, median: 0, mean: 0 });
    expect(copy.privacy.shareCloserToTrain).toBe(1);
    expect(copy.privacy.score).toBe(0);
    expect(copy.privacy.copyRate).toBe(1);
    expect(copy.privacy.newRowSynthesis).toBe(0);
    // Every member has an exact copy; held-out rows mostly do not: the attack finds the members.
    expect(copy.privacy.membership.auc).toBeGreaterThan(0.9);
    if (!copy.utility.ok) throw new Error(copy.utility.error);
    for (const m of copy.utility.models) expect(m.gap).toBe(0);
    // Every model ties with itself: no pair is ordered differently, and Kendall's τ is 1 or says why not.
    expect(copy.utility.consistency.discordant).toBe(0);
    expect(valueOf(copy.utility.chiSquare.estimate)).toBeLessThan(0.25);
  });

  it('scores shuffled columns poorly on pair trends but not on column shapes', () => {
    const shuffled = run(shuffledColumns(base.train, 4));
    expect(valueOf(shuffled.fidelity.quality.shapeScore)).toBe(1);
    expect(valueOf(shuffled.fidelity.quality.pairScore)).toBeLessThan(0.8);
    expect(valueOf(shuffled.fidelity.quality.score)).toBeLessThan(valueOf(copy.fidelity.quality.score) - 0.1);
    // The correlations are gone: no synthetic pair of numeric columns keeps |ρ| above 0.2.
    const synthetic = shuffled.fidelity.correlation!.synthetic;
    synthetic.forEach((row, i) =>
      row.forEach((rho, j) => i !== j && expect(Math.abs(rho!)).toBeLessThan(0.2)),
    );
    expect(shuffled.privacy.copyRate).toBeLessThan(0.05);
  });

  it('scores uniform noise as poor fidelity, easy to detect, useless for learning and new', () => {
    const noisy = run(noise(base.train, 5));
    expect(valueOf(noisy.fidelity.quality.score)).toBeLessThan(0.8);
    expect(valueOf(noisy.fidelity.quality.pairScore)).toBeLessThan(0.7);
    expect(valueOf(noisy.fidelity.detection.score)).toBeLessThan(0.8);
    expect(valueOf(noisy.utility.chiSquare.estimate)).toBeGreaterThan(
      valueOf(copy.utility.chiSquare.estimate),
    );
    if (!noisy.utility.ok) throw new Error(noisy.utility.error);
    const best = Math.min(...noisy.utility.models.map((m) => m.riskSynthetic));
    expect(best).toBeGreaterThan(Math.min(...noisy.utility.models.map((m) => m.riskReal)) + 0.2);
    expect(noisy.privacy.newRowSynthesis).toBe(1);
    expect(noisy.privacy.score).toBeGreaterThan(0.8);
    // Noise carries no trace of which rows were trained on.
    const { auc, interval } = noisy.privacy.membership;
    expect(Math.abs(auc - 0.5)).toBeLessThan(0.1);
    expect(interval[0]).toBeLessThan(0.5);
    expect(interval[1]).toBeGreaterThan(0.5);
  });

  it('draws every column and reports the sample it used', () => {
    expect(copy.fidelity.columns.map((f) => f.column)).toEqual(base.columns.map((c) => c.name));
    for (const figure of copy.fidelity.columns) {
      const total = (shares: number[]) => shares.reduce((s, v) => s + v, 0);
      const missing = figure.kind === 'histogram' ? figure.missing[0] : 0;
      expect(total(figure.real) + missing).toBeCloseTo(1);
      expect(figure.synthetic).toEqual(figure.real);
    }
    expect(copy.fidelity.correlation?.columns).toHaveLength(4);
    expect(copy.sample).toMatchObject({ train: 275, holdout: 69, synthetic: 275, capped: false });
    expect(copy.sample.note).toMatch(/all 275 training rows/);
    expect(copy.privacy.figure.train.reduce((s, v) => s + v, 0)).toBeCloseTo(1);
  });

  it('says when it worked on a capped subsample', () => {
    const capped = evaluate({
      ...base,
      train: base.train.slice(0, 100),
      synthetic: base.train.slice(0, 100),
      caps: { train: 100, holdout: 2000 },
    });
    expect(capped.ok && capped.value.sample.note).toMatch(
      /seeded subsample: 100 of 275 training rows \(cap 100\)/,
    );
  });
});

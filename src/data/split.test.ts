import { describe, expect, it } from 'vitest';
import { demoTable } from '../../test-support/demoTable';
import { inferSchema } from './infer';
import type { TypedTable } from './schema';
import { heldOutCount, holdoutShareProblem, splitRows, splitTable, targetStrata } from './split';

const share = (rows: number[], strata: string[], s: string) =>
  rows.filter((i) => strata[i] === s).length / strata.filter((x) => x === s).length;

describe('held-out split', () => {
  it('holds out 20% of penguins with each species at its share', () => {
    const table = demoTable();
    const strata = targetStrata(table);
    const split = splitTable(table, 0.2, 42);
    expect(split.holdout).toHaveLength(69);
    expect(split.train).toHaveLength(344 - 69);
    expect(heldOutCount(strata, 0.2)).toBe(69);
    for (const species of ['Adelie', 'Gentoo', 'Chinstrap']) {
      expect(Math.abs(share(split.holdout, strata, species) - 0.2)).toBeLessThan(0.01);
    }
    // Disjoint and complete, and the tables hold exactly those rows.
    expect(new Set([...split.train, ...split.holdout]).size).toBe(344);
    expect(split.heldOut.rows[0]).toBe(table.raw.rows[split.holdout[0]!]);
    expect(split.training.raw.columns).toEqual(table.raw.columns);
  });

  it('gives the training side levels and counts of its own rows only', () => {
    const table = demoTable();
    const island = table.raw.columns.indexOf('Island');
    // A level only one row has: held out, it must be unknown to the generator.
    const rows = table.raw.rows.map((r, i) =>
      i === 0 ? r.map((c, j) => (j === island ? 'Atlantis' : c)) : r,
    );
    const schema = inferSchema({ ...table.raw, rows });
    if (!schema.ok) throw new Error(schema.error);
    const altered = { raw: { ...table.raw, rows }, schema: schema.value };
    const seed = [...Array(50).keys()].find((s) =>
      splitRows(targetStrata(altered), 0.2, s).holdout.includes(0),
    )!;
    const split = splitTable(altered, 0.2, seed);
    const column = split.training.schema.columns[island]!;
    if (column.kind !== 'categorical') throw new Error('Island is categorical');
    expect(column.levels).not.toContain('Atlantis');
    expect(column.counts.reduce((s, c) => s + c, 0)).toBe(split.train.length);
    expect(altered.schema.columns[island]).toMatchObject({ levels: expect.arrayContaining(['Atlantis']) });
  });

  it('repeats with a seed and draws other rows with another', () => {
    const strata = targetStrata(demoTable());
    expect(splitRows(strata, 0.2, 1)).toEqual(splitRows(strata, 0.2, 1));
    expect(splitRows(strata, 0.2, 1).holdout).not.toEqual(splitRows(strata, 0.2, 2).holdout);
  });

  it('stratifies a numeric target on quantile bins', () => {
    const table = demoTable();
    const mass = table.raw.columns.indexOf('Body Mass (g)');
    const numeric: TypedTable = { ...table, schema: { ...table.schema, target: mass } };
    const strata = targetStrata(numeric);
    const bins = new Set(strata.filter((s) => s.startsWith('q')));
    expect(bins.size).toBe(5);
    const { holdout } = splitRows(strata, 0.3, 5);
    for (const bin of bins) expect(Math.abs(share(holdout, strata, bin) - 0.3)).toBeLessThan(0.02);
    // The heaviest held-out quintile really is heavier than the lightest.
    const massOf = (i: number) => Number(table.raw.rows[i]![mass]);
    const q0 = holdout.filter((i) => strata[i] === 'q0').map(massOf);
    const q4 = holdout.filter((i) => strata[i] === 'q4').map(massOf);
    expect(Math.max(...q0)).toBeLessThan(Math.min(...q4));
  });

  it('keeps a training row in every class, even a class of one', () => {
    const strata = ['a', 'a', 'a', 'a', 'b'];
    const { train } = splitRows(strata, 0.5, 3);
    expect(train.some((i) => strata[i] === 'b')).toBe(true);
  });

  it('names a share out of range', () => {
    expect(holdoutShareProblem(0.2)).toBeNull();
    expect(holdoutShareProblem(0.9)).toMatch(/5% to 50%/);
    expect(holdoutShareProblem(Number.NaN)).toMatch(/held-out share/);
  });
});

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inferSchema } from '../../data/infer';
import { parseTableFile } from '../../data/load';
import { splitRows, targetStrata } from '../../data/split';
import type { Cell } from '../../data/table';
import { formatTime, parseTime } from '../../data/time';
import { createRng } from '../../rng';
import { valueOf } from '../../../test-support/measure';
import type { MetricColumn } from '../columns';
import { evaluate } from './evaluate';
import { evaluationSample } from './sample';
import type { EvaluationData, EvaluationReport } from './types';

function demoSample(file: string): Omit<EvaluationData, 'synthetic'> {
  const raw = parseTableFile(
    new Uint8Array(readFileSync(resolve(__dirname, `../../../public/demos/${file}`))),
    file,
  );
  if (!raw.ok) throw new Error(raw.error);
  const schema = inferSchema(raw.value);
  if (!schema.ok) throw new Error(schema.error);
  const table = { raw: raw.value, schema: schema.value };
  const sample = evaluationSample(table, splitRows(targetStrata(table), 0.2, 11), 12);
  return { ...sample, table: file, model: { id: 'cgan', step: 0, totalSteps: 0 } };
}

function run(data: EvaluationData): EvaluationReport {
  const result = evaluate(data);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

const meta = {
  table: 'built.csv',
  caps: { train: 5000, holdout: 2000 },
  seed: 3,
  model: { id: 'cgan', step: 1, totalSteps: 1 },
};

describe('the report on seattle-weather, whose first column is a date', () => {
  const base = demoSample('seattle-weather.csv');
  const date = base.columns[0]!;

  it('reads the dates: rows two years later are easy to tell apart, never "indistinguishable"', () => {
    expect(date).toEqual({ name: 'date', kind: 'numeric', time: { kind: 'date' } });
    // Every cell copied but the date, moved 730 days past the real range.
    const later = base.train.map((row) => [
      formatTime(parseTime(row[0]!, { kind: 'date' })! + 730, { kind: 'date' }),
      ...row.slice(1),
    ]);
    const report = run({ ...base, synthetic: later });
    expect(valueOf(report.fidelity.detection.score)).toBeLessThan(0.4);
    for (const auc of report.fidelity.detection.foldAucs) expect(valueOf(auc)).toBeGreaterThan(0.8);
    expect(report.verdicts.detection?.words).toBe('easy to tell apart');
    expect(valueOf(report.utility.chiSquare.estimate)).toBeGreaterThan(0);
  });

  it('draws the date column as bars over days since 1970 and says a copy is hard to tell apart', () => {
    const report = run({ ...base, synthetic: base.train.map((r) => [...r]) });
    const plot = report.fidelity.columns[0]!;
    if (plot.kind !== 'histogram') throw new Error('a date column is a histogram');
    // 2012-01-01 is day 15340 and 2015-12-31 day 16800.
    expect(plot.edges[0]).toBe(15_340);
    expect(plot.edges.at(-1)).toBe(16_800);
    expect(plot.real.filter((share) => share > 0)).toHaveLength(20);
    expect(report.verdicts.detection?.words).toBe('hard to tell apart');
    expect(report.verdicts.quality?.words).toBe('as close as real rows');
  });
});

describe('warnings where a figure misleads', () => {
  /** x and colour are noise; "yes" is 11% of the rows: no model finds it. */
  const columns: MetricColumn[] = [
    { name: 'x', kind: 'numeric' },
    { name: 'colour', kind: 'categorical' },
    { name: 'buys', kind: 'categorical' },
  ];
  const rows = (n: number, seed: number): Cell[][] => {
    const rng = createRng(seed);
    return Array.from({ length: n }, (_, i) => [
      (-Math.log(1 - rng.next()) * 10).toFixed(2),
      ['red', 'green', 'blue'][i % 3]!,
      i % 9 === 0 ? 'yes' : 'no',
    ]);
  };
  const train = rows(900, 1);
  const holdout = rows(450, 2);
  const totals = { train: train.length, holdout: holdout.length };

  it('says when the target is too imbalanced for F1 to mean much, and shows balanced accuracy', () => {
    const report = run({ ...meta, columns, target: 2, train, holdout, totals, synthetic: rows(900, 3) });
    const imbalance = report.warnings.find((w) => w.kind === 'imbalance');
    expect(imbalance?.text).toMatch(/"yes" is 11\.1% of the held-out rows/);
    expect(imbalance?.text).toMatch(/Read balanced accuracy/);
    if (!report.utility.ok || report.utility.task !== 'classification')
      throw new Error('classification expected');
    for (const m of report.utility.models) expect(m.real.balancedAccuracy).toBeLessThan(0.6);
  });

  it('says so when every model, the real-trained ones too, scores F1 = 0', () => {
    // Nothing in the features tells "yes" from "no": every model answers "no".
    const blank = (r: Cell[]) => ['1', 'red', r[2]!];
    const report = run({
      ...meta,
      columns,
      target: 2,
      train: train.map(blank),
      holdout: holdout.map(blank),
      totals,
      synthetic: train.map(blank),
    });
    if (!report.utility.ok || report.utility.task !== 'classification')
      throw new Error('classification expected');
    for (const m of report.utility.models) {
      expect(m.real.f1).toBe(0);
      expect(m.real.balancedAccuracy).toBe(0.5);
    }
    expect(report.warnings.find((w) => w.kind === 'imbalance')?.text).toMatch(
      /Every model, the ones trained on real rows too, scores F1 = 0 for it/,
    );
  });

  it('names a tail the synthetic rows never reach and categories they never have', () => {
    // The synthetic x stops at 8 where the real one runs past 40; no synthetic row is "blue".
    const synthetic = rows(900, 4).map((r) => [
      String(Math.min(Number(r[0]), 8)),
      r[1] === 'blue' ? 'red' : r[1]!,
      r[2]!,
    ]);
    const report = run({ ...meta, columns, target: 2, train, holdout, totals, synthetic });
    const tail = report.warnings.find((w) => w.kind === 'tail');
    expect(tail?.text).toMatch(
      /^'x': the synthetic rows top out at 8, below the real 99th percentile 4\d\.\d+/,
    );
    const shape = report.fidelity.quality.shapes[0]!;
    // The column-shape score alone would not say so loudly: it stays well above a half.
    expect(valueOf(shape.score)).toBeGreaterThan(0.5);
    const categories = report.warnings.find((w) => w.kind === 'categories');
    expect(categories?.text).toMatch(
      /^'colour': no synthetic row has "blue" \(33\.3% of the real rows, about 300 expected\)/,
    );
    expect(report.fidelity.unseenLevels).toEqual([
      { column: 'colour', levels: [{ level: 'blue', share: 1 / 3, expected: 300 }] },
    ]);
    expect(report.fidelity.tails[0]!.synthetic.max).toBe(8);
  });

  it('says when the held-out rows are too few to tell models apart', () => {
    const few = holdout.slice(0, 40);
    const report = run({
      ...meta,
      columns,
      target: 2,
      train,
      holdout: few,
      totals: { ...totals, holdout: 40 },
      synthetic: train,
    });
    expect(report.warnings.find((w) => w.kind === 'holdout')?.text).toMatch(
      /^Only 40 held-out rows: .* known to ±0\.\d+ \(95%\)/,
    );
    const many = run({ ...meta, columns, target: 2, train, holdout, totals, synthetic: train });
    expect(many.warnings.find((w) => w.kind === 'holdout')).toBeUndefined();
  });

  it('gives no warning for a balanced target, a full copy and enough held-out rows', () => {
    const balanced = (n: number, seed: number) =>
      rows(n, seed).map((r, i) => [r[0]!, r[1]!, i % 2 ? 'yes' : 'no']);
    const real = balanced(900, 1);
    const report = run({
      ...meta,
      columns,
      target: 2,
      train: real,
      holdout: balanced(450, 2),
      totals,
      synthetic: real,
    });
    expect(report.warnings).toEqual([]);
  });
});

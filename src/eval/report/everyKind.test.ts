import { describe, expect, it } from 'vitest';
import { everyKindCsv } from '../../../test-support/tables';
import { defaultSettings } from '../../models/catalog';
import { nodeSessionEnvironment } from '../../worker/nodeBackends';
import { unpack } from '../../worker/packed';
import { EngineSession } from '../../worker/session';
import { evaluate } from './evaluate';
import type { EvaluationReport } from './types';

/**
 * The whole report, through the app's path (load, train a little, hand over real and generated rows,
 * evaluate), on a table with a date, a date-time, an integer, a decimal, a category and a target, each with
 * missing cells: every figure must be a finite number in its range, and every plot must hold data.
 */

async function everyKindReport(): Promise<EvaluationReport> {
  const session = new EngineSession(nodeSessionEnvironment('wasm'));
  await session.init(() => {});
  const loaded = await session.loadFile(new TextEncoder().encode(everyKindCsv(400)), 'every-kind.csv');
  if (!loaded.ok) throw new Error(loaded.error);
  const kinds = loaded.value.columns.map((c) => `${c.name}:${c.kind}`);
  expect(kinds).toEqual([
    'day:numeric',
    'at:numeric',
    'count:numeric',
    'ratio:numeric',
    'colour:categorical',
    'label:categorical',
  ]);
  for (let i = 0; i < 40; i++) await session.step({ ...defaultSettings('cgan'), batchSize: 32 });
  const handed = await session.evaluationData();
  if (!handed.ok) throw new Error(handed.error);
  const report = evaluate(unpack(handed.value));
  if (!report.ok) throw new Error(report.error);
  return report.value;
}

/** Every number in the report, with its path, and every figure that says it could not be computed. */
function walk(value: unknown, path: string, numbers: [string, number][], unknown: string[]): void {
  if (typeof value === 'number') numbers.push([path, value]);
  else if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}[${i}]`, numbers, unknown));
  else if (value && typeof value === 'object') {
    if ('ok' in value && value.ok === false && 'reason' in value)
      unknown.push(`${path}: ${String(value.reason)}`);
    for (const [k, v] of Object.entries(value)) walk(v, `${path}.${k}`, numbers, unknown);
  }
}

describe('the report on a table of every column kind', () => {
  it('computes every figure as a finite number in range, and every plot has data', async () => {
    const report = await everyKindReport();
    const numbers: [string, number][] = [];
    const unknown: string[] = [];
    walk(report, 'report', numbers, unknown);
    expect(unknown).toEqual([]);
    expect(numbers.filter(([, v]) => !Number.isFinite(v))).toEqual([]);
    // Scores, shares, AUCs and distances live in [0, 1].
    const unit = numbers.filter(([path]) =>
      /score|Score|Auc|auc|share|Share|accuracy|Accuracy|precision|recall|f1|concordance|copyRate|newRowSynthesis|dcrTo|figure\.(train|holdout)|\.(real|synthetic)\[\d+\]$/.test(
        path,
      ),
    );
    expect(unit.length).toBeGreaterThan(100);
    expect(unit.filter(([, v]) => v < 0 || v > 1)).toEqual([]);

    const { fidelity } = report;
    expect(fidelity.columns.map((c) => c.column)).toEqual(['day', 'at', 'count', 'ratio', 'colour', 'label']);
    for (const figure of fidelity.columns) {
      const sum = (shares: number[]) => shares.reduce((s, v) => s + v, 0);
      const missing: [number, number] = figure.kind === 'histogram' ? figure.missing : [0, 0];
      // Shares of present values plus the missing share make the whole, on both sides.
      expect(sum(figure.real) + missing[0]).toBeCloseTo(1);
      expect(sum(figure.synthetic) + missing[1]).toBeCloseTo(1);
      expect(figure.real.filter((v) => v > 0).length).toBeGreaterThan(1);
    }
    // The date plot spans 2015–2016 in days since 1970 (16436 to 17166), not a range read from NaN.
    const day = fidelity.columns[0]!;
    if (day.kind !== 'histogram') throw new Error('the date column should be a histogram');
    expect(day.time).toEqual({ kind: 'date' });
    expect(day.edges[0]).toBeGreaterThan(16_000);
    expect(day.edges.at(-1)).toBeLessThan(17_500);
    expect(fidelity.correlation?.columns).toEqual(['day', 'at', 'count', 'ratio']);
    expect(fidelity.tails.map((t) => t.column)).toEqual(['day', 'at', 'count', 'ratio']);

    // Detection reads the dates: a barely trained generator is told apart, never "indistinguishable".
    const detection = fidelity.detection.score;
    if (!detection.ok) throw new Error(detection.reason);
    expect(detection.value).toBeLessThan(0.95);
    for (const auc of fidelity.detection.foldAucs) expect(auc.ok && auc.value).toBeGreaterThan(0.5);
    expect(report.verdicts.detection).not.toBeNull();
    expect(report.utility.ok).toBe(true);
  }, 120_000);
});

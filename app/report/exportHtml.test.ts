import { describe, expect, it } from 'vitest';
import type { Cell } from '../../src/data/table';
import { createRng } from '../../src/rng';
import { evaluate } from '../../src/eval/report/evaluate';
import type { EvaluationReport } from '../../src/eval/report/types';
import { reportHtml } from './exportHtml';

const NASTY = '<img src=x onerror=alert(1)>';

function report(): EvaluationReport {
  const rng = createRng(1);
  const rows = (n: number): Cell[][] =>
    Array.from({ length: n }, () => {
      const x = rng.next() * 10;
      return [x.toFixed(1), (x * 2 + rng.next()).toFixed(1), x > 5 ? 'big' : NASTY];
    });
  const result = evaluate({
    table: 'tiny.csv',
    columns: [
      { name: 'x', kind: 'numeric' },
      { name: 'y', kind: 'numeric' },
      { name: NASTY, kind: 'categorical' },
    ],
    target: 2,
    train: rows(60),
    holdout: rows(20),
    synthetic: rows(60),
    totals: { train: 60, holdout: 20 },
    caps: { train: 5000, holdout: 2000 },
    seed: 3,
    model: { id: 'cgan', step: 10, totalSteps: 100 },
  });
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

describe('reportHtml', () => {
  const html = reportHtml(report());

  it('is one page with the three sections, every plot inline and nothing fetched', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    for (const heading of ['Fidelity', 'Utility', 'Privacy']) expect(html).toContain(`<h2>${heading}</h2>`);
    // One plot per column, three correlation matrices, the utility chart and the DCR plot.
    expect(html.match(/<svg /g)).toHaveLength(3 + 3 + 1 + 1);
    expect(html).not.toMatch(/<script|<link|src=['"]http|url\(/i);
    expect(html).toContain('Kendall τ');
  });

  it('escapes what came from the table', () => {
    expect(html).not.toContain(NASTY);
    expect(html).toContain('&#60;img src=x onerror=alert(1)&#62;');
  });
});

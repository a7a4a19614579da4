import type { Cell } from '../../src/data/table';
import type { MetricColumn } from '../../src/eval/metrics/quality';

/**
 * How strongly each feature depends on the target, in real and in generated rows: per numeric column its
 * mean within each class, per categorical column the total variation distance between its distributions
 * within the positive class and within the rest. This is the signal a classifier trained on the rows
 * uses; rows whose columns look right one by one can still carry none of it.
 */
export function targetLinkReport(
  columns: readonly MetricColumn[],
  real: readonly Cell[][],
  synthetic: readonly Cell[][],
  target: number,
  positive: string,
): string[] {
  const lines = [`  per class (${columns[target]!.name} = ${positive} / other), real vs generated:`];
  const share = (rows: readonly Cell[][]) => rows.filter((r) => r[target] === positive).length / rows.length;
  lines.push(`    share of ${positive}: ${share(real).toFixed(3)} vs ${share(synthetic).toFixed(3)}`);
  columns.forEach((column, c) => {
    if (c === target) return;
    const figure = (rows: readonly Cell[][]) =>
      column.kind === 'numeric'
        ? classMeans(rows, c, target, positive)
        : classDistance(rows, c, target, positive);
    const [r, s] = [figure(real), figure(synthetic)];
    lines.push(
      `    ${column.name.padEnd(16)} ${column.kind === 'numeric' ? 'mean' : 'TV  '}  ${r}  vs  ${s}`,
    );
  });
  return lines;
}

function classMeans(rows: readonly Cell[][], column: number, target: number, positive: string): string {
  const sums = [0, 0];
  const counts = [0, 0];
  for (const row of rows) {
    const cell = row[column];
    if (cell == null) continue;
    const k = row[target] === positive ? 0 : 1;
    sums[k]! += Number(cell);
    counts[k]!++;
  }
  const mean = (k: number) => (counts[k]! > 0 ? sums[k]! / counts[k]! : NaN);
  return `${format(mean(0))} / ${format(mean(1))}`;
}

/** Total variation distance between the column's level shares among positive rows and among the rest. */
function classDistance(rows: readonly Cell[][], column: number, target: number, positive: string): string {
  const counts = [new Map<string, number>(), new Map<string, number>()];
  const totals = [0, 0];
  for (const row of rows) {
    const k = row[target] === positive ? 0 : 1;
    const level = row[column] ?? '';
    counts[k]!.set(level, (counts[k]!.get(level) ?? 0) + 1);
    totals[k]!++;
  }
  if (totals[0] === 0 || totals[1] === 0) return '  -  ';
  const levels = new Set([...counts[0]!.keys(), ...counts[1]!.keys()]);
  let distance = 0;
  for (const level of levels)
    distance += Math.abs(
      (counts[0]!.get(level) ?? 0) / totals[0]! - (counts[1]!.get(level) ?? 0) / totals[1]!,
    );
  return (distance / 2).toFixed(3);
}

function format(x: number): string {
  const digits = Math.abs(x) >= 100 ? 0 : Math.abs(x) >= 10 ? 1 : 2;
  return x.toFixed(digits).padStart(7);
}

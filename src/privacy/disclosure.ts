/*
 * What the page says about a private run's guarantee, as plain text (no tfjs): what every family's
 * preprocessing reads from the training rows once, outside the budget, and what the guarantee does not
 * cover. The Model panel shows these beside a family's own notes (its description's
 * `differentialPrivacy`); docs/privacy.md says why each is so.
 */

/** The series a private run adds after the model's own: ε spent so far, on the chart's right axis. */
export const EPSILON_SERIES = 'ε spent';

/** Statistics read from the training rows without a privacy cost, by every family. */
export const READ_OUTSIDE_BUDGET: readonly string[] = [
  'the columns’ types, and each number column’s range (generated numbers are clamped to it), mean and standard deviation',
  'each categorical column’s levels, and the shares of the levels pooled as (other)',
  'the target’s class shares (or a numeric target’s mean and sd): generated rows’ targets are drawn from them',
  'which rows are held out',
];

/** What the guarantee covers and what it does not. */
export const GUARANTEE_SCOPE =
  'The guarantee covers the generator and every row it generates. This page itself shows you your own ' +
  'data (previews, losses on real rows, the verdicts map, the report): none of that is private.';

/** One label for a private run's rows, report and exports: "(ε = 2.98, δ = 1e-5)-DP". */
export function privacyLabel({ epsilon, delta }: { epsilon: number; delta: number }): string {
  return `(ε = ${epsilon.toFixed(2)}, δ = ${formatDelta(delta)})-DP`;
}

/** δ as people write it: 1e-5, 2.5e-6. */
export function formatDelta(delta: number): string {
  return delta.toExponential().replace('e+', 'e');
}

/**
 * A figure of the report: the number computed, or why it could not be computed. No placeholder number
 * (0, 0.5, 1, NaN) ever stands for "not computable": a reader, or the page, must handle the reason.
 */
export type Measure = { ok: true; value: number } | { ok: false; reason: string };

export const measured = (value: number): Measure =>
  Number.isFinite(value) ? { ok: true, value } : { ok: false, reason: `the computation gave ${value}` };

export const notComputable = (reason: string): Measure => ({ ok: false, reason });

/** The value, or null: for code that skips what could not be computed (a mean over what could). */
export const valueOf = (measure: Measure): number | null => (measure.ok ? measure.value : null);

/** Mean of the computed measures; not computable when none was, with the first reason. */
export function meanOf(measures: readonly Measure[], none: string): Measure {
  const values = measures.flatMap((m) => (m.ok ? [m.value] : []));
  if (values.length === 0) {
    const failed = measures.find((m): m is Extract<Measure, { ok: false }> => !m.ok);
    return notComputable(failed?.reason ?? none);
  }
  return measured(values.reduce((s, v) => s + v, 0) / values.length);
}

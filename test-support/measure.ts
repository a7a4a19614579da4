import type { Measure } from '../src/eval/measure';

/** A measure's value; fails the test, with the measure's reason, when it was not computable. */
export function valueOf(measure: Measure): number {
  if (!measure.ok) throw new Error(`not computable: ${measure.reason}`);
  return measure.value;
}

import { FEEDBACK_SERIES } from '../src/models/dsfgan/feedback';
import type { LossPoint } from '../src/worker/protocol';

/**
 * What the loss chart shows of DSF-GAN's feedback: λ drawn as a step line on its own axis (it is a
 * weight, not a loss), and, for tests and readers, the λ in force at the last point and how many points
 * the downstream curve has.
 */
export function isWeightSeries(name: string): boolean {
  return name === FEEDBACK_SERIES.lambda;
}

export function feedbackMarks(
  names: readonly string[],
  points: readonly LossPoint[],
): { lambda: number | undefined; downstreamPoints: number | undefined } {
  const lambdaAt = names.indexOf(FEEDBACK_SERIES.lambda);
  const downstreamAt = names.indexOf(FEEDBACK_SERIES.downstream);
  return {
    lambda: lambdaAt < 0 ? undefined : float32ToShort(points.at(-1)?.values[lambdaAt]),
    downstreamPoints:
      downstreamAt < 0 ? undefined : points.filter((p) => Number.isFinite(p.values[downstreamAt])).length,
  };
}

/** λ comes back from the device as a float32 (3.6 reads 3.5999999): shown with the digits it was set with. */
function float32ToShort(value: number | undefined): number | undefined {
  return value === undefined ? undefined : Number(value.toPrecision(6));
}

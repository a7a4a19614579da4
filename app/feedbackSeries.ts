import { FEEDBACK_SERIES, type LossPoint } from '../src/api';

/**
 * What the loss chart says of DSF-GAN's feedback, for tests and readers: the λ in force at the last
 * point and how many points the downstream curve has.
 */
export function feedbackMarks(
  names: readonly string[],
  points: readonly LossPoint[],
): { lambda: number | undefined; downstreamPoints: number | undefined } {
  const lambdaAt = names.indexOf(FEEDBACK_SERIES.lambda);
  const downstreamAt = names.indexOf(FEEDBACK_SERIES.downstream);
  return {
    lambda: lambdaAt < 0 ? undefined : float32ToShort(points.at(-1)?.values[lambdaAt] ?? undefined),
    downstreamPoints:
      downstreamAt < 0
        ? undefined
        : points.filter((p) => Number.isFinite(p.values[downstreamAt] ?? NaN)).length,
  };
}

/** λ comes back from the device as a float32 (3.6 reads 3.5999999): shown with the digits it was set with. */
function float32ToShort(value: number | undefined): number | undefined {
  return value === undefined ? undefined : Number(value.toPrecision(6));
}

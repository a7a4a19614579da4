import type { LossPoint } from '../../src/api';
import { feedbackMarks } from '../feedbackSeries';
import { useThrottled } from '../useThrottled';
import { LossCurves } from './LossCurves';

const CHART_INTERVAL_MS = 250;

interface Props {
  /** The model's losses, then its metrics: the series of each point, in that order. */
  lossNames: string[];
  metricNames: string[];
  points: LossPoint[];
}

/** Loss curves of the current run, already decimated, redrawn at most four times a second. */
export function LossChart({ lossNames, metricNames, points: latest }: Props) {
  const names = [...lossNames, ...metricNames];
  // The page re-renders on every progress event (10 a second); the curves need not.
  const points = useThrottled(latest, CHART_INTERVAL_MS);
  const marks = feedbackMarks(names, points);
  return (
    <figure
      className="chart"
      role="figure"
      aria-label="Losses"
      data-point-count={points.length}
      data-series-points={names.map((name, i) => `${name}:${seriesPoints(points, i)}`).join(';')}
      data-lambda={marks.lambda}
      data-downstream-points={marks.downstreamPoints}
    >
      <figcaption>Losses</figcaption>
      {points.length === 0 ? (
        <p className="chart-empty">
          Press Train or Step: the generator and discriminator losses appear here.
        </p>
      ) : (
        // Names arrive as a new array with every progress event: joined, the memo can compare them.
        <LossCurves namesKey={names.join('\n')} metricCount={metricNames.length} points={points} />
      )}
    </figure>
  );
}

/** How many points of the chart have a value of series `i` (a one-player step gives the other none). */
function seriesPoints(points: readonly LossPoint[], i: number): number {
  return points.filter((p) => p.values[i] != null).length;
}

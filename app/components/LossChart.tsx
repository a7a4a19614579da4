import type { LossPoint, StageView } from '../../src/api';
import { feedbackMarks } from '../feedbackSeries';
import { LossCurves } from './LossCurves';

/** The curves redraw at most this often while training (the page throttles their points). */
export const CHART_INTERVAL_MS = 250;

interface Props {
  /** The model's losses, then its metrics: the series of each point, in that order. */
  lossNames: string[];
  metricNames: string[];
  /** A model that trains in stages: each stage's series get curves of their own. */
  stages: StageView[];
  points: LossPoint[];
}

/** One set of curves: its series (as indices into the points' values) and its points. */
interface Panel {
  title: string | null;
  names: string[];
  metricCount: number;
  points: LossPoint[];
}

/** Loss curves of the current run, already decimated (and throttled by the page). */
export function LossChart({ lossNames, metricNames, stages, points }: Props) {
  const names = [...lossNames, ...metricNames];
  const marks = feedbackMarks(names, points);
  const panels: Panel[] =
    stages.length === 0
      ? [{ title: null, names, metricCount: metricNames.length, points }]
      : stages.map((stage, s) => stagePanel(stage, s, stages.length, names, metricNames, points));
  return (
    <figure
      className="chart"
      role="figure"
      aria-label="Losses"
      data-point-count={points.length}
      data-first-step={points[0]?.step ?? ''}
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
        panels.map(
          (panel) =>
            panel.points.length > 0 && (
              <div key={panel.title ?? ''} className="chart-stage" data-stage={panel.title ?? undefined}>
                {panel.title && <h3 className="chart-stage-title">{panel.title}</h3>}
                {/* Names arrive as a new array with every progress event: joined, the memo can compare them. */}
                <LossCurves
                  namesKey={panel.names.join('\n')}
                  metricCount={panel.metricCount}
                  points={panel.points}
                />
              </div>
            ),
        )
      )}
    </figure>
  );
}

/** A stage's curves: its points, with only the series it reports. */
function stagePanel(
  stage: StageView,
  index: number,
  count: number,
  names: string[],
  metricNames: string[],
  points: LossPoint[],
): Panel {
  const columns = stage.series.map((name) => names.indexOf(name));
  return {
    title: `Stage ${index + 1} of ${count}: ${stage.name}`,
    names: stage.series,
    metricCount: stage.series.filter((name) => metricNames.includes(name)).length,
    points: points
      .filter((p) => p.stage === index)
      .map((p) => ({ ...p, values: columns.map((c) => p.values[c]!) })),
  };
}

/** How many points of the chart have a value of series `i` (a one-player step gives the other none). */
function seriesPoints(points: readonly LossPoint[], i: number): number {
  return points.filter((p) => p.values[i] != null).length;
}

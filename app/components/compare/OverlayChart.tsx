import { memo } from 'react';

/** One curve: a run's series, in the run's colour (dashed for its second series). */
export interface OverlaySeries {
  label: string;
  colour: string;
  dashed: boolean;
  /** Each point as a dot too: a series of few points (one check of the quality) still shows. */
  dots?: boolean;
  points: readonly { step: number; value: number }[];
}

const WIDTH = 400;
const HEIGHT = 160;
const PAD = 4;

/**
 * Curves of two runs on shared axes. The labels are HTML beside the drawing, not SVG text: in projector
 * mode they keep the page's type size without crowding the curves (classroom.css lifts SVG text to 28).
 */
export const OverlayChart = memo(function OverlayChart({
  title,
  series,
  empty,
}: {
  title: string;
  series: readonly OverlaySeries[];
  empty: string;
}) {
  const all = series.flatMap((s) => s.points).filter((p) => Number.isFinite(p.value));
  const counts = series.map((s) => `${s.label}:${s.points.length}`).join(';');
  return (
    <figure className="overlay-chart" role="figure" aria-label={title} data-series-points={counts}>
      <figcaption>{title}</figcaption>
      {all.length === 0 ? <p className="chart-empty">{empty}</p> : <Curves series={series} all={all} />}
    </figure>
  );
});

function Curves({
  series,
  all,
}: {
  series: readonly OverlaySeries[];
  all: readonly { step: number; value: number }[];
}) {
  const maxStep = Math.max(1, ...all.map((p) => p.step));
  let low = Math.min(...all.map((p) => p.value));
  let high = Math.max(...all.map((p) => p.value));
  if (high - low < 1e-9) [low, high] = [low - 0.5, high + 0.5];
  const x = (step: number) => PAD + (step / maxStep) * (WIDTH - 2 * PAD);
  const y = (value: number) => HEIGHT - PAD - ((value - low) / (high - low)) * (HEIGHT - 2 * PAD);
  return (
    <div className="overlay-body">
      <div className="overlay-axis-y" aria-hidden="true">
        <span>{format(high)}</span>
        <span>{format(low)}</span>
      </div>
      <div>
        <svg
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          preserveAspectRatio="none"
          width="100%"
          height="100%"
          role="img"
        >
          <title>{series.map((s) => s.label).join(', ')}</title>
          {series.map((s) => {
            const finite = s.points.filter((p) => Number.isFinite(p.value));
            if (finite.length === 0) return null;
            const d = finite.map(
              (p, i) => `${i === 0 ? 'M' : 'L'}${x(p.step).toFixed(1)},${y(p.value).toFixed(1)}`,
            );
            return (
              <g key={s.label}>
                <path
                  d={d.join('')}
                  fill="none"
                  stroke={s.colour}
                  strokeWidth={2}
                  strokeDasharray={s.dashed ? '6 4' : undefined}
                  vectorEffect="non-scaling-stroke"
                />
                {s.dots &&
                  finite.map((p) => (
                    <line
                      key={p.step}
                      x1={x(p.step)}
                      y1={y(p.value)}
                      x2={x(p.step)}
                      y2={y(p.value)}
                      stroke={s.colour}
                      strokeWidth={8}
                      strokeLinecap="round"
                      vectorEffect="non-scaling-stroke"
                    />
                  ))}
              </g>
            );
          })}
        </svg>
        <div className="overlay-axis-x" aria-hidden="true">
          <span>step 0</span>
          <span>{maxStep.toLocaleString('en')}</span>
        </div>
      </div>
    </div>
  );
}

const format = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(2));

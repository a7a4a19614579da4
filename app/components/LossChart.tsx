import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { LossPoint } from '../../src/worker/protocol';
import { feedbackMarks, isWeightSeries } from '../feedbackSeries';

const COLOURS = ['#dc2626', '#2563eb', '#16a34a', '#9333ea', '#ea580c'];

interface Props {
  names: string[];
  points: LossPoint[];
}

/** Loss curves of the current run, already decimated; no animation, so live updates stay cheap. */
export function LossChart({ names, points }: Props) {
  const data = points.map((p) =>
    Object.fromEntries([['step', p.step], ...names.map((n, i) => [n, p.values[i]])]),
  );
  const marks = feedbackMarks(names, points);
  return (
    <figure
      className="chart"
      role="figure"
      aria-label="Losses"
      data-point-count={points.length}
      data-lambda={marks.lambda}
      data-downstream-points={marks.downstreamPoints}
    >
      <figcaption>Losses</figcaption>
      {points.length === 0 ? (
        <p className="chart-empty">
          Press Train or Step: the generator and discriminator losses appear here.
        </p>
      ) : (
        <ResponsiveContainer width="100%" height={280}>
          <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
            <XAxis dataKey="step" type="number" domain={['dataMin', 'dataMax']} tick={{ fontSize: 14 }} />
            <YAxis tick={{ fontSize: 14 }} width={48} />
            {names.some(isWeightSeries) && (
              <YAxis yAxisId="weight" orientation="right" tick={{ fontSize: 14 }} width={36} />
            )}
            <Tooltip isAnimationActive={false} />
            <Legend />
            {names.map((name, i) => (
              <Line
                key={name}
                dataKey={name}
                stroke={COLOURS[i % COLOURS.length]}
                strokeWidth={2}
                dot={false}
                isAnimationActive={false}
                {...(isWeightSeries(name) && {
                  yAxisId: 'weight',
                  type: 'stepAfter',
                  strokeDasharray: '6 3',
                })}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      )}
    </figure>
  );
}

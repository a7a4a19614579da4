import { memo, useState } from 'react';
import {
  CartesianGrid,
  LabelList,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import {
  type BackendInfo,
  type FeedbackTrainingSettings,
  type HeldOutUtility,
  type TableView,
  sweepProblems,
} from '../../src/api';
import type { Engine } from '../engineClient';
import { useLambdaSweep, type SweepState } from '../useLambdaSweep';
import type { RunView } from '../useEngine';
import { useLiveUtility } from '../useLiveUtility';
import { NUMBER_LIST, NumberField, ONE_NUMBER } from './Field';

interface Props {
  engine: Engine | null;
  run: RunView;
  table: TableView | null;
  backend: BackendInfo | null;
  settings: FeedbackTrainingSettings;
}

const fixed = (n: number) => n.toFixed(3);

/** The figures a utility is read by: precision, recall and F1, or RMSE and R². */
function utilityFigures(u: HeldOutUtility): [string, string][] {
  return u.task === 'classification'
    ? [
        ['Precision', fixed(u.precision)],
        ['Recall', fixed(u.recall)],
        ['F1', fixed(u.f1)],
      ]
    : [
        ['RMSE', u.rmse.toPrecision(4)],
        ['R²', fixed(u.r2)],
      ];
}

const headline = (u: HeldOutUtility) => (u.task === 'classification' ? u.f1 : u.r2);
const headlineName = (u: HeldOutUtility) => (u.task === 'classification' ? 'F1' : 'R²');

/**
 * DSF-GAN's evidence: how useful the generated rows are to a model tested on held-out real rows, live
 * during training, and the realism/utility frontier a λ sweep traces.
 */
export const FeedbackPanel = memo(function FeedbackPanel({
  engine,
  run: current,
  table,
  backend,
  settings,
}: Props) {
  const [live, setLive] = useState(true);
  const utility = useLiveUtility(engine, current, live);
  const { sweep, run, cancel } = useLambdaSweep(engine, backend?.name ?? null);
  const [lambdas, setLambdas] = useState([0, 0.5, 1, 2]);
  const [steps, setSteps] = useState(300);
  const problems = sweepProblems({ settings, lambdas, steps });
  const busy = sweep.status === 'running' || sweep.status === 'cancelling';
  const latest = utility.points.at(-1);

  return (
    <section className="panel feedback-panel" aria-labelledby="feedback-heading">
      <h2 id="feedback-heading">Downstream utility</h2>
      <label className="check">
        <input type="checkbox" checked={live} onChange={(e) => setLive(e.target.checked)} /> Live utility
      </label>
      <p className="hint">
        A least-squares linear model trained on generated rows and tested on held-out real rows the generator
        never saw
        {latest &&
          ` (${latest.rows.synthetic.toLocaleString('en')} and ${latest.rows.holdout.toLocaleString('en')})`}
        , measured in a worker of its own every few seconds (less often when measuring is slow, so training
        keeps its pace).
      </p>
      {utility.error && <p className="warning">{utility.error}</p>}
      {latest ? (
        <dl className="stats" aria-label="Latest utility">
          <div>
            <dt>At step</dt>
            <dd>{latest.step}</dd>
          </div>
          {utilityFigures(latest.utility).map(([name, value]) => (
            <div key={name}>
              <dt>{name}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="hint">Train DSF-GAN to see these figures follow it.</p>
      )}
      <LiveUtilityChart points={utility.points} />

      <h3>λ sweep</h3>
      <p className="hint">
        Short runs with the same seed at each λ, in a worker of their own: your current run keeps its model
        and its place (both share the processor while both train).
      </p>
      <div className="row">
        <NumberField label="λ values" value={lambdas} {...NUMBER_LIST} onValue={setLambdas} disabled={busy} />
        <NumberField label="Steps per run" value={steps} {...ONE_NUMBER} onValue={setSteps} disabled={busy} />
        <div className="buttons">
          <button
            type="button"
            className="primary"
            disabled={busy || !engine || !table || problems.length > 0}
            onClick={() => void run(settings, lambdas, steps)}
          >
            Run λ sweep
          </button>
          <button type="button" disabled={sweep.status !== 'running'} onClick={cancel}>
            Cancel sweep
          </button>
        </div>
      </div>
      {problems.map((p) => (
        <p key={p} className="warning">
          {p}
        </p>
      ))}
      <p role="status" aria-label="Sweep status" data-status={sweep.status}>
        {sweepStatusText(sweep)}
      </p>
      {sweep.diverged.map(({ lambda, step }) => (
        <p key={lambda} className="warning">
          The run at λ = {lambda} diverged at step {step} (a loss stopped being a number): it has no point.
          Lower the learning rates or λ.
        </p>
      ))}
      <FrontierChart sweep={sweep} />
      <SweepTable sweep={sweep} />
    </section>
  );
});

function sweepStatusText({ status, current, points, error }: SweepState): string {
  const kept = `${points.length} point${points.length === 1 ? '' : 's'}`;
  switch (status) {
    case 'idle':
      return 'No sweep yet.';
    case 'running':
      return current
        ? `Run ${current.run + 1} of ${current.runs} (λ = ${current.lambda}): step ${current.step} of ${current.steps}.`
        : 'Starting the sweep…';
    case 'cancelling':
      return 'Cancelling…';
    case 'finished':
      return `Finished: ${kept}.`;
    case 'cancelled':
      return `Cancelled: ${kept} kept.`;
    case 'failed':
      return `The sweep stopped: ${error}`;
  }
}

function LiveUtilityChart({ points }: { points: { step: number; utility: HeldOutUtility }[] }) {
  const first = points[0]?.utility;
  const names = first ? utilityFigures(first).map(([name]) => name) : [];
  const data = points.map((p) => ({
    step: p.step,
    ...Object.fromEntries(utilityFigures(p.utility).map(([name, value]) => [name, Number(value)])),
  }));
  const colours = ['#2563eb', '#16a34a', '#dc2626'];
  return (
    <figure
      className="chart"
      role="figure"
      aria-label="Utility during training"
      data-point-count={points.length}
    >
      <figcaption>Held-out utility during training</figcaption>
      {points.length < 2 ? (
        <p className="chart-empty">The curve appears after two measurements.</p>
      ) : (
        <ResponsiveContainer width="100%" height={200}>
          <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
            <XAxis dataKey="step" type="number" domain={['dataMin', 'dataMax']} tick={{ fontSize: 14 }} />
            <YAxis tick={{ fontSize: 14 }} width={48} />
            <Tooltip isAnimationActive={false} />
            <Legend />
            {/* RMSE is in the target's units: only R² shares the 0–1 axis. */}
            {names
              .filter((n) => n !== 'RMSE')
              .map((name, i) => (
                <Line
                  key={name}
                  dataKey={name}
                  stroke={colours[i % colours.length]}
                  strokeWidth={2}
                  dot={false}
                  isAnimationActive={false}
                />
              ))}
          </LineChart>
        </ResponsiveContainer>
      )}
    </figure>
  );
}

function FrontierChart({ sweep }: { sweep: SweepState }) {
  const { points, reference } = sweep;
  const kind = points[0]?.utility ?? reference?.utility;
  const yName = kind ? `Utility (${headlineName(kind)} on held-out rows)` : 'Utility';
  const at = (p: { quality: number; utility: HeldOutUtility }, label: string) => ({
    quality: p.quality,
    utility: headline(p.utility),
    label,
  });
  const series = {
    feedback: points.filter((p) => p.lambda > 0).map((p) => at(p, `λ=${p.lambda}`)),
    plain: points.filter((p) => p.lambda === 0).map((p) => at(p, 'λ=0')),
    real: reference ? [at(reference, 'real')] : [],
  };
  return (
    <figure
      className="chart"
      role="figure"
      aria-label="Realism/utility frontier"
      data-point-count={points.length}
      data-has-reference={reference !== null}
    >
      <figcaption>Realism/utility frontier</figcaption>
      {points.length === 0 && !reference ? (
        <p className="chart-empty">Run a λ sweep: each λ becomes one point.</p>
      ) : (
        <ResponsiveContainer width="100%" height={300}>
          <ScatterChart margin={{ top: 16, right: 24, bottom: 24, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
            <XAxis
              dataKey="quality"
              type="number"
              name="Fidelity (quality score)"
              domain={['auto', 'auto']}
              tickFormatter={(v: number) => v.toFixed(2)}
              label={{ value: 'Fidelity (quality score)', position: 'insideBottom', offset: -12 }}
            />
            <YAxis
              dataKey="utility"
              type="number"
              name={yName}
              domain={['auto', 'auto']}
              tickFormatter={(v: number) => v.toFixed(2)}
              width={56}
            />
            <Tooltip
              isAnimationActive={false}
              formatter={(v) => (typeof v === 'number' ? v.toFixed(3) : v)}
            />
            <Legend verticalAlign="top" />
            <Scatter name="DSF-GAN (λ > 0)" data={series.feedback} fill="#2563eb" isAnimationActive={false}>
              <LabelList dataKey="label" position="top" />
            </Scatter>
            <Scatter
              name="Base model (λ = 0)"
              data={series.plain}
              fill="#dc2626"
              shape="square"
              isAnimationActive={false}
            />
            <Scatter
              name="Real data (trained on real rows)"
              data={series.real}
              fill="#16a34a"
              shape="star"
              isAnimationActive={false}
            />
          </ScatterChart>
        </ResponsiveContainer>
      )}
    </figure>
  );
}

function SweepTable({ sweep }: { sweep: SweepState }) {
  const { points, reference } = sweep;
  const kind = points[0]?.utility ?? reference?.utility;
  if (!kind) return null;
  const columns = utilityFigures(kind).map(([name]) => name);
  const row = (label: string, scores: { quality: number; utility: HeldOutUtility }, seconds: string) => (
    <tr key={label}>
      <th scope="row">{label}</th>
      <td>{fixed(scores.quality)}</td>
      {utilityFigures(scores.utility).map(([name, value]) => (
        <td key={name}>{value}</td>
      ))}
      <td>{seconds}</td>
    </tr>
  );
  return (
    <div className="table-scroll">
      <table aria-label="Sweep results">
        <thead>
          <tr>
            <th scope="col">Run</th>
            <th scope="col">Quality</th>
            {columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
            <th scope="col">Time</th>
          </tr>
        </thead>
        <tbody>
          {reference && row('Real data', reference, '')}
          {points.map((p) => row(`λ = ${p.lambda}`, p, `${(p.ms / 1000).toFixed(1)} s`))}
        </tbody>
      </table>
    </div>
  );
}

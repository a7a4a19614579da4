import { memo, useState } from 'react';
import { SUCCESS_MARGIN, type ExplorerAnswers, type ExplorerStatus, type TableView } from '../../../src/api';
import type { Engine } from '../../engineClient';
import type { EngineAction, RunView } from '../../useEngine';
import { downloadBlob } from '../../download';
import { CalibrationScatter, ClassHistogram, DecileErrors } from './ExplorerCharts';
import { ANSWER_ROWS, useExplorer } from './useExplorer';
import './explorer.css';

interface Props {
  engine: Engine | null;
  run: RunView;
  table: TableView | null;
  dispatch: (action: EngineAction) => void;
}

const fixed = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : '–');
const percent = (v: number) => (Number.isFinite(v) ? `${(v * 100).toFixed(1)}%` : '–');

/**
 * The black-box explorer's panel: the forest it explores (held-out accuracy and confidence, per class),
 * the surrogate's agreement with it, and the answers to the assignment's questions on a fixed set of
 * asks, refreshed while training; and the export of those rows with their asked and obtained confidence.
 */
export const ExplorerPanel = memo(function ExplorerPanel({ engine, run, table, dispatch }: Props) {
  const { status, answers, error } = useExplorer(engine, run);
  const [busy, setBusy] = useState(false);

  const download = async (what: 'rows' | 'statistics') => {
    if (!engine || !table) return;
    setBusy(true);
    try {
      const exported = await engine.explorerExport();
      if (!exported.ok) return dispatch({ type: 'alert', message: exported.error });
      const base = table.name.replace(/\.[^.]+$/, '');
      if (what === 'rows')
        downloadBlob(new Blob([exported.value.csv], { type: 'text/csv' }), `${base}-explorer-rows.csv`);
      else
        downloadBlob(
          new Blob([exported.value.statistics], { type: 'application/json' }),
          `${base}-explorer-statistics.json`,
        );
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel explorer-panel" aria-labelledby="explorer-heading">
      <h2 id="explorer-heading">Black-box explorer</h2>
      <p className="hint">
        A random forest trained on the real training rows is the black box. The generator is asked for a
        confidence (and a class) and writes a row; the forest&apos;s own probability of that class is the
        confidence obtained. Its MAE and the surrogate&apos;s agreement are drawn on the Losses chart.
      </p>
      {error && <p className="warning">{error}</p>}
      {status?.kind === 'unsupported' && <p className="hint">{status.message}</p>}
      {status?.kind === 'ready' ? (
        <ForestSection status={status} />
      ) : (
        <p className="hint">
          {status?.kind === 'preparing'
            ? status.message
            : 'Press Train or Step: the forest is grown first, then the generator learns.'}
        </p>
      )}
      {answers && <AnswersSection answers={answers} />}
      <div className="row">
        <button type="button" disabled={!answers || busy} onClick={() => void download('rows')}>
          Download {ANSWER_ROWS.toLocaleString('en')} rows (CSV)
        </button>
        <button type="button" disabled={!answers || busy} onClick={() => void download('statistics')}>
          Download statistics (JSON)
        </button>
      </div>
    </section>
  );
});

function ForestSection({ status }: { status: Extract<ExplorerStatus, { kind: 'ready' }> }) {
  const { forest } = status;
  return (
    <>
      <h3>The black box: a random forest</h3>
      <dl className="stats" aria-label="Forest on held-out rows">
        <div>
          <dt>Held-out accuracy</dt>
          <dd>{percent(forest.accuracy)}</dd>
        </div>
        <div>
          <dt>Confidence mean</dt>
          <dd>{fixed(forest.confidence.mean)}</dd>
        </div>
        <div>
          <dt>min</dt>
          <dd>{fixed(forest.confidence.min)}</dd>
        </div>
        <div>
          <dt>max</dt>
          <dd>{fixed(forest.confidence.max)}</dd>
        </div>
        <div>
          <dt>Surrogate agreement</dt>
          <dd>
            {status.surrogateAgreement === null ? 'none (gradient-free)' : percent(status.surrogateAgreement)}
          </dd>
        </div>
      </dl>
      <p className="hint">
        On {forest.rows.toLocaleString('en')} held-out rows; confidence is the forest&apos;s probability of
        the class it predicts. The surrogate agreement is the share of those rows on whose class the surrogate
        and the forest agree.
      </p>
      <div className="table-scroll">
        <table aria-label="Forest per class">
          <thead>
            <tr>
              <th scope="col">Predicted class</th>
              <th scope="col">Rows</th>
              <th scope="col">Mean confidence</th>
              <th scope="col">Min</th>
              <th scope="col">Max</th>
            </tr>
          </thead>
          <tbody>
            {forest.perClass.map((c) => (
              <tr key={c.name}>
                <th scope="row">{c.name}</th>
                <td>{c.rows}</td>
                <td>{fixed(c.mean)}</td>
                <td>{fixed(c.min)}</td>
                <td>{fixed(c.max)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function AnswersSection({ answers }: { answers: ExplorerAnswers }) {
  return (
    <>
      <h3>Answers at step {answers.step}</h3>
      <p className="hint">
        {answers.asked.length.toLocaleString('en')} rows, each class asked in turn at confidences evenly
        spaced from {fixed(1 / answers.classes.length)} to 1, from the same noise every time.
      </p>
      <ul className="readings" aria-label="Readings">
        {answers.readings.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
      <div className="explorer-figures">
        <CalibrationScatter answers={answers} />
        <div>
          <h4>Error by decile of asked confidence</h4>
          <DecileErrors deciles={answers.deciles} />
          <h4>Success per class</h4>
          <table aria-label="Success per class">
            <thead>
              <tr>
                <th scope="col">Asked class</th>
                <th scope="col">Rows</th>
                <th scope="col">Success</th>
                <th scope="col">MAE</th>
              </tr>
            </thead>
            <tbody>
              {answers.perClass.map((c) => (
                <tr key={c.name}>
                  <th scope="row">{c.name}</th>
                  <td>{c.asked}</td>
                  <td>{percent(c.success)}</td>
                  <td>{fixed(c.mae)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="hint">
            Success: the forest&apos;s confidence within ±{SUCCESS_MARGIN} of the asked one, and the asked
            class predicted.
          </p>
        </div>
      </div>
      <h4>The forest&apos;s scores of the rows, per asked class</h4>
      <div className="explorer-histograms">
        {answers.perClass.map((c, i) => (
          <ClassHistogram key={c.name} entry={c} index={i} />
        ))}
      </div>
    </>
  );
}

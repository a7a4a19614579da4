import { useState } from 'react';
import type { EvaluationReport } from '../../../src/eval/report/types';
import { fidelityFacts } from '../../report/facts';
import { score } from '../../report/format';
import { columnSvg, correlationSvgs } from '../../report/plots';
import { Facts, SvgFigure } from './Figures';

export function FidelitySection({ report }: { report: EvaluationReport }) {
  const { fidelity } = report;
  const [selected, setSelected] = useState(fidelity.columns[0]?.column ?? '');
  const figure = fidelity.columns.find((c) => c.column === selected) ?? fidelity.columns[0];
  return (
    <section className="report-section" aria-labelledby="report-fidelity">
      <h3 id="report-fidelity">Fidelity</h3>
      <p className="hint">Do the synthetic rows look like the training rows?</p>
      <Facts facts={fidelityFacts(report)} label="Fidelity scores" />
      <h4>Columns</h4>
      <p className="hint">Click a column to see its real and synthetic distributions.</p>
      <div className="report-columns">
        <table aria-label="Column shapes">
          <thead>
            <tr>
              <th scope="col">Column</th>
              <th scope="col">Metric</th>
              <th scope="col">Score</th>
            </tr>
          </thead>
          <tbody>
            {fidelity.quality.shapes.map((s) => (
              <tr key={s.column} className={s.column === figure?.column ? 'is-selected' : undefined}>
                <th scope="row">
                  <button
                    type="button"
                    className="link"
                    aria-pressed={s.column === figure?.column}
                    onClick={() => setSelected(s.column)}
                  >
                    {s.column}
                  </button>
                </th>
                <td>{s.metric}</td>
                <td>{score(s.score)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {figure && <SvgFigure label={`Column plot: ${figure.column}`} svg={columnSvg(figure)} />}
      </div>
      <h4>Correlation matrices</h4>
      {fidelity.correlation ? (
        <div className="report-grid">
          {correlationSvgs(fidelity.correlation).map((c) => (
            <SvgFigure key={c.title} label={c.title} svg={c.svg} />
          ))}
        </div>
      ) : (
        <p className="hint">
          The table has fewer than two numeric columns, so there is no correlation matrix.
        </p>
      )}
    </section>
  );
}

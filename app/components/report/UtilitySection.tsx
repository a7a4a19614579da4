import type { EvaluationReport } from '../../../src/eval/report/types';
import { concordanceText, utilityIntro, utilityTable } from '../../report/facts';
import { score } from '../../report/format';
import { utilitySvg } from '../../report/plots';
import { SvgFigure } from './Figures';

export function UtilitySection({ report }: { report: EvaluationReport }) {
  const u = report.utility;
  return (
    <section className="report-section" aria-labelledby="report-utility">
      <h3 id="report-utility">Utility</h3>
      <p className="hint">
        Are the rows useful for learning? As &quot;Utility Theory of Synthetic Data Generation&quot; defines
        it.
      </p>
      {u.ok ? <ModelComparison utility={u} /> : <p className="warning">{u.error}</p>}
      <h4>χ² divergence estimate</h4>
      <p>
        <strong className="report-number">{score(u.chiSquare.estimate)}</strong> — the χ² divergence between
        the real and synthetic feature distributions, estimated from the density ratio of a real-vs-synthetic
        classifier (0 means the same distribution). {u.chiSquare.caveat}
      </p>
    </section>
  );
}

function ModelComparison({ utility }: { utility: Extract<EvaluationReport['utility'], { ok: true }> }) {
  const table = utilityTable(utility);
  const svg = utilitySvg(utility);
  return (
    <>
      <p>{utilityIntro(utility)}</p>
      <div className="table-scroll">
        <table aria-label="Utility per model class" className="report-table">
          <thead>
            <tr>
              <th scope="col">Model</th>
              <th scope="col">Trained on</th>
              {table.headers.map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
              <th scope="col">Utility gap</th>
            </tr>
          </thead>
          {table.models.map((m) => (
            <tbody key={m.name}>
              <tr>
                <th scope="rowgroup" rowSpan={2}>
                  {m.name}
                </th>
                <td>Real</td>
                {m.real.map((c, i) => (
                  <td key={i}>{c}</td>
                ))}
                <td rowSpan={2}>
                  <strong>{m.gap}</strong>
                </td>
              </tr>
              <tr>
                <td>Synthetic</td>
                {m.synthetic.map((c, i) => (
                  <td key={i}>{c}</td>
                ))}
              </tr>
            </tbody>
          ))}
        </table>
      </div>
      {svg && <SvgFigure label="Held-out risk per model class" svg={svg} />}
      <h4>Model-comparison consistency</h4>
      <p>
        Concordant pairs: <strong>{score(utility.consistency.concordance)}</strong> (
        {concordanceText(utility.consistency)}) · Kendall τ:{' '}
        <strong>{score(utility.consistency.kendallTau)}</strong>
      </p>
      <div className="report-rankings">
        <Ranking title="Ranked by training on real rows" names={utility.realRanking} />
        <Ranking title="Ranked by training on synthetic rows" names={utility.syntheticRanking} />
      </div>
    </>
  );
}

function Ranking({ title, names }: { title: string; names: string[] }) {
  return (
    <div>
      <h5>{title}</h5>
      <ol aria-label={title}>
        {names.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ol>
    </div>
  );
}

import type { EvaluationReport } from '../../../src/api';
import { chiSquareText, consistencyText, utilityFacts, utilityIntro, utilityTable } from '../../report/facts';
import { utilitySvg } from '../../report/plots';
import { Facts, PairedTable, SvgFigure } from './Figures';

export function UtilitySection({ report }: { report: EvaluationReport }) {
  const u = report.utility;
  const chi = chiSquareText(u);
  return (
    <section className="report-section" aria-labelledby="report-utility">
      <h3 id="report-utility">Utility</h3>
      <p className="hint">
        Are the rows useful for learning? As &quot;Utility Theory of Synthetic Data Generation&quot; defines
        it.
      </p>
      {u.ok ? <ModelComparison report={report} utility={u} /> : <p className="warning">{u.error}</p>}
      <h4>χ² divergence estimate</h4>
      <p>
        <strong className="report-number">{chi.value}</strong> {chi.text}
      </p>
    </section>
  );
}

function ModelComparison({
  report,
  utility,
}: {
  report: EvaluationReport;
  utility: Extract<EvaluationReport['utility'], { ok: true }>;
}) {
  const table = utilityTable(utility);
  const svg = utilitySvg(utility);
  return (
    <>
      <Facts facts={utilityFacts(report, utility)} label="Utility scores" />
      <p>{utilityIntro(utility)}</p>
      <PairedTable
        label="Utility per model class"
        groupHeader="Model"
        sideHeader="Trained on"
        headers={table.headers}
        spanningHeader="Utility gap"
        groups={table.models.map((m) => ({
          name: m.name,
          real: m.real,
          synthetic: m.synthetic,
          spanning: m.gap,
        }))}
      />
      {table.notes.map((n) => (
        <p key={n} className="hint">
          {n}
        </p>
      ))}
      {svg && <SvgFigure label="Held-out risk per model class" svg={svg} />}
      <h4>Model-comparison consistency</h4>
      <p>{consistencyText(utility.consistency)}</p>
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

import { memo } from 'react';
import type { EvaluationReport, TableView } from '../../../src/api';
import type { Engine } from '../../engineClient';
import { reportHtml } from '../../report/exportHtml';
import { trainingPrivacyText } from '../../report/facts';
import { seconds } from '../../report/format';
import type { RunView } from '../../useEngine';
import { ReportHelp, Warnings } from './Figures';
import { FidelitySection } from './FidelitySection';
import { PrivacySection } from './PrivacySection';
import { UtilitySection } from './UtilitySection';
import { useReport } from './useReport';
import './report.css';

interface Props {
  engine: Engine | null;
  run: RunView;
  table: TableView | null;
}

/** Fidelity, utility and privacy of the current generator's rows, computed in the report worker. */
export const ReportPanel = memo(function ReportPanel({ engine, run, table }: Props) {
  const { state: report, evaluate } = useReport(engine, run.runId);
  const hasModel = run.status !== 'idle';
  const running = report.status === 'running';
  const done = report.status === 'done' ? report : null;
  const baseName = (table?.name ?? 'table').replace(/\.[^.]+$/, '');

  return (
    <section className="panel report-panel" aria-labelledby="report-heading">
      <h2 id="report-heading">Report</h2>
      <div className="buttons">
        <button
          type="button"
          className="primary"
          disabled={!engine || !hasModel || running}
          onClick={() => void evaluate()}
        >
          Evaluate
        </button>
        <button
          type="button"
          disabled={!done}
          onClick={() =>
            done && save(JSON.stringify(done.report, null, 2), `${baseName}-report.json`, 'application/json')
          }
        >
          Export JSON
        </button>
        <button
          type="button"
          disabled={!done}
          onClick={() => done && save(reportHtml(done.report), `${baseName}-report.html`, 'text/html')}
        >
          Export HTML
        </button>
      </div>
      {report.status === 'empty' && (
        <p className="hint">
          {hasModel
            ? 'Press Evaluate to compare fresh synthetic rows with the training rows and the held-out rows.'
            : 'Train a model first; then Evaluate compares its rows with the real ones.'}
        </p>
      )}
      {running && (
        <div className="report-progress">
          <progress aria-label="Report progress" value={report.progress.fraction} max={1} />
          <span>{report.progress.stage}…</span>
        </div>
      )}
      {report.status === 'failed' && <p className="warning">{report.error}</p>}
      {done && <ReportView report={done.report} stale={done.runId !== run.runId} />}
    </section>
  );
});

function ReportView({ report, stale }: { report: EvaluationReport; stale: boolean }) {
  return (
    <>
      <p className="summary">
        {report.table} · model {report.model.id} after {report.model.step.toLocaleString('en')} of{' '}
        {report.model.totalSteps.toLocaleString('en')} steps, {trainingPrivacyText(report.model)} · target{' '}
        {report.target.name} ({report.target.task}) · computed in {seconds(report.timingsMs.total)}
      </p>
      <p className="hint">{report.sample.note}</p>
      {stale && (
        <p className="warning">
          This report is of an earlier model: training was reset since. Evaluate again.
        </p>
      )}
      <Warnings warnings={report.warnings} />
      <ReportHelp />
      <FidelitySection report={report} />
      <UtilitySection report={report} />
      <PrivacySection report={report} />
    </>
  );
}

function save(text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(url);
}

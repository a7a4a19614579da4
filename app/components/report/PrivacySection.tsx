import type { EvaluationReport } from '../../../src/api';
import { privacyFacts } from '../../report/facts';
import { dcrSvg } from '../../report/plots';
import { Facts, SvgFigure } from './Figures';

export function PrivacySection({ report }: { report: EvaluationReport }) {
  return (
    <section className="report-section" aria-labelledby="report-privacy">
      <h3 id="report-privacy">Privacy</h3>
      <p className="hint">
        Do the rows leak training rows? Distances are averaged over columns: |a − b| / range for numbers (at
        most 1), 0 or 1 for categories.
      </p>
      <Facts facts={privacyFacts(report)} label="Privacy scores" />
      <SvgFigure label="Distance to closest record" svg={dcrSvg(report.privacy.figure)} />
    </section>
  );
}

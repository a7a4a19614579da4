import type { ReportWarning } from '../../../src/api';
import type { Fact } from '../../report/facts';
import { VERDICT_BANDS, WARNING_HELP } from '../../report/help';

/** An SVG plot made by app/report/plots.ts; its text is escaped there, so it can be inserted as markup. */
export function SvgFigure({ label, svg }: { label: string; svg: string }) {
  return (
    <figure className="report-figure" aria-label={label}>
      <div className="report-svg" dangerouslySetInnerHTML={{ __html: svg }} />
      <figcaption>{label}</figcaption>
    </figure>
  );
}

export function Facts({ facts, label }: { facts: Fact[]; label: string }) {
  return (
    <dl className="report-facts" aria-label={label}>
      {facts.map((f) => (
        <div key={f.label}>
          <dt>{f.label}</dt>
          <dd>
            <strong>{f.value}</strong>
            {f.verdict && (
              <span className={`verdict verdict-${f.verdict.tone}`} title={f.verdict.detail}>
                {f.verdict.words}
              </span>
            )}
            {f.verdict && <small>{f.verdict.detail}.</small>}
            <small>{f.hint}</small>
          </dd>
        </div>
      ))}
    </dl>
  );
}

export function Warnings({ warnings }: { warnings: ReportWarning[] }) {
  if (warnings.length === 0) return null;
  return (
    <section className="report-warnings" aria-labelledby="report-warnings">
      <h3 id="report-warnings">Read with care</h3>
      <ul>
        {warnings.map((w) => (
          <li key={`${w.kind}-${'column' in w ? w.column : ''}`} className="warning">
            {w.text}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** How to read the verdicts and warnings: the bands, their sources and the warnings' rules. */
export function ReportHelp() {
  return (
    <details className="report-help">
      <summary>How to read the verdicts and warnings</summary>
      {VERDICT_BANDS.map((set) => (
        <div key={set.figure}>
          <h4>{set.figure}</h4>
          <ul>
            {set.bands.map((b) => (
              <li key={b.words}>
                <span className={`verdict verdict-${b.tone}`}>{b.words}</span>: {b.range}
              </li>
            ))}
          </ul>
          <p className="hint">Source: {set.source}</p>
        </div>
      ))}
      <h4>Warnings</h4>
      <ul>
        {WARNING_HELP.map((w) => (
          <li key={w.title}>
            <strong>{w.title}</strong>: {w.rule}
          </li>
        ))}
      </ul>
    </details>
  );
}

/** One group of a paired table: a row of real figures above a row of synthetic ones, and an optional cell spanning both. */
export interface PairedGroup {
  name: string;
  real: string[];
  synthetic: string[];
  spanning?: string;
}

/** Groups of two rows, real above synthetic (the utility table, the tails table). */
export function PairedTable({
  label,
  groupHeader,
  sideHeader,
  headers,
  spanningHeader,
  groups,
}: {
  label: string;
  groupHeader: string;
  sideHeader: string;
  headers: string[];
  spanningHeader?: string;
  groups: PairedGroup[];
}) {
  return (
    <div className="table-scroll">
      <table aria-label={label} className="report-table">
        <thead>
          <tr>
            <th scope="col">{groupHeader}</th>
            <th scope="col">{sideHeader}</th>
            {headers.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
            {spanningHeader && <th scope="col">{spanningHeader}</th>}
          </tr>
        </thead>
        {groups.map((g) => (
          <tbody key={g.name}>
            <tr>
              <th scope="rowgroup" rowSpan={2}>
                {g.name}
              </th>
              <td>Real</td>
              {g.real.map((c, i) => (
                <td key={i}>{c}</td>
              ))}
              {g.spanning !== undefined && (
                <td rowSpan={2}>
                  <strong>{g.spanning}</strong>
                </td>
              )}
            </tr>
            <tr>
              <td>Synthetic</td>
              {g.synthetic.map((c, i) => (
                <td key={i}>{c}</td>
              ))}
            </tr>
          </tbody>
        ))}
      </table>
    </div>
  );
}

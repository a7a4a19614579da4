import type { Fact } from '../../report/facts';

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
            <small>{f.hint}</small>
          </dd>
        </div>
      ))}
    </dl>
  );
}

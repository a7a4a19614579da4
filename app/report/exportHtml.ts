import type { EvaluationReport } from '../../src/eval/report/types';
import { concordanceText, fidelityFacts, privacyFacts, utilityIntro, utilityTable, type Fact } from './facts';
import { score, seconds } from './format';
import { columnSvg, correlationSvgs, dcrSvg, utilitySvg } from './plots';
import { escapeXml as esc } from './svg';

/**
 * The report as one self-contained HTML page: inline styles and inline SVG plots, no script and no external
 * asset, so it opens anywhere, offline, exactly as exported.
 */
export function reportHtml(report: EvaluationReport): string {
  const u = report.utility;
  const facts = (list: Fact[]) =>
    `<dl>${list.map((f) => `<dt>${esc(f.label)}</dt><dd><strong>${esc(f.value)}</strong> <span>${esc(f.hint)}</span></dd>`).join('')}</dl>`;
  const figure = (caption: string, svg: string) =>
    `<figure>${svg}<figcaption>${esc(caption)}</figcaption></figure>`;

  const shapeRows = report.fidelity.quality.shapes
    .map(
      (s) =>
        `<tr><th scope="row">${esc(s.column)}</th><td>${esc(s.metric)}</td><td>${score(s.score)}</td></tr>`,
    )
    .join('');
  const correlation = report.fidelity.correlation
    ? `<div class="grid">${correlationSvgs(report.fidelity.correlation)
        .map((c) => figure(c.title, c.svg))
        .join('')}</div>`
    : '<p>Fewer than two numeric columns: no correlation matrix.</p>';

  let utility: string;
  if (u.ok) {
    const table = utilityTable(u);
    const rows = table.models
      .map(
        (m) =>
          `<tr><th scope="rowgroup" rowspan="2">${esc(m.name)}</th><td>Real</td>${m.real.map((c) => `<td>${c}</td>`).join('')}<td rowspan="2">${m.gap}</td></tr>` +
          `<tr><td>Synthetic</td>${m.synthetic.map((c) => `<td>${c}</td>`).join('')}</tr>`,
      )
      .join('');
    const ranking = (title: string, names: string[]) =>
      `<div><h3>${esc(title)}</h3><ol>${names.map((n) => `<li>${esc(n)}</li>`).join('')}</ol></div>`;
    utility =
      `<p>${esc(utilityIntro(u))}</p>` +
      `<table><thead><tr><th>Model</th><th>Trained on</th>${table.headers.map((h) => `<th>${esc(h)}</th>`).join('')}<th>Utility gap</th></tr></thead><tbody>${rows}</tbody></table>` +
      figure('Held-out risk per model class', utilitySvg(u) ?? '') +
      `<h3>Model-comparison consistency</h3><p>Concordant pairs: <strong>${score(u.consistency.concordance)}</strong> ` +
      `(${esc(concordanceText(u.consistency))}); Kendall τ: <strong>${score(u.consistency.kendallTau)}</strong>.</p>` +
      `<div class="grid">${ranking('Ranked by training on real rows', u.realRanking)}${ranking('Ranked by training on synthetic rows', u.syntheticRanking)}</div>`;
  } else utility = `<p class="error">${esc(u.error)}</p>`;
  utility +=
    `<h3>χ² divergence estimate</h3><p><strong>${score(u.chiSquare.estimate)}</strong> ` +
    `(χ² between the real and synthetic feature distributions, from the density ratio of a real-vs-synthetic classifier). ${esc(u.chiSquare.caveat)}</p>`;

  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(`Synthetic data report: ${report.table}`)}</title>
<style>
body{font-family:system-ui,sans-serif;font-size:16px;line-height:1.45;color:#111827;max-width:1100px;margin:2rem auto;padding:0 1rem}
h1{font-size:1.7rem}h2{margin-top:2.5rem;border-bottom:2px solid #d1d5db}dl{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem}
dt{font-weight:600}dd{margin:0}dd span{color:#4b5563}table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #d1d5db;padding:.3rem .6rem;text-align:left}
figure{margin:1rem 0}figcaption{color:#4b5563}.grid{display:flex;flex-wrap:wrap;gap:1rem}.error{color:#b91c1c}
</style></head><body>
<h1>${esc(`Synthetic data report: ${report.table}`)}</h1>
<p>Model ${esc(report.model.id)} after ${report.model.step.toLocaleString('en')} of ${report.model.totalSteps.toLocaleString('en')} steps. Target: ${esc(report.target.name)} (${report.target.task}). ${esc(report.sample.note)} Computed in ${seconds(report.timingsMs.total)}.</p>
<section><h2>Fidelity</h2>${facts(fidelityFacts(report))}
<table><thead><tr><th>Column</th><th>Metric</th><th>Score</th></tr></thead><tbody>${shapeRows}</tbody></table>
<div class="grid">${report.fidelity.columns.map((c) => figure(c.column, columnSvg(c))).join('')}</div>
<h3>Correlation matrices</h3>${correlation}</section>
<section><h2>Utility</h2>${utility}</section>
<section><h2>Privacy</h2>${facts(privacyFacts(report))}
${figure('Distance to closest record: to training rows and to held-out rows', dcrSvg(report.privacy.figure))}</section>
</body></html>
`;
}

import type { EvaluationReport } from '../../src/api';
import {
  chiSquareText,
  consistencyText,
  fidelityFacts,
  privacyFacts,
  TAIL_HEADERS,
  trainingPrivacyText,
  tailRows,
  utilityFacts,
  utilityIntro,
  utilityTable,
  type Fact,
} from './facts';
import { measure, percent, seconds } from './format';
import { helpHtml } from './help';
import { columnSvg, correlationSvgs, dcrSvg, utilitySvg } from './plots';
import { escapeXml as esc } from './svg';

/**
 * The report as one self-contained HTML page: inline styles and inline SVG plots, no script and no external
 * asset, so it opens anywhere, offline, exactly as exported.
 */
export function reportHtml(report: EvaluationReport): string {
  const u = report.utility;
  const facts = (list: Fact[]) =>
    `<dl>${list
      .map(
        (f) =>
          `<dt>${esc(f.label)}</dt><dd><strong>${esc(f.value)}</strong>` +
          (f.verdict
            ? ` <em class="verdict ${f.verdict.tone}">${esc(f.verdict.words)}</em> <span>(${esc(f.verdict.detail)})</span>`
            : '') +
          ` <span>${esc(f.hint)}</span></dd>`,
      )
      .join('')}</dl>`;
  const figure = (caption: string, svg: string) =>
    `<figure>${svg}<figcaption>${esc(caption)}</figcaption></figure>`;
  const pairedRows = (
    rows: { name: string; first: string[]; second: string[]; after?: string }[],
    labels: [string, string],
  ) =>
    rows
      .map(
        (r) =>
          `<tr><th scope="rowgroup" rowspan="2">${esc(r.name)}</th><td>${labels[0]}</td>${r.first.map((c) => `<td>${esc(c)}</td>`).join('')}` +
          `${r.after === undefined ? '' : `<td rowspan="2">${esc(r.after)}</td>`}</tr>` +
          `<tr><td>${labels[1]}</td>${r.second.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`,
      )
      .join('');

  const warnings =
    report.warnings.length > 0
      ? `<section><h2>Read with care</h2><ul>${report.warnings.map((w) => `<li class="error">${esc(w.text)}</li>`).join('')}</ul></section>`
      : '';
  const shapeRows = report.fidelity.quality.shapes
    .map(
      (s) =>
        `<tr><th scope="row">${esc(s.column)}</th><td>${esc(s.metric)}</td><td>${esc(measure(s.score))}` +
        `${s.score.ok ? '' : ` (${esc(s.score.reason)})`}</td></tr>`,
    )
    .join('');
  const correlation = report.fidelity.correlation
    ? `<div class="grid">${correlationSvgs(report.fidelity.correlation)
        .map((c) => figure(c.title, c.svg))
        .join(
          '',
        )}</div>${report.fidelity.correlation.blanks.map((b) => `<p>Blank cells: a correlation is undefined where ${esc(b)}.</p>`).join('')}`
    : '<p>Fewer than two numeric columns: no correlation matrix.</p>';
  const tails = tailRows(report);
  const tailTable =
    tails.length > 0
      ? `<h3>Tails</h3><table><thead><tr><th>Column</th><th>Rows</th>${TAIL_HEADERS.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead>` +
        `<tbody>${pairedRows(
          tails.map((t) => ({ name: t.column, first: t.real, second: t.synthetic })),
          ['Real', 'Synthetic'],
        )}</tbody></table>`
      : '';
  const unseen = report.fidelity.unseenLevels;
  const unseenList =
    unseen.length > 0
      ? `<h3>Categories no synthetic row has</h3><ul>${unseen
          .map(
            (x) =>
              `<li>${esc(x.column)}: ${esc(x.levels.map((l) => `"${l.level}" (${percent(l.share)} of real rows, ~${Math.round(l.expected)} expected)`).join(', '))}</li>`,
          )
          .join('')}</ul>`
      : '';

  let utility: string;
  if (u.ok) {
    const table = utilityTable(u);
    const ranking = (title: string, names: string[]) =>
      `<div><h3>${esc(title)}</h3><ol>${names.map((n) => `<li>${esc(n)}</li>`).join('')}</ol></div>`;
    utility =
      facts(utilityFacts(report, u)) +
      `<p>${esc(utilityIntro(u))}</p>` +
      `<table><thead><tr><th>Model</th><th>Trained on</th>${table.headers.map((h) => `<th>${esc(h)}</th>`).join('')}<th>Utility gap</th></tr></thead><tbody>` +
      pairedRows(
        table.models.map((m) => ({ name: m.name, first: m.real, second: m.synthetic, after: m.gap })),
        ['Real', 'Synthetic'],
      ) +
      `</tbody></table>${table.notes.map((n) => `<p>${esc(n)}</p>`).join('')}` +
      figure('Held-out risk per model class', utilitySvg(u) ?? '') +
      `<h3>Model-comparison consistency</h3><p>${esc(consistencyText(u.consistency))}</p>` +
      `<div class="grid">${ranking('Ranked by training on real rows', u.realRanking)}${ranking('Ranked by training on synthetic rows', u.syntheticRanking)}</div>`;
  } else utility = `<p class="error">${esc(u.error)}</p>`;
  const chi = chiSquareText(u);
  utility += `<h3>χ² divergence estimate</h3><p><strong>${esc(chi.value)}</strong> ${esc(chi.text)}</p>`;

  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(`Synthetic data report: ${report.table}`)}</title>
<style>
body{font-family:system-ui,sans-serif;font-size:16px;line-height:1.45;color:#111827;max-width:1100px;margin:2rem auto;padding:0 1rem}
h1{font-size:1.7rem}h2{margin-top:2.5rem;border-bottom:2px solid #d1d5db}dl{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem}
dt{font-weight:600}dd{margin:0}dd span{color:#4b5563}table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #d1d5db;padding:.3rem .6rem;text-align:left}
figure{margin:1rem 0}svg{max-width:100%;height:auto}figcaption{color:#4b5563}.grid{display:flex;flex-wrap:wrap;gap:1rem}.error{color:#b91c1c}
.verdict{font-style:normal;font-weight:600;padding:0 .4rem;border-radius:999px}.good{background:#dcfce7}.fair{background:#fef9c3}.poor{background:#fee2e2}.source{color:#4b5563}
</style></head><body>
<h1>${esc(`Synthetic data report: ${report.table}`)}</h1>
<p>Model ${esc(report.model.id)} after ${report.model.step.toLocaleString('en')} of ${report.model.totalSteps.toLocaleString('en')} steps, ${esc(trainingPrivacyText(report.model))}. Target: ${esc(report.target.name)} (${report.target.task}). ${esc(report.sample.note)} Computed in ${seconds(report.timingsMs.total)}.</p>
${warnings}
<section><h2>Fidelity</h2>${facts(fidelityFacts(report))}
<table><thead><tr><th>Column</th><th>Metric</th><th>Score</th></tr></thead><tbody>${shapeRows}</tbody></table>
<div class="grid">${report.fidelity.columns.map((c) => figure(c.column, columnSvg(c))).join('')}</div>
${tailTable}${unseenList}
<h3>Correlation matrices</h3>${correlation}</section>
<section><h2>Utility</h2>${utility}</section>
<section><h2>Privacy</h2>${facts(privacyFacts(report))}
${figure('Distance to closest record: to training rows and to held-out rows', dcrSvg(report.privacy.figure))}</section>
<section><h2>How to read the verdicts and warnings</h2>${helpHtml(esc)}</section>
</body></html>
`;
}

import {
  DETECTION_BANDS,
  PRIVACY_BANDS,
  QUALITY_BANDS,
  UTILITY_BANDS,
  WARNING_RULES,
  type BandSet,
} from '../../src/api';

/** How to read the report: each verdict's bands with their source, and when a warning appears. */
export const VERDICT_BANDS: readonly BandSet[] = [
  QUALITY_BANDS,
  DETECTION_BANDS,
  UTILITY_BANDS,
  PRIVACY_BANDS,
];

export const WARNING_HELP: readonly { title: string; rule: string }[] = [
  { title: 'Imbalanced target', rule: WARNING_RULES.imbalance },
  { title: 'Small held-out split', rule: WARNING_RULES.holdout },
  { title: 'Missing tail', rule: WARNING_RULES.tail },
  { title: 'Categories never generated', rule: WARNING_RULES.categories },
];

/** The same help as HTML text, for the export. */
export function helpHtml(esc: (text: string) => string): string {
  const sets = VERDICT_BANDS.map(
    (set) =>
      `<h3>${esc(set.figure)}</h3><ul>${set.bands
        .map((b) => `<li><strong>${esc(b.words)}</strong>: ${esc(b.range)}</li>`)
        .join('')}</ul><p class="source">Source: ${esc(set.source)}</p>`,
  ).join('');
  const rules = WARNING_HELP.map((w) => `<li><strong>${esc(w.title)}</strong>: ${esc(w.rule)}</li>`).join('');
  return `${sets}<h3>Warnings</h3><ul>${rules}</ul>`;
}

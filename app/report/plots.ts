import {
  formatTime,
  type ColumnFigure,
  type CorrelationFigure,
  type DcrFigure,
  type EvaluationReport,
} from '../../src/api';
import { groupedBarsSvg, heatmapSvg, HOLDOUT_COLOUR, REAL_COLOUR, SYNTHETIC_COLOUR } from './svg';

/** Each figure of the report as SVG text, from the report's numbers alone. */

const percent = (v: number) => `${Math.round(v * 100)}%`;

export function columnSvg(figure: ColumnFigure): string {
  const series = [
    { name: 'Real', colour: REAL_COLOUR, values: figure.real },
    { name: 'Synthetic', colour: SYNTHETIC_COLOUR, values: figure.synthetic },
  ];
  if (figure.kind === 'bars') {
    return groupedBarsSvg({
      title: `${figure.column}: share of rows per category`,
      categories: figure.levels,
      series,
      yLabel: 'Share of rows',
      format: percent,
    });
  }
  const { time } = figure;
  // Dates and date-times are labelled by the day of the bin's centre (days or seconds since 1970).
  const label = (v: number) =>
    time ? formatTime(time.kind === 'date' ? v : v / 86_400, { kind: 'date' }) : formatValue(v);
  const centres = figure.edges.slice(0, -1).map((lo, i) => label((lo + figure.edges[i + 1]!) / 2));
  return groupedBarsSvg({
    title: `${figure.column}: share of rows per bin`,
    categories: centres,
    series,
    yLabel: 'Share of rows',
    labelEvery: 4,
    format: percent,
  });
}

/** Real, synthetic and their difference (synthetic − real), in that order. */
export function correlationSvgs(figure: CorrelationFigure): { title: string; svg: string }[] {
  const difference = figure.synthetic.map((row, i) =>
    row.map((v, j) => {
      const r = figure.real[i]?.[j] ?? null;
      return v === null || r === null ? null : v - r;
    }),
  );
  return [
    { title: 'Correlation, real rows', values: figure.real },
    { title: 'Correlation, synthetic rows', values: figure.synthetic },
    { title: 'Difference (synthetic − real)', values: difference },
  ].map(({ title, values }) => ({
    title,
    svg: heatmapSvg({ title, labels: figure.columns, values, range: 1 }),
  }));
}

export function dcrSvg(figure: DcrFigure): string {
  return groupedBarsSvg({
    title: 'Distance to closest record of each synthetic row',
    categories: figure.edges.slice(0, -1).map((lo, i) => ((lo + figure.edges[i + 1]!) / 2).toFixed(3)),
    series: [
      { name: 'To training rows', colour: SYNTHETIC_COLOUR, values: figure.train },
      { name: 'To held-out rows', colour: HOLDOUT_COLOUR, values: figure.holdout },
    ],
    yLabel: 'Share of synthetic rows',
    labelEvery: 4,
    format: percent,
  });
}

/** Held-out risk per model class, trained on real rows beside trained on synthetic rows. */
export function utilitySvg(utility: EvaluationReport['utility']): string | null {
  if (!utility.ok) return null;
  const models: { name: string; riskReal: number; riskSynthetic: number }[] = utility.models;
  return groupedBarsSvg({
    title: `Held-out risk (${utility.risk}) per model class`,
    categories: models.map((m) => m.name),
    series: [
      { name: 'Trained on real', colour: REAL_COLOUR, values: models.map((m) => m.riskReal) },
      { name: 'Trained on synthetic', colour: SYNTHETIC_COLOUR, values: models.map((m) => m.riskSynthetic) },
    ],
    yLabel: utility.risk === 'error rate' ? 'Error rate' : 'Mean squared error',
    format: utility.risk === 'error rate' ? percent : undefined,
  });
}

function formatValue(v: number): string {
  const abs = Math.abs(v);
  if (abs >= 1000) return String(Math.round(v));
  if (abs >= 10) return v.toFixed(1);
  return v.toFixed(2);
}

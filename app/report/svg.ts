/**
 * The report's plots as self-contained SVG text: the page shows them and the HTML export embeds the very
 * same markup, so what a user downloads is what they saw. Every text that comes from the user's table is
 * escaped. Sizes are in user units; the SVG scales to its container through its viewBox, by a style rule
 * where it is shown (an inline style attribute would break the page's Content-Security-Policy).
 */

export const REAL_COLOUR = '#1d4ed8';
export const SYNTHETIC_COLOUR = '#ea580c';
export const HOLDOUT_COLOUR = '#059669';

const FONT = "font-family='system-ui, sans-serif'";

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export interface BarSeries {
  name: string;
  colour: string;
  values: number[];
}

export interface GroupedBarsOptions {
  title: string;
  /** One label per group along the x axis. */
  categories: string[];
  series: BarSeries[];
  yLabel: string;
  /** Top of the y axis; the largest value (rounded up) when left out. */
  yMax?: number;
  /** Show every n-th category label (histograms have many bins). */
  labelEvery?: number;
  format?: (v: number) => string;
}

/** Bars grouped per category, one colour per series, with axes, gridlines and a legend. */
export function groupedBarsSvg(options: GroupedBarsOptions): string {
  const { title, categories, series, yLabel } = options;
  const format = options.format ?? ((v: number) => formatTick(v));
  const width = 720;
  const height = 380;
  const rotate = categories.some((c) => c.length > 6) && options.labelEvery === undefined;
  const margin = { top: 56, right: 20, bottom: rotate ? 110 : 56, left: 72 };
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const largest = Math.max(0, ...series.flatMap((s) => s.values.filter(Number.isFinite)));
  const yMax = options.yMax ?? niceCeiling(largest);
  const y = (v: number) => margin.top + plotHeight - (Math.max(0, Math.min(v, yMax)) / yMax) * plotHeight;
  const group = plotWidth / Math.max(categories.length, 1);
  const barWidth = (group * 0.8) / Math.max(series.length, 1);
  const parts: string[] = [];
  parts.push(text(width / 2, 24, title, { size: 18, anchor: 'middle', weight: 600 }));
  for (let i = 0; i <= 4; i++) {
    const v = (yMax * i) / 4;
    parts.push(
      `<line x1='${margin.left}' x2='${width - margin.right}' y1='${y(v)}' y2='${y(v)}' stroke='#e5e7eb'/>`,
      text(margin.left - 8, y(v) + 5, format(v), { size: 13, anchor: 'end' }),
    );
  }
  categories.forEach((category, c) => {
    series.forEach((s, k) => {
      const value = s.values[c] ?? 0;
      const x = margin.left + c * group + group * 0.1 + k * barWidth;
      const top = y(value);
      parts.push(
        `<rect x='${x.toFixed(1)}' y='${top.toFixed(1)}' width='${Math.max(barWidth - 1, 1).toFixed(1)}' ` +
          `height='${(margin.top + plotHeight - top).toFixed(1)}' fill='${s.colour}'>` +
          `<title>${escapeXml(`${s.name}, ${category}: ${format(value)}`)}</title></rect>`,
      );
    });
    if (c % (options.labelEvery ?? 1) !== 0) return;
    const lx = margin.left + c * group + group / 2;
    const ly = margin.top + plotHeight + 20;
    parts.push(
      rotate
        ? `<text x='${lx}' y='${ly}' font-size='13' ${FONT} text-anchor='end' transform='rotate(-35 ${lx} ${ly})'>${escapeXml(shorten(category, 18))}</text>`
        : text(lx, ly, shorten(category, 14), { size: 13, anchor: 'middle' }),
    );
  });
  parts.push(
    `<line x1='${margin.left}' x2='${width - margin.right}' y1='${margin.top + plotHeight}' y2='${margin.top + plotHeight}' stroke='#111827'/>`,
    `<text x='18' y='${margin.top + plotHeight / 2}' font-size='14' ${FONT} text-anchor='middle' transform='rotate(-90 18 ${margin.top + plotHeight / 2})'>${escapeXml(yLabel)}</text>`,
  );
  parts.push(legend(series, width - margin.right, 44));
  return svg(width, height, title, parts);
}

export interface HeatmapOptions {
  title: string;
  labels: string[];
  /** Null where the value is undefined: the cell is left blank (grey, no number). */
  values: (number | null)[][];
  /** Values are coloured on [−range, range]: blue below zero, red above. */
  range: number;
}

/** A square matrix as coloured cells with the values written in them. */
export function heatmapSvg({ title, labels, values, range }: HeatmapOptions): string {
  const n = labels.length;
  const cell = Math.max(34, Math.min(64, Math.floor(360 / Math.max(n, 1))));
  const labelSpace = 150;
  const width = labelSpace + n * cell + 20;
  const height = 50 + labelSpace + n * cell;
  const parts: string[] = [text(width / 2, 24, title, { size: 18, anchor: 'middle', weight: 600 })];
  const top = 40 + labelSpace;
  labels.forEach((label, i) => {
    parts.push(
      text(labelSpace - 8, top + i * cell + cell / 2 + 5, shorten(label, 20), { size: 13, anchor: 'end' }),
    );
    const x = labelSpace + i * cell + cell / 2;
    parts.push(
      `<text x='${x}' y='${top - 8}' font-size='13' ${FONT} transform='rotate(-50 ${x} ${top - 8})'>${escapeXml(shorten(label, 20))}</text>`,
    );
  });
  values.forEach((row, i) =>
    row.forEach((v, j) => {
      const x = labelSpace + j * cell;
      const y = top + i * cell;
      if (v === null) {
        parts.push(
          `<rect x='${x}' y='${y}' width='${cell - 1}' height='${cell - 1}' fill='#e5e7eb'>` +
            `<title>${escapeXml(`${labels[i]} × ${labels[j]}: undefined`)}</title></rect>`,
        );
        return;
      }
      parts.push(
        `<rect x='${x}' y='${y}' width='${cell - 1}' height='${cell - 1}' fill='${divergingColour(v / range)}'>` +
          `<title>${escapeXml(`${labels[i]} × ${labels[j]}: ${v.toFixed(3)}`)}</title></rect>`,
        text(x + cell / 2, y + cell / 2 + 5, v.toFixed(2), {
          size: cell >= 44 ? 13 : 11,
          anchor: 'middle',
          fill: Math.abs(v / range) > 0.6 ? '#ffffff' : '#111827',
        }),
      );
    }),
  );
  return svg(width, height, title, parts);
}

function svg(width: number, height: number, title: string, parts: string[]): string {
  return (
    `<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 ${width} ${height}' width='${width}' height='${height}' ` +
    `role='img' aria-label='${escapeXml(title)}'>` +
    `<rect width='${width}' height='${height}' fill='#ffffff'/>${parts.join('')}</svg>`
  );
}

function text(
  x: number,
  y: number,
  content: string,
  style: { size: number; anchor: 'start' | 'middle' | 'end'; weight?: number; fill?: string },
): string {
  return (
    `<text x='${x.toFixed(1)}' y='${y.toFixed(1)}' font-size='${style.size}' ${FONT} text-anchor='${style.anchor}'` +
    `${style.weight ? ` font-weight='${style.weight}'` : ''} fill='${style.fill ?? '#111827'}'>${escapeXml(content)}</text>`
  );
}

function legend(series: BarSeries[], right: number, y: number): string {
  let x = right;
  const items: string[] = [];
  for (const s of [...series].reverse()) {
    const w = s.name.length * 8 + 28;
    x -= w;
    items.push(
      `<rect x='${x}' y='${y - 11}' width='14' height='14' fill='${s.colour}'/>`,
      text(x + 20, y + 1, s.name, { size: 14, anchor: 'start' }),
    );
  }
  return items.join('');
}

/** −1 → blue, 0 → white, +1 → red. */
function divergingColour(t: number): string {
  const v = Math.max(-1, Math.min(1, Number.isFinite(t) ? t : 0));
  const [r, g, b] = v < 0 ? [29, 78, 216] : [185, 28, 28];
  const a = Math.abs(v);
  const mix = (c: number) => Math.round(255 + (c - 255) * a);
  return `rgb(${mix(r)},${mix(g)},${mix(b)})`;
}

function niceCeiling(v: number): number {
  if (!(v > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(v));
  const steps = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];
  return (steps.find((s) => s * power >= v) ?? 10) * power;
}

function formatTick(v: number): string {
  if (v === 0) return '0';
  if (Math.abs(v) >= 1000 || Math.abs(v) < 0.01) return v.toPrecision(2);
  return String(Number(v.toPrecision(3)));
}

function shorten(label: string, max: number): string {
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}

import { memo, useContext, useState } from 'react';
import { useElementSize } from '../useElementWidth';
import { ProjectorContext } from './classroom/projector';
import type { LossPoint } from '../../src/api';

/*
 * The loss curves as plain SVG: a path per series, a few ticks, a legend. recharts drew the same
 * picture through hundreds of components and a store on every update, tens of milliseconds of main
 * thread each time on this machine class; this draws in about a millisecond.
 */

const COLOURS = ['#dc2626', '#2563eb', '#16a34a', '#9333ea', '#ea580c'];
/**
 * The drawing's size in its own units at most: a chart drawn wider keeps these proportions (its text
 * grows with it, full screen); one drawn smaller is drawn at its CSS size, so its 13 px text stays
 * 13 px. Scaled down as a whole into the watching screen's 9rem, it read at 7 px.
 */
const BASE_WIDTH = 720;
const BASE_HEIGHT = 280;
/**
 * Room around the plot for text of `size` units (13 on the page, 28 in projector mode): the ticks'
 * labels (up to five characters) and the axes' titles beside them, so neither overlaps the other and
 * "Training step" is not cut at the bottom.
 */
function padFor(size: number) {
  return {
    left: Math.round(size * 5.4),
    right: Math.round(size * 4.8),
    top: Math.round(size * 0.8),
    bottom: Math.round(size * 3.6),
  };
}
/**
 * The right axis's title: its series by name where they fit along the plot's height, else only what
 * the legend names them by (on the watching screen the explorer's "MAE (forest), surrogate agreement
 * (dashed)" ran past both ends of a 150-unit plot). A character is taken as 0.6 of the text size.
 */
function rightTitle(series: string[], length: number, size: number): string {
  const named = `${series.join(', ')} (dashed)`;
  return named.length * size * 0.6 <= length ? named : 'dashed curves';
}

/** The ticks' and titles' size on the page; projector mode draws them at 28 (classroom.css). */
const TEXT = 13;
const PROJECTOR_TEXT = 28;
const LEGEND = {
  display: 'flex',
  flexWrap: 'wrap',
  gap: '0.25rem 1.25rem',
  margin: '0.25rem 0 0',
  padding: 0,
  listStyle: 'none',
  fontSize: '0.9rem',
} as const;
const LEGEND_ITEM = { display: 'flex', alignItems: 'center', gap: '0.4rem' } as const;
const SWATCH = { display: 'inline-block', width: '1rem', height: '0.2rem', borderRadius: 1 } as const;
const LAST_VALUE = { color: '#6b7280', fontVariantNumeric: 'tabular-nums' } as const;

interface Scale {
  min: number;
  max: number;
  ticks: number[];
}

/** About five round tick values covering [min, max]. */
export function niceScale(min: number, max: number): Scale {
  if (!(max > min)) [min, max] = [min - 1, max + 1];
  const raw = (max - min) / 5;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw)!;
  const lo = Math.floor(min / step) * step;
  const hi = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let t = lo; t <= hi + step / 2; t += step) ticks.push(Number(t.toPrecision(12)));
  return { min: lo, max: hi, ticks };
}

function extent(values: (number | null)[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v === null || !Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

const label = (v: number) =>
  Math.abs(v) >= 1e4 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(1) : String(v);

/**
 * Curves of the given series (names joined by newlines, so a memo can compare them): the losses on the
 * left axis, the last `metricCount` series (a weight in force, an accuracy) as dashed steps on the right.
 */
export const LossCurves = memo(function LossCurves({
  namesKey,
  metricCount,
  points,
  label: svgLabel = 'Loss curves by step',
  valueTitle = 'Loss',
}: {
  namesKey: string;
  metricCount: number;
  points: LossPoint[];
  label?: string;
  /** The left axis's title: what the curves on it measure. */
  valueTitle?: string;
}) {
  const [box, size] = useElementSize<HTMLDivElement>(BASE_WIDTH, BASE_HEIGHT);
  // Projector mode sets SVG text to 28 units (classroom.css): drawn on the long page's 720 units, as
  // before, the axes keep room for text that large.
  const projector = useContext(ProjectorContext);
  const zoom = projector ? size.width / BASE_WIDTH : Math.max(1, size.width / BASE_WIDTH);
  const [width, height] = [size.width / zoom, size.height / zoom];
  const text = projector ? PROJECTOR_TEXT : TEXT;
  const PAD = padFor(text);
  const names = namesKey.split('\n');
  // The point under the pointer, by index: its step and every series' exact value are read out.
  const [hovered, setHovered] = useState<number | null>(null);
  const steps = points.map((p) => p.step);
  const columns = names.map((_, i) => points.map((p) => p.values[i] ?? null));
  const isWeight = names.map((_, i) => i >= names.length - metricCount);
  const left = niceScale(...extent(columns.filter((_, i) => !isWeight[i]).flat()));
  const right = isWeight.some(Boolean)
    ? niceScale(...extent(columns.filter((_, i) => isWeight[i]).flat()))
    : null;
  const [first, last] = [steps[0] ?? 0, steps.at(-1) ?? 1];
  // The x axis spans the run exactly; its ticks are the round steps inside it.
  const span = niceScale(first, last > first ? last : first + 1);
  const x = { min: first, max: last > first ? last : first + 1, ticks: [] as number[] };
  x.ticks = span.ticks.filter((t) => t >= x.min && t <= x.max);
  const px = (step: number) => PAD.left + ((step - x.min) / (x.max - x.min)) * (width - PAD.left - PAD.right);
  const py = (v: number, s: Scale) =>
    height - PAD.bottom - ((v - s.min) / (s.max - s.min)) * (height - PAD.top - PAD.bottom);

  const path = (values: (number | null)[], scale: Scale, stepped: boolean) => {
    let d = '';
    let open = false;
    values.forEach((v, k) => {
      // null: a step of the other player alone, no point here; the line goes on to the next one.
      if (v === null) return;
      if (!Number.isFinite(v)) return void (open = false);
      const [cx, cy] = [px(steps[k]!).toFixed(1), py(v, scale).toFixed(1)];
      if (!open) d += `M${cx} ${cy}`;
      else d += stepped ? `H${cx}V${cy}` : `L${cx} ${cy}`;
      open = true;
    });
    return d;
  };

  return (
    <>
      <div className="loss-curves" ref={box}>
        <svg
          viewBox={`0 0 ${width} ${height}`}
          width="100%"
          height="100%"
          role="img"
          aria-label={svgLabel}
          onMouseMove={(event) => {
            const matrix = event.currentTarget.getScreenCTM();
            if (!matrix || steps.length === 0) return;
            const at = new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix.inverse());
            const step = x.min + ((at.x - PAD.left) / (width - PAD.left - PAD.right)) * (x.max - x.min);
            setHovered(nearestIndex(steps, step));
          }}
          onMouseLeave={() => setHovered(null)}
        >
          {left.ticks.map((t) => (
            <g key={`y${t}`}>
              <line
                x1={PAD.left}
                x2={width - PAD.right}
                y1={py(t, left)}
                y2={py(t, left)}
                stroke="#e5e7eb"
                strokeDasharray="3 3"
              />
              <text x={PAD.left - 6} y={py(t, left)} textAnchor="end" dominantBaseline="middle" fontSize={13}>
                {label(t)}
              </text>
            </g>
          ))}
          {right?.ticks.map((t) => (
            <text
              key={`r${t}`}
              x={width - PAD.right + 6}
              y={py(t, right)}
              dominantBaseline="middle"
              fontSize={13}
            >
              {label(t)}
            </text>
          ))}
          {x.ticks.map((t) => (
            <text
              key={`x${t}`}
              x={px(t)}
              y={height - PAD.bottom + text * 1.65}
              textAnchor="middle"
              fontSize={13}
            >
              {label(t)}
            </text>
          ))}
          <AxisTitle x={(PAD.left + width - PAD.right) / 2} y={height - text * 0.7} text="Training step" />
          <AxisTitle x={text * 0.7} y={(PAD.top + height - PAD.bottom) / 2} text={valueTitle} vertical />
          {right && (
            <AxisTitle
              x={width - text * 0.7}
              y={(PAD.top + height - PAD.bottom) / 2}
              text={rightTitle(
                names.filter((_, i) => isWeight[i]),
                height - PAD.top - PAD.bottom,
                text,
              )}
              vertical
            />
          )}
          {columns.map((values, i) => (
            <path
              key={names[i]}
              d={path(values, isWeight[i] ? right! : left, isWeight[i]!)}
              fill="none"
              stroke={COLOURS[i % COLOURS.length]}
              strokeWidth={2}
              strokeDasharray={isWeight[i] ? '6 3' : undefined}
            />
          ))}
          {hovered !== null && hovered < steps.length && (
            <g className="chart-readout" pointerEvents="none">
              <line
                x1={px(steps[hovered]!)}
                x2={px(steps[hovered]!)}
                y1={PAD.top}
                y2={height - PAD.bottom}
                stroke="#6b7280"
                strokeDasharray="2 2"
              />
              <text x={PAD.left + 8} y={PAD.top + 14} fontSize={14} fill="#111827">
                {readout(steps[hovered]!, names, columns, hovered)}
              </text>
            </g>
          )}
        </svg>
      </div>
      <ul style={LEGEND}>
        {names.map((name, i) => (
          <li key={name} style={LEGEND_ITEM}>
            <span style={{ ...SWATCH, background: COLOURS[i % COLOURS.length] }} />
            <span>{name}</span>
            <span style={LAST_VALUE}>{columns[i]!.findLast((v) => v !== null)?.toFixed(3)}</span>
          </li>
        ))}
      </ul>
    </>
  );
});

/** The index of the step nearest `step` in the ascending `steps`. */
function nearestIndex(steps: number[], step: number): number {
  let best = 0;
  for (let i = 1; i < steps.length; i++)
    if (Math.abs(steps[i]! - step) < Math.abs(steps[best]! - step)) best = i;
  return best;
}

/** "Step 1,200: discriminator 1.2345 · generator 0.8765", the series this point has. */
function readout(step: number, names: string[], columns: (number | null)[][], index: number): string {
  const values = names.flatMap((name, i) => {
    const v = columns[i]![index];
    return v === null || v === undefined ? [] : [`${name} ${v.toFixed(4)}`];
  });
  return `Step ${step.toLocaleString('en')}: ${values.join(' · ')}`;
}

function AxisTitle({ x, y, text, vertical }: { x: number; y: number; text: string; vertical?: boolean }) {
  return (
    <text
      className="axis-title"
      x={x}
      y={y}
      textAnchor="middle"
      dominantBaseline="middle"
      fontSize={13}
      fill="#4b5563"
      transform={vertical ? `rotate(-90 ${x} ${y})` : undefined}
    >
      {text}
    </text>
  );
}

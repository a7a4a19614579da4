import { memo, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { ColumnView } from '../../../src/api';
import { reducedMotion } from '../../reducedMotion';

const WIDTH = 160;
const HEIGHT = 44;
const GROW = { duration: 400, easing: 'ease-out' } as const;
/**
 * A bar whose share moves less than this (a hundredth of the chart's height, under half a pixel) jumps
 * instead: each running animation costs the main thread at every frame the page draws while training.
 */
const STILL = 0.01;
export const REAL_COLOUR = '#94a3b8';
export const GENERATED_COLOUR = '#d97706';

/** A bar of the column views: `column` indexes the view's columns, `bin` that column's bins. */
export interface BarRef {
  column: number;
  bin: number;
}

interface Props {
  columns: ColumnView[];
  /** The bar whose rows are shown, if any: drawn outlined. */
  opened?: BarRef | null;
  /** Click, or Enter on a focused bar: show the rows behind it. */
  onOpen?: (bar: BarRef) => void;
}

/**
 * Small multiples, one per column: real rows as grey bars, the generated fixed batch as orange bars in
 * front, as shares of their rows, over the same bins. Bars grow and shrink in an animation, so a new
 * snapshot reads as movement. Each shows its shape score (KS or TV complement: 1 is a match).
 * Hover or focus a bar for its exact figures (read from the snapshot shown, so they follow it); click
 * it, or press Enter, for the rows behind it. Each chart is one stop of the Tab key; ← → move along it.
 */
export const ColumnViews = memo(function ColumnViews({ columns, opened = null, onOpen }: Props) {
  const [pointed, setPointed] = useState<BarRef | null>(null);
  // Nothing pointed at: the opened bar's figures stay, so the rows below do not jump.
  const shown = pointed ?? opened;
  const column = shown && columns[shown.column];
  const readout =
    column && shown.bin < column.bins.length
      ? `${column.name} ${barText(column, shown.bin)}`
      : 'Hover or focus a bar for its figures, click it (or press Enter) for its rows; the score is 1 when a column has the real shape.';
  return (
    <>
      <ul className="column-views" aria-label="Columns, real against generated">
        {columns.map((view, c) => (
          <li key={view.name}>
            <ColumnChart
              column={view}
              opened={opened?.column === c ? opened.bin : null}
              onPoint={(bin) => setPointed(bin === null ? null : { column: c, bin })}
              onOpen={onOpen && ((bin) => onOpen({ column: c, bin }))}
            />
          </li>
        ))}
      </ul>
      <p className="column-hover" aria-live="polite">
        {readout}
      </p>
    </>
  );
});

interface ChartProps {
  column: ColumnView;
  opened: number | null;
  onPoint: (bin: number | null) => void;
  onOpen: ((bin: number) => void) | undefined;
}

function ColumnChart({ column, opened, onPoint, onOpen }: ChartProps) {
  const real = shares(column.real);
  const generated = shares(column.generated);
  const top = Math.max(...real, ...generated, 1e-9);
  const slot = WIDTH / column.bins.length;
  // The bar the Tab key stops at in this chart (a roving tab stop).
  const [active, setActive] = useState(0);
  const bars = useRef<(SVGGElement | null)[]>([]);
  const scoreText = column.score === null ? 'not computable' : column.score.toFixed(2);
  const range =
    column.kind === 'numeric'
      ? `${column.bins[0]!.split(' to ')[0]} … ${column.bins.at(-1)!.split(' to ')[1]}`
      : `${column.bins.length} levels`;
  const onKey = (event: KeyboardEvent, bin: number) => {
    const move = { ArrowLeft: -1, ArrowRight: 1, Home: -Infinity, End: Infinity }[event.key];
    if (event.key === 'Enter') {
      event.preventDefault();
      onOpen?.(bin);
    } else if (move !== undefined) {
      // Handled here: ← → are also the page's snapshot keys, which must not fire as well.
      event.preventDefault();
      const next = Math.max(0, Math.min(column.bins.length - 1, bin + move));
      setActive(next);
      bars.current[next]?.focus();
    }
  };
  return (
    <figure
      className="column-view"
      aria-label={`${column.name}: ${short(column.metric)} ${scoreText}`}
      data-generated={column.generated.join(',')}
    >
      <figcaption>
        <span className="column-name" title={column.name}>
          {column.name}
        </span>
        <span className="column-score" title={`${column.metric}: 1 means the same shape as the real rows`}>
          {short(column.metric)} {scoreText}
        </span>
      </figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        role="group"
        aria-label={`${column.name} bars`}
        onMouseLeave={() => onPoint(null)}
      >
        {column.bins.map((bin, i) => {
          const x = i * slot;
          return (
            <g
              key={bin}
              ref={(element) => {
                bars.current[i] = element;
              }}
              className={`column-bar${opened === i ? ' opened' : ''}`}
              role="button"
              tabIndex={i === Math.min(active, column.bins.length - 1) ? 0 : -1}
              aria-label={`${column.name} ${barText(column, i)}`}
              data-bin={i}
              onMouseEnter={() => onPoint(i)}
              onFocus={() => {
                setActive(i);
                onPoint(i);
              }}
              onBlur={() => onPoint(null)}
              onClick={() => onOpen?.(i)}
              onKeyDown={(event) => onKey(event, i)}
            >
              <rect className="bar-slot" x={x} y={0} width={slot} height={HEIGHT} />
              <Bar x={x + slot * 0.08} width={slot * 0.84} share={real[i]! / top} colour={REAL_COLOUR} />
              <Bar
                x={x + slot * 0.3}
                width={slot * 0.4}
                share={generated[i]! / top}
                colour={GENERATED_COLOUR}
              />
            </g>
          );
        })}
      </svg>
      <p className="column-range">{range}</p>
    </figure>
  );
}

/**
 * A bar from the bottom, scaled rather than resized, growing to each new share. A Web Animation, not a
 * CSS transition: a transition fires three DOM events a bar, which React dispatches one by one through
 * the page's tree (hundreds a snapshot, tens of milliseconds of main thread in the frame it starts).
 */
function Bar({ x, width, share, colour }: { x: number; width: number; share: number; colour: string }) {
  const ref = useRef<SVGRectElement>(null);
  const last = useRef(share);
  useLayoutEffect(() => {
    const from = last.current;
    last.current = share;
    if (Math.abs(share - from) < STILL || reducedMotion()) return;
    ref.current?.animate([{ transform: `scaleY(${from})` }, { transform: `scaleY(${share})` }], GROW);
  }, [share]);
  return (
    <rect
      ref={ref}
      className="bar"
      x={x}
      y={0}
      width={width}
      height={HEIGHT}
      fill={colour}
      style={{ transform: `scaleY(${share})` }}
    />
  );
}

/** Exact figures of one bin of the snapshot shown. */
export function barText(column: ColumnView, i: number): string {
  const real = shares(column.real);
  const generated = shares(column.generated);
  return (
    `${column.bins[i]}: real ${percent(real[i]!)} (${column.real[i]} rows), ` +
    `generated ${percent(generated[i]!)} (${column.generated[i]} rows)`
  );
}

function shares(counts: number[]): number[] {
  const total = counts.reduce((s, n) => s + n, 0);
  return counts.map((n) => (total > 0 ? n / total : 0));
}

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
const short = (metric: ColumnView['metric']) => (metric === 'KSComplement' ? 'KS' : 'TV');

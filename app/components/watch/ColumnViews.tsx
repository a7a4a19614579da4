import { memo, useState } from 'react';
import type { ColumnView } from '../../../src/api';

const WIDTH = 160;
const HEIGHT = 44;
export const REAL_COLOUR = '#94a3b8';
export const GENERATED_COLOUR = '#d97706';

/**
 * Small multiples, one per column: real rows as grey bars, the generated fixed batch as orange bars in
 * front, as shares of their rows, over the same bins. Bars grow and shrink with a CSS transition, so
 * a new snapshot reads as movement. Each shows its shape score (KS or TV complement: 1 is a match).
 */
export const ColumnViews = memo(function ColumnViews({ columns }: { columns: ColumnView[] }) {
  const [hovered, setHovered] = useState<string | null>(null);
  return (
    <>
      <ul className="column-views" aria-label="Columns, real against generated">
        {columns.map((column) => (
          <li key={column.name}>
            <ColumnChart column={column} onHover={setHovered} />
          </li>
        ))}
      </ul>
      <p className="column-hover">
        {hovered ?? 'Hover a bar for its rows; the score is 1 when a column has the real shape.'}
      </p>
    </>
  );
});

function ColumnChart({ column, onHover }: { column: ColumnView; onHover: (text: string | null) => void }) {
  const real = shares(column.real);
  const generated = shares(column.generated);
  const top = Math.max(...real, ...generated, 1e-9);
  const slot = WIDTH / column.bins.length;
  const scoreText = column.score === null ? 'not computable' : column.score.toFixed(2);
  const range =
    column.kind === 'numeric'
      ? `${column.bins[0]!.split(' to ')[0]} … ${column.bins.at(-1)!.split(' to ')[1]}`
      : `${column.bins.length} levels`;
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
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" role="img" aria-label={`${column.name} bars`}>
        {column.bins.map((bin, i) => {
          const x = i * slot;
          return (
            <g
              key={bin}
              onMouseEnter={() => onHover(`${column.name} ${barText(column, i, real, generated)}`)}
              onMouseLeave={() => onHover(null)}
            >
              <title>{barText(column, i, real, generated)}</title>
              <rect x={x} y={0} width={slot} height={HEIGHT} fill="transparent" />
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

/** A bar from the bottom, scaled rather than resized, so the change is a transition. */
function Bar({ x, width, share, colour }: { x: number; width: number; share: number; colour: string }) {
  return (
    <rect
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

/** Exact figures of one bin, for hover. */
function barText(column: ColumnView, i: number, real: number[], generated: number[]): string {
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

import { memo, useMemo } from 'react';
import type { LossPoint, ModelPicture, PictureBox, StepPhase } from '../../../src/api';

/*
 * Any family's picture (its description's `picture`, plain data) as SVG: boxes on a grid, data arrows
 * forward, gradient arrows (dashed) back. The parts at work in the lit sub-steps are highlighted, and
 * each box shows the latest value of its series.
 */

const CELL = { width: 132, height: 48 };
const BOX = { width: 122, height: 40 };
/** Room above and below the grid for arrows bent around boxes. */
const MARGIN = 8;
/** Forward and backward arrows between the same boxes sit this far apart. */
const ARROW_GAP = 5;

interface Props {
  picture: ModelPicture;
  /** The sub-steps being done (all five while training runs); none when nothing is. */
  lit: readonly StepPhase[];
  /**
   * Whether lit arrows flow. Not while training runs: every arrow is lit then, and the flow (a dash
   * offset, which only the main thread can animate) cost it a style, paint and commit every frame, the
   * most of its time while training (issue 18's bench: 10 of 15 s busy with it, 4.5 without).
   */
  flowing: boolean;
  /** Series names, in the order of each point's values, joined by newlines (so the memo can compare them). */
  namesKey: string;
  points: readonly LossPoint[];
}

export const ModelPictureView = memo(function ModelPictureView({
  picture,
  lit,
  flowing,
  namesKey,
  points,
}: Props) {
  const columns = Math.max(...picture.boxes.map((b) => b.column)) + 1;
  const rows = Math.max(...picture.boxes.map((b) => b.row)) + 1;
  // The arrows' routes (each tried against every box) change only with the picture, not its figures.
  const routes = useMemo(() => arrowRoutes(picture), [picture]);
  // Arrows bent over the top row or under the bottom one reach past the grid: the view takes them in.
  const top = Math.min(-MARGIN, ...routes.map((r) => r.top - MARGIN));
  const bottom = Math.max(rows * CELL.height + MARGIN, ...routes.map((r) => r.bottom + MARGIN));
  const isLit = (parts: readonly StepPhase[]) => parts.some((p) => lit.includes(p));
  const latest = latestValues(namesKey.split('\n'), points);
  return (
    <figure
      className={`model-picture${flowing ? ' flowing' : ''}`}
      aria-label="The model"
      data-lit={lit.join(' ')}
    >
      <svg
        viewBox={`0 ${top} ${columns * CELL.width} ${bottom - top}`}
        role="img"
        aria-label={describe(picture)}
      >
        <defs>
          {(['data', 'gradient'] as const).map((kind) => (
            <marker
              key={kind}
              id={`picture-head-${kind}`}
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              markerWidth="6"
              markerHeight="6"
              orient="auto-start-reverse"
            >
              <path d="M0 0 L10 5 L0 10 z" className={`picture-head-${kind}`} />
            </marker>
          ))}
        </defs>
        {picture.arrows.map((arrow, i) => (
          <path
            key={`${arrow.from}-${arrow.to}-${arrow.kind}`}
            data-arrow={`${arrow.from}>${arrow.to}`}
            d={routes[i]!.d}
            className={`picture-arrow ${arrow.kind}${isLit(arrow.lit) ? ' lit' : ''}`}
            markerEnd={`url(#picture-head-${arrow.kind})`}
          />
        ))}
        {picture.boxes.map((box) => {
          const { x, y } = centre(box);
          const figures = box.series
            .filter((name) => latest.has(name))
            .map((name, i) => figure(name, latest.get(name)!, i > 0));
          return (
            <g
              key={box.id}
              data-box={box.id}
              className={`picture-box ${box.kind}${isLit(box.lit) ? ' lit' : ''}`}
            >
              <title>
                {[
                  `${box.label}: ${box.hint ?? box.note}`,
                  ...box.series.filter((n) => latest.has(n)).map((n) => `${n} ${latest.get(n)}`),
                ].join('\n')}
              </title>
              <rect
                x={x - BOX.width / 2}
                y={y - BOX.height / 2}
                width={BOX.width}
                height={BOX.height}
                rx={box.kind === 'network' ? 8 : 3}
              />
              <text x={x} y={y - 4} className="picture-label">
                {box.label}
              </text>
              <text x={x} y={y + 11} className="picture-figure">
                {figures.length > 0 ? figures.join(' · ') : box.note}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
});

/** An arrow's path, and how high and low it reaches. */
interface Route {
  d: string;
  top: number;
  bottom: number;
}

/** Each arrow's path, in the order of the picture's arrows. */
function arrowRoutes(picture: ModelPicture): Route[] {
  const byId = new Map(picture.boxes.map((b) => [b.id, b]));
  return picture.arrows.map((arrow) => {
    const back = picture.arrows.some((a) => a.from === arrow.to && a.to === arrow.from);
    const from = byId.get(arrow.from)!;
    const to = byId.get(arrow.to)!;
    const others = picture.boxes.filter((b) => b !== from && b !== to);
    return arrowPath(from, to, back ? ARROW_GAP : 0, others);
  });
}

const centre = (box: PictureBox) => ({
  x: (box.column + 0.5) * CELL.width,
  y: (box.row + 0.5) * CELL.height,
});

interface Point {
  x: number;
  y: number;
}

/**
 * From the edge of one box to the edge of the other: straight, shifted `shift` to its left (so a pair
 * of opposite arrows sits side by side), or bent over or under the boxes a straight line would cross.
 */
function arrowPath(from: PictureBox, to: PictureBox, shift: number, others: readonly PictureBox[]): Route {
  const a = centre(from);
  const b = centre(to);
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length = Math.hypot(dx, dy) || 1;
  const left = { x: -dy / length, y: dx / length };
  const middle = { x: (a.x + b.x) / 2 + left.x * shift, y: (a.y + b.y) / 2 + left.y * shift };
  const bend = [0, BEND, -BEND]
    .map((k) => ({ x: middle.x + left.x * k, y: middle.y + left.y * k }))
    .find((control) => !others.some((box) => curveCrosses(a, control, b, box)));
  const control = bend ?? middle;
  const start = edgeToward(a, control);
  const end = edgeToward(b, control);
  // A quadratic curve's extreme lies where its derivative is 0 (or at an end).
  const along = (start.y - control.y) / (start.y - 2 * control.y + end.y || 1e-9);
  const t = Math.min(1, Math.max(0, along));
  const turn = (1 - t) ** 2 * start.y + 2 * (1 - t) * t * control.y + t * t * end.y;
  return {
    d: `M${start.x} ${start.y} Q${control.x} ${control.y} ${end.x} ${end.y}`,
    top: Math.min(start.y, end.y, turn),
    bottom: Math.max(start.y, end.y, turn),
  };
}

/** How far a bent arrow's control point lies beside the straight line. */
const BEND = 64;

/** Where the ray from a box's centre toward `toward` leaves the box. */
function edgeToward(centre: Point, toward: Point): Point {
  const dx = toward.x - centre.x;
  const dy = toward.y - centre.y;
  const t = Math.min(BOX.width / 2 / Math.abs(dx || 1e-9), BOX.height / 2 / Math.abs(dy || 1e-9));
  return { x: centre.x + dx * t, y: centre.y + dy * t };
}

/** Whether the quadratic curve a → control → b passes through `box` (sampled). */
function curveCrosses(a: Point, control: Point, b: Point, box: PictureBox): boolean {
  const c = centre(box);
  for (let i = 1; i < 40; i++) {
    const t = i / 40;
    const x = (1 - t) ** 2 * a.x + 2 * (1 - t) * t * control.x + t * t * b.x;
    const y = (1 - t) ** 2 * a.y + 2 * (1 - t) * t * control.y + t * t * b.y;
    if (Math.abs(x - c.x) < BOX.width / 2 + 2 && Math.abs(y - c.y) < BOX.height / 2 + 2) return true;
  }
  return false;
}

/** The latest value of each series, from the newest point that has one. */
function latestValues(names: readonly string[], points: readonly LossPoint[]): Map<string, number> {
  const latest = new Map<string, number>();
  for (let p = points.length - 1; p >= 0 && latest.size < names.length; p--) {
    points[p]!.values.forEach((value, i) => {
      const name = names[i];
      if (name !== undefined && value !== null && Number.isFinite(value) && !latest.has(name))
        latest.set(name, value);
    });
  }
  return latest;
}

/** A box's own loss as a number; a further series (a term, λ) short-named and shorter, so both fit. */
function figure(name: string, value: number, further: boolean): string {
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : further ? 2 : 3;
  const text = value.toFixed(digits);
  return further ? `${name.slice(0, 4)} ${text}` : text;
}

/** The picture in words, for a screen reader. */
function describe(picture: ModelPicture): string {
  const label = (id: string) => picture.boxes.find((b) => b.id === id)?.label ?? id;
  const flows = picture.arrows.map(
    (a) => `${label(a.from)} ${a.kind === 'data' ? 'feeds' : 'sends gradients to'} ${label(a.to)}`,
  );
  return `The model: ${flows.join('; ')}.`;
}

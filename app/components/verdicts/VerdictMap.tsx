import {
  useCallback,
  useContext,
  useEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
  type RefObject,
} from 'react';
import type { PointRole } from '../../../src/api';
import { ProjectorContext } from '../classroom/projector';
import {
  fitView,
  lerpView,
  pointAt,
  pointInDirection,
  roleCounts,
  ROLE_COLOURS,
  ROLE_LABELS,
  type VerdictMapData,
  type View,
} from './mapModel';
import { useElementWidth } from '../../useElementWidth';

interface Props {
  map: VerdictMapData | null;
  pinned: number | null;
  onPin: (index: number | null) => void;
  canvasRef: RefObject<HTMLCanvasElement | null>;
}

const HEIGHT = 420;
const ANIMATION_MS = 700;
const HOVER_RADIUS = 8;
/** Screen direction of each arrow key (y down). */
const ARROWS: Record<string, [number, number]> = {
  ArrowRight: [1, 0],
  ArrowLeft: [-1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};
/** Drawn in this order, so generated points sit on top of the real cloud. */
const LAYERS: readonly PointRole[] = ['real', 'rejected', 'fooled'];

/** What is on screen now: positions mid-animation, each point's opacity, and the view. */
interface Frame {
  positions: Float32Array;
  alpha: Float32Array;
  view: View;
}

const ease = (t: number) => (t < 0.5 ? 4 * t * t * t : 1 - (-2 * t + 2) ** 3 / 2);

/**
 * The t-SNE map on a canvas: thousands of points in one path per colour, animated from the previous
 * map (points with the same key glide, new ones fade in), hover for a tooltip, click to pin.
 */
export function VerdictMap({ map, pinned, onPin, canvasRef }: Props) {
  const [wrapperRef, width] = useElementWidth<HTMLDivElement>(640);
  // On a projector the map takes the width it has (fitted to it) and its points are at least 8 px.
  const projector = useContext(ProjectorContext);
  const height = projector
    ? Math.max(HEIGHT, Math.min(Math.round(width * 0.62), window.innerHeight - 120))
    : HEIGHT;
  const minRadius = projector ? 4 : 0;
  const [hover, setHover] = useState<{ index: number; x: number; y: number } | null>(null);
  const frame = useRef<Frame | null>(null);
  /** Screen x, y of every point in the last drawn frame, for hit testing. */
  const screen = useRef(new Float32Array(0));
  const shownMap = useRef<VerdictMapData | null>(null);

  const draw = useCallback(() => {
    const canvas = canvasRef.current;
    const current = frame.current;
    const data = shownMap.current;
    if (!canvas) return;
    const ratio = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(width * ratio)) canvas.width = Math.round(width * ratio);
    if (canvas.height !== Math.round(height * ratio)) canvas.height = Math.round(height * ratio);
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    if (!current || !data) return;
    const { positions, alpha, view } = current;
    const count = positions.length / 2;
    const xy = new Float32Array(count * 2);
    for (let i = 0; i < count; i++) {
      xy[2 * i] = (positions[2 * i]! - view.centreX) / view.scale + width / 2;
      xy[2 * i + 1] = height / 2 - (positions[2 * i + 1]! - view.centreY) / view.scale;
    }
    screen.current = xy;
    const { roles } = data.sample;
    const dense = count > 2000;
    for (const role of LAYERS) {
      const radius = Math.max(minRadius, role === 'real' ? (dense ? 1.8 : 2.6) : dense ? 3.2 : 4.2);
      ctx.fillStyle = ROLE_COLOURS[role];
      // Fading points are drawn one by one; settled ones share one path per colour.
      ctx.globalAlpha = role === 'real' ? 0.55 : 1;
      ctx.beginPath();
      for (let i = 0; i < count; i++) {
        if (roles[i] !== role || alpha[i]! < 1) continue;
        ctx.moveTo(xy[2 * i]! + radius, xy[2 * i + 1]!);
        ctx.arc(xy[2 * i]!, xy[2 * i + 1]!, radius, 0, 2 * Math.PI);
      }
      ctx.fill();
      for (let i = 0; i < count; i++) {
        if (roles[i] !== role || alpha[i]! >= 1) continue;
        ctx.globalAlpha = (role === 'real' ? 0.55 : 1) * alpha[i]!;
        ctx.beginPath();
        ctx.arc(xy[2 * i]!, xy[2 * i + 1]!, radius, 0, 2 * Math.PI);
        ctx.fill();
      }
    }
    ctx.globalAlpha = 1;
    if (pinned !== null && pinned < count) {
      const near = data.sample.nearest[pinned];
      if (near && near.onMap >= 0) {
        ctx.strokeStyle = '#111827';
        ctx.setLineDash([4, 3]);
        ctx.beginPath();
        ctx.moveTo(xy[2 * pinned]!, xy[2 * pinned + 1]!);
        ctx.lineTo(xy[2 * near.onMap]!, xy[2 * near.onMap + 1]!);
        ctx.stroke();
        ctx.setLineDash([]);
        ring(ctx, xy, near.onMap, 6, ROLE_COLOURS.real);
      }
      ring(ctx, xy, pinned, 7, '#111827');
    }
    if (hover && hover.index < count) ring(ctx, xy, hover.index, 6, '#111827');
  }, [canvasRef, width, height, minRadius, pinned, hover]);
  // The animation outlives renders: it calls whatever draw is current (hover, pin, width).
  const drawRef = useRef(draw);
  useEffect(() => {
    drawRef.current = draw;
  }, [draw]);

  // A new map: glide from what is on screen to the new positions.
  useEffect(() => {
    if (!map) {
      frame.current = null;
      shownMap.current = null;
      draw();
      return;
    }
    const target = { positions: map.positions, view: fitView(map.positions, width, height) };
    const from = frame.current;
    const previous = shownMap.current;
    shownMap.current = map;
    const count = map.keys.length;
    if (!from || !previous || previous === map) {
      frame.current = { ...target, alpha: new Float32Array(count).fill(1) };
      draw();
      return;
    }
    const place = new Map(previous.keys.map((key, i) => [key, i]));
    const start = new Float32Array(count * 2);
    const known = new Uint8Array(count);
    map.keys.forEach((key, i) => {
      const j = place.get(key);
      known[i] = j === undefined ? 0 : 1;
      start[2 * i] = j === undefined ? map.positions[2 * i]! : from.positions[2 * j]!;
      start[2 * i + 1] = j === undefined ? map.positions[2 * i + 1]! : from.positions[2 * j + 1]!;
    });
    const began = performance.now();
    let handle = 0;
    const step = () => {
      const t = Math.min(1, (performance.now() - began) / ANIMATION_MS);
      const e = ease(t);
      const positions = new Float32Array(count * 2);
      for (let i = 0; i < count * 2; i++) positions[i] = start[i]! + (target.positions[i]! - start[i]!) * e;
      const alpha = new Float32Array(count);
      for (let i = 0; i < count; i++) alpha[i] = known[i] ? 1 : e;
      frame.current = { positions, alpha, view: lerpView(from.view, target.view, e) };
      drawRef.current();
      if (t < 1) handle = requestAnimationFrame(step);
    };
    handle = requestAnimationFrame(step);
    return () => {
      cancelAnimationFrame(handle);
      // Interrupted: settle on the target so the next animation starts from a finished map.
      frame.current = { ...target, alpha: new Float32Array(count).fill(1) };
    };
    // Only a new map starts an animation; the draw function changes with hover and pin.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [map]);

  // Resizing refits the view; hover and pin redraw.
  useEffect(() => {
    const current = frame.current;
    if (current && shownMap.current)
      frame.current = { ...current, view: fitView(current.positions, width, height) };
    draw();
  }, [width, height, draw]);

  const counts = map ? roleCounts(map.sample.roles) : { real: 0, fooled: 0, rejected: 0 };
  const pick = (event: MouseEvent<HTMLCanvasElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    const x = event.clientX - box.left;
    const y = event.clientY - box.top;
    return { index: pointAt(screen.current, x, y, HOVER_RADIUS), x, y };
  };
  const hovered = hover && map ? hover.index : -1;
  // The keyboard moves the same highlight the mouse does: arrows between points, Enter pins.
  const onKeyDown = (event: KeyboardEvent<HTMLCanvasElement>) => {
    const count = screen.current.length / 2;
    if (!map || count === 0) return;
    const arrow = ARROWS[event.key];
    if (arrow) {
      event.preventDefault();
      const from = hovered >= 0 && hovered < count ? hovered : -1;
      const to = pointInDirection(screen.current, from, arrow[0], arrow[1], { x: width / 2, y: height / 2 });
      if (to >= 0) setHover({ index: to, x: screen.current[2 * to]!, y: screen.current[2 * to + 1]! });
    } else if ((event.key === 'Enter' || event.key === ' ') && hovered >= 0) {
      event.preventDefault();
      onPin(hovered);
    } else if (event.key === 'Escape') {
      setHover(null);
      onPin(null);
    }
  };

  return (
    <div className="verdict-map" ref={wrapperRef}>
      <canvas
        ref={canvasRef}
        role="img"
        aria-label="t-SNE map"
        aria-describedby="verdict-map-keys"
        aria-keyshortcuts="ArrowUp ArrowDown ArrowLeft ArrowRight Enter Escape"
        tabIndex={0}
        onKeyDown={onKeyDown}
        style={{ width: `${width}px`, height: `${height}px` }}
        data-real-count={counts.real}
        data-fooled-count={counts.fooled}
        data-rejected-count={counts.rejected}
        data-step={map?.sample.snapshot.step ?? ''}
        onMouseMove={(event) => {
          const hit = pick(event);
          setHover(hit.index >= 0 ? hit : null);
        }}
        onMouseLeave={() => setHover(null)}
        onClick={(event) => {
          const hit = pick(event);
          onPin(hit.index >= 0 ? hit.index : null);
        }}
      />
      {map && hovered >= 0 && hover && (
        <PointTooltip map={map} index={hovered} x={hover.x} y={hover.y} width={width} />
      )}
      <p id="verdict-map-keys" className="hint">
        Keyboard: focus the map, then the arrow keys move between points, Enter pins one, Escape clears.
      </p>
      <p className="visually-hidden" aria-live="polite">
        {map && hovered >= 0 ? describePoint(map, hovered) : ''}
      </p>
    </div>
  );
}

function ring(ctx: CanvasRenderingContext2D, xy: Float32Array, i: number, radius: number, colour: string) {
  ctx.strokeStyle = colour;
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.arc(xy[2 * i]!, xy[2 * i + 1]!, radius, 0, 2 * Math.PI);
  ctx.stroke();
  ctx.lineWidth = 1;
}

function PointTooltip({
  map,
  index,
  x,
  y,
  width,
}: {
  map: VerdictMapData;
  index: number;
  x: number;
  y: number;
  width: number;
}) {
  const { sample } = map;
  const role = sample.roles[index]!;
  const near = sample.nearest[index];
  const left = x > width / 2 ? x - 16 : x + 16;
  return (
    <div
      role="tooltip"
      className="verdict-tooltip"
      style={{
        left: `${left}px`,
        top: `${Math.min(y, HEIGHT - 40)}px`,
        transform: x > width / 2 ? 'translateX(-100%)' : undefined,
      }}
    >
      <strong style={{ color: ROLE_COLOURS[role] }}>{ROLE_LABELS[role]}</strong>
      <div>Discriminator score {sample.scores[index]!.toFixed(3)}</div>
      {near && <div>Nearest real row at {near.distance.toFixed(2)} (encoded space)</div>}
      <dl>
        {sample.columns.map((column, c) => (
          <div key={column}>
            <dt>{column}</dt>
            <dd>{sample.cells[index]![c] ?? '·'}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

/** What a screen reader hears when the keyboard reaches a point. */
function describePoint(map: VerdictMapData, index: number): string {
  const { sample } = map;
  const near = sample.nearest[index];
  return (
    `${ROLE_LABELS[sample.roles[index]!]}, discriminator score ${sample.scores[index]!.toFixed(3)}` +
    (near ? `, nearest real row at ${near.distance.toFixed(2)}` : '') +
    `: ${sample.columns.map((column, c) => `${column} ${sample.cells[index]![c] ?? 'missing'}`).join(', ')}`
  );
}

import {
  memo,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
} from 'react';
import type { DiscriminatorMap, MapPoint, MapRow } from '../../../src/api';
import type { Engine } from '../../engineClient';
import { ProjectorContext } from '../classroom/projector';
import { pointAt, pointInDirection } from '../verdicts/mapModel';
import {
  easeOut,
  glide,
  heatCanvas,
  MAP_COLOURS,
  pointOf,
  toScreen,
  verdictOf,
  type MapVerdict,
} from './mapDrawing';
import { reducedMotion } from '../../reducedMotion';
import { useElementWidth } from '../../useElementWidth';
import { DataTable } from '../DataTable';

export { MAP_COLOURS } from './mapDrawing';

/** The plane is drawn 8:5, at most this tall off a projector (22rem). */
const ASPECT = 5 / 8;
const MAX_HEIGHT = 352;
const GLIDE_MS = 600;
const HOVER_RADIUS = 8;
const ARROWS: Record<string, [number, number]> = {
  ArrowRight: [1, 0],
  ArrowLeft: [-1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

/** What is on screen: the points' plane positions mid-glide and the lattice fading in over the last. */
interface Frame {
  generated: Float32Array;
  heat: HTMLCanvasElement;
  fadingHeat: HTMLCanvasElement | null;
  /** 0 to 1: how far the glide and the fade have gone. */
  t: number;
}

interface Hover {
  /** Point i of real then generated points. */
  i: number;
  x: number;
  y: number;
}

/**
 * The discriminator's view on a fixed plane (principal components of the real rows), on one canvas:
 * its score over the plane behind (fading from snapshot to snapshot), real rows and the fixed generated
 * rows on it, the generated ones coloured by verdict and gliding from snapshot to snapshot (the same
 * rows each time). Hover a point for its row and score; click (or Enter) to keep the row below.
 */
export const DiscriminatorMapView = memo(function DiscriminatorMapView({
  map,
  engine,
}: {
  map: DiscriminatorMap;
  engine: Engine | null;
}) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [wrapperRef, width] = useElementWidth<HTMLDivElement>(400);
  const projector = useContext(ProjectorContext);
  const height = Math.round(
    projector
      ? Math.max(width * ASPECT, Math.min(width, window.innerHeight - 220))
      : Math.min(width * ASPECT, MAX_HEIGHT),
  );
  // Points of at least 8 px on a projector.
  const radius = { real: projector ? 4 : 2.2, generated: projector ? 5 : 2.8 };
  const frame = useRef<Frame | null>(null);
  const shown = useRef<DiscriminatorMap | null>(null);
  /** Screen x, y of real then generated points in the last frame drawn, for hit testing. */
  const screen = useRef(new Float32Array(0));
  const [hover, setHover] = useState<Hover | null>(null);
  const [pinned, setPinned] = useState<MapRow | null>(null);
  const hoverRow = useMapRow(engine, map, hover ? hover.i : -1);

  const draw = useCallback(() => {
    const canvas = canvasRef.current;
    const current = frame.current;
    const data = shown.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context || !current || !data) return;
    const ratio = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(width * ratio)) canvas.width = Math.round(width * ratio);
    if (canvas.height !== Math.round(height * ratio)) canvas.height = Math.round(height * ratio);
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.imageSmoothingEnabled = true;
    context.globalAlpha = 1;
    if (current.fadingHeat) context.drawImage(current.fadingHeat, 0, 0, width, height);
    context.globalAlpha = current.fadingHeat ? current.t : 1;
    context.drawImage(current.heat, 0, 0, width, height);
    context.globalAlpha = 1;
    const real = toScreen(data.real, data.extent, width, height);
    const generated = toScreen(current.generated, data.extent, width, height);
    const all = new Float32Array(real.length + generated.length);
    all.set(real);
    all.set(generated, real.length);
    screen.current = all;
    // One path per colour: a few hundred arcs cost well under a millisecond.
    const layers: [MapVerdict, Float32Array, Float32Array, number][] = [
      ['real', real, data.realScores, radius.real],
      ['rejected', generated, data.generatedScores, radius.generated],
      ['fooled', generated, data.generatedScores, radius.generated],
    ];
    context.strokeStyle = '#ffffff';
    context.lineWidth = projector ? 1 : 0.6;
    for (const [verdict, xy, scores, r] of layers) {
      context.beginPath();
      for (let i = 0; i < scores.length; i++) {
        if (verdictOf(verdict === 'real' ? 'real' : 'generated', scores[i]!) !== verdict) continue;
        context.moveTo(xy[2 * i]! + r, xy[2 * i + 1]!);
        context.arc(xy[2 * i]!, xy[2 * i + 1]!, r, 0, 2 * Math.PI);
      }
      context.fillStyle = MAP_COLOURS[verdict];
      context.fill();
      context.stroke();
    }
    if (hover && hover.i < all.length / 2) {
      context.strokeStyle = '#111827';
      context.lineWidth = 2;
      context.beginPath();
      context.arc(all[2 * hover.i]!, all[2 * hover.i + 1]!, radius.generated + 4, 0, 2 * Math.PI);
      context.stroke();
    }
    // radius is derived from `projector`, which is listed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [width, height, projector, hover]);
  const drawRef = useRef(draw);
  useEffect(() => {
    drawRef.current = draw;
  }, [draw]);

  // A new snapshot: the generated points glide and the lattice fades from what is on screen.
  useEffect(() => {
    const previous = frame.current;
    const heat = heatCanvas(map);
    shown.current = map;
    if (!previous || reducedMotion()) {
      frame.current = { generated: map.generated, heat, fadingHeat: null, t: 1 };
      drawRef.current();
      return;
    }
    const from = previous.generated;
    const fadingHeat = previous.heat;
    const began = performance.now();
    let handle = 0;
    const step = () => {
      const t = easeOut(Math.min(1, (performance.now() - began) / GLIDE_MS));
      frame.current = {
        generated: glide(from, map.generated, t),
        heat,
        fadingHeat: t < 1 ? fadingHeat : null,
        t,
      };
      drawRef.current();
      if (t < 1) handle = requestAnimationFrame(step);
    };
    handle = requestAnimationFrame(step);
    return () => {
      cancelAnimationFrame(handle);
      // Interrupted: settle, so the next glide starts from a finished map.
      frame.current = { generated: map.generated, heat, fadingHeat: null, t: 1 };
    };
  }, [map]);

  // Resizing, projector mode and hover redraw.
  useEffect(() => draw(), [draw]);

  const pick = (event: MouseEvent<HTMLCanvasElement>): Hover | null => {
    const box = event.currentTarget.getBoundingClientRect();
    const x = event.clientX - box.left;
    const y = event.clientY - box.top;
    const i = pointAt(screen.current, x, y, HOVER_RADIUS);
    return i >= 0 ? { i, x, y } : null;
  };
  const pin = (i: number | null) => {
    if (i === null || !engine) {
      setPinned(null);
      return;
    }
    void engine.mapRow(pointRequest(map, i)).then((result) => setPinned(result.ok ? result.value : null));
  };
  const onKeyDown = (event: KeyboardEvent<HTMLCanvasElement>) => {
    const arrow = ARROWS[event.key];
    if (arrow) {
      event.preventDefault();
      const to = pointInDirection(screen.current, hover?.i ?? -1, arrow[0], arrow[1], {
        x: width / 2,
        y: height / 2,
      });
      if (to >= 0) setHover({ i: to, x: screen.current[2 * to]!, y: screen.current[2 * to + 1]! });
    } else if ((event.key === 'Enter' || event.key === ' ') && hover) {
      event.preventDefault();
      pin(hover.i);
    } else if (event.key === 'Escape') {
      setHover(null);
      setPinned(null);
    }
  };

  const what = map.scale === 'probability' ? 'score' : 'share of real rows scored lower';
  const fooled = useMemo(
    () => map.generatedScores.reduce((n, s) => n + (verdictOf('generated', s) === 'fooled' ? 1 : 0), 0),
    [map.generatedScores],
  );
  // The targets on screen, for tests and tools: where each point comes to rest.
  const places = useMemo(
    () => ({
      grid: Array.from(map.gridScores, (s) => s.toFixed(3)).join(' '),
      real: joined(toScreen(map.real, map.extent, width, height)),
      generated: joined(toScreen(map.generated, map.extent, width, height)),
    }),
    [map, width, height],
  );
  const hovered = hover ? hover.i : -1;
  return (
    <figure
      className="discriminator-map"
      aria-label="The discriminator's view"
      data-step={map.snapshot.step}
      data-grid={places.grid}
      data-real={places.real}
      data-generated={places.generated}
    >
      <div className="map-canvas" ref={wrapperRef}>
        <canvas
          ref={canvasRef}
          role="img"
          aria-label={describe(map, fooled)}
          aria-keyshortcuts="ArrowUp ArrowDown ArrowLeft ArrowRight Enter Escape"
          tabIndex={0}
          style={{ width: `${width}px`, height: `${height}px` }}
          onKeyDown={onKeyDown}
          onMouseMove={(event) => setHover(pick(event))}
          onMouseLeave={() => setHover(null)}
          onClick={(event) => pin(pick(event)?.i ?? null)}
        />
        {hover && hovered < map.realScores.length + map.generatedScores.length && (
          <MapTooltip
            map={map}
            i={hovered}
            row={hoverRow}
            x={hover.x}
            y={hover.y}
            width={width}
            height={height}
            what={what}
          />
        )}
      </div>
      <figcaption className="column-hover">
        {`Snapshot at step ${map.snapshot.step.toLocaleString('en')}: ${fooled} of ${map.generatedScores.length} generated rows pass as real. Axes: the real rows' two main directions (${percent(map.explained[0])} and ${percent(map.explained[1])} of their spread). Hover a point for its row; click to keep it.`}
      </figcaption>
      <p className="visually-hidden" aria-live="polite">
        {hover ? `${label(map, hovered)}, ${what} ${scoreOf(map, hovered).toFixed(3)}` : ''}
      </p>
      {pinned && <PinnedRow row={pinned} what={what} onClose={() => setPinned(null)} />}
    </figure>
  );
});

/** The row behind point i of the map (−1: none), asked of the worker once per point and snapshot. */
function useMapRow(engine: Engine | null, map: DiscriminatorMap, i: number): MapRow | null {
  const [row, setRow] = useState<MapRow | null>(null);
  const cache = useRef(new Map<string, MapRow>());
  useEffect(() => {
    if (!engine || i < 0) return;
    const request = pointRequest(map, i);
    const key = `${request.snapshotId}:${request.kind}:${request.index}`;
    const known = cache.current.get(key);
    if (known) {
      setRow(known);
      return;
    }
    let live = true;
    void engine.mapRow(request).then((result) => {
      if (!result.ok) return;
      if (cache.current.size > 200) cache.current.clear();
      cache.current.set(key, result.value);
      if (live) setRow(result.value);
    });
    return () => {
      live = false;
    };
  }, [engine, map, i]);
  if (i < 0 || !row) return null;
  const request = pointRequest(map, i);
  const same =
    row.snapshotId === request.snapshotId && row.kind === request.kind && row.index === request.index;
  return same ? row : null;
}

function pointRequest(map: DiscriminatorMap, i: number): MapPoint {
  return { snapshotId: map.snapshot.id, ...pointOf(map, i) };
}

const scoreOf = (map: DiscriminatorMap, i: number) => {
  const { kind, index } = pointOf(map, i);
  return (kind === 'real' ? map.realScores : map.generatedScores)[index]!;
};

function label(map: DiscriminatorMap, i: number): string {
  const { kind, index } = pointOf(map, i);
  const verdict = verdictOf(kind, scoreOf(map, i));
  return kind === 'real'
    ? `Real row ${index + 1}`
    : `Generated row ${index + 1} (${verdict === 'fooled' ? 'passes as real' : 'rejected'})`;
}

function MapTooltip({
  map,
  i,
  row,
  x,
  y,
  width,
  height,
  what,
}: {
  map: DiscriminatorMap;
  i: number;
  row: MapRow | null;
  x: number;
  y: number;
  width: number;
  height: number;
  what: string;
}) {
  const { kind } = pointOf(map, i);
  // Beside the point, on the side with more room, and above it in the lower half.
  const right = x > width / 2;
  const below = y < height / 2;
  return (
    <div
      role="tooltip"
      className="verdict-tooltip map-tooltip"
      style={{
        left: `${right ? x - 12 : x + 12}px`,
        top: `${below ? y + 8 : y - 8}px`,
        transform: `translate(${right ? '-100%' : '0'}, ${below ? '0' : '-100%'})`,
      }}
    >
      <strong style={{ color: MAP_COLOURS[verdictOf(kind, scoreOf(map, i))] }}>{label(map, i)}</strong>
      <div>
        Discriminator {what} {scoreOf(map, i).toFixed(3)}
      </div>
      {row ? <Cells row={row} /> : <div className="hint">Reading its row…</div>}
    </div>
  );
}

function Cells({ row }: { row: MapRow }) {
  return (
    <dl>
      {row.columns.map((column, c) => (
        <div key={column}>
          <dt>{column}</dt>
          <dd>{row.cells[c] ?? '·'}</dd>
        </div>
      ))}
    </dl>
  );
}

function PinnedRow({ row, what, onClose }: { row: MapRow; what: string; onClose: () => void }) {
  const name = row.kind === 'real' ? `Real row ${row.index + 1}` : `Generated row ${row.index + 1}`;
  return (
    <section className="map-pinned" aria-label="The row behind the point">
      <p>
        <strong>{name}</strong> at step {row.step.toLocaleString('en')}: discriminator {what}{' '}
        {row.score.toFixed(3)}{' '}
        <button type="button" onClick={onClose}>
          Close
        </button>
      </p>
      <DataTable label={`${name}'s cells`} columns={row.columns} rows={[row.cells]} missing="·" />
    </section>
  );
}

const joined = (xy: Float32Array) => Array.from(xy, (v) => v.toFixed(1)).join(' ');

const percent = (share: number | undefined) => `${Math.round((share ?? 0) * 100)}%`;

function describe(map: DiscriminatorMap, fooled: number): string {
  return `The discriminator's view at step ${map.snapshot.step}: ${map.realScores.length} real rows, ${map.generatedScores.length} generated rows of which ${fooled} pass as real, over its score on the plane.`;
}

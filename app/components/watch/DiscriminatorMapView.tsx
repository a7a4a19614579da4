import {
  memo,
  useContext,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
} from 'react';
import type { DiscriminatorMap, MapPoint, MapRow, StepRows } from '../../../src/api';
import type { Engine } from '../../engineClient';
import { ProjectorContext } from '../classroom/projector';
import { pointAt, pointInDirection } from '../verdicts/mapModel';
import { glideAt, MAP_COLOURS, pointOf, toScreen, verdictOf } from './mapDrawing';
import { useMapPainter } from './useMapPainter';
import { reducedMotion } from '../../reducedMotion';
import { useElementWidth } from '../../useElementWidth';
import { DataTable } from '../DataTable';

export { MAP_COLOURS } from './mapDrawing';

/** The plane is drawn 8:5, at most this tall off a projector (22rem). */
const ASPECT = 5 / 8;
const MAX_HEIGHT = 352;
const HOVER_RADIUS = 8;
const ARROWS: Record<string, [number, number]> = {
  ArrowRight: [1, 0],
  ArrowLeft: [-1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

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
 * rows each time). Hover a point for its row and score; click (or Enter) to keep the row below. A
 * worker draws the canvas (useMapPainter): the page sends it each snapshot and hit-tests the points.
 * After a step by hand (Step, slow motion) the real rows of that step's batch that are on the map are ringed.
 */
export const DiscriminatorMapView = memo(function DiscriminatorMapView({
  map,
  engine,
  stepRows,
}: {
  map: DiscriminatorMap;
  engine: Engine | null;
  /** The last step by hand's batch; null: none to mark. */
  stepRows: StepRows | null;
}) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [wrapperRef, width] = useElementWidth<HTMLDivElement>(400);
  const projector = useContext(ProjectorContext);
  const height = Math.round(
    projector
      ? Math.max(width * ASPECT, Math.min(width, window.innerHeight - 220))
      : Math.min(width * ASPECT, MAX_HEIGHT),
  );
  const send = useMapPainter(canvasRef);
  /** The snapshot on screen and the glide to it: where the points are now, for hit testing. */
  const motion = useRef<{ map: DiscriminatorMap; from: Float32Array | null; began: number } | null>(null);
  const [hover, setHover] = useState<Hover | null>(null);
  const [pinned, setPinned] = useState<MapRow | null>(null);
  const hoverRow = useMapRow(engine, map, hover ? hover.i : -1);

  // A new snapshot: the painter glides the generated points and fades the lattice from what is on
  // screen (jumps under reduced motion); the page only sends it the map.
  useEffect(() => {
    const glide = motion.current !== null && !reducedMotion();
    motion.current = { map, from: glide ? motion.current!.map.generated : null, began: performance.now() };
    send({ type: 'map', map, glide });
  }, [map, send]);

  // Resizing, projector mode, hover and a step by hand's rings redraw.
  const hovered = hover ? hover.i : -1;
  const marked = useMemo(
    () => (stepRows?.onMap ?? []).filter((i) => i < map.realScores.length),
    [stepRows, map.realScores.length],
  );
  useEffect(() => {
    send({
      type: 'view',
      view: { width, height, ratio: window.devicePixelRatio || 1, projector, hover: hovered, marked },
    });
  }, [send, width, height, projector, hovered, marked]);

  /** Screen x, y of real then generated points as drawn now. */
  const screenNow = (): Float32Array => {
    const shown = motion.current;
    if (!shown) return new Float32Array(0);
    const { real, extent } = shown.map;
    const { generated } = glideAt(shown.from, shown.map.generated, shown.began, performance.now());
    const all = new Float32Array(real.length + generated.length);
    all.set(toScreen(real, extent, width, height));
    all.set(toScreen(generated, extent, width, height), real.length);
    return all;
  };

  const pick = (event: MouseEvent<HTMLCanvasElement>): Hover | null => {
    const box = event.currentTarget.getBoundingClientRect();
    const x = event.clientX - box.left;
    const y = event.clientY - box.top;
    const i = pointAt(screenNow(), x, y, HOVER_RADIUS);
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
      const screen = screenNow();
      const to = pointInDirection(screen, hover?.i ?? -1, arrow[0], arrow[1], {
        x: width / 2,
        y: height / 2,
      });
      if (to >= 0) setHover({ i: to, x: screen[2 * to]!, y: screen[2 * to + 1]! });
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
  return (
    <figure
      className="discriminator-map"
      aria-label="The discriminator's view"
      data-step={map.snapshot.step}
      data-grid={places.grid}
      data-real={places.real}
      data-generated={places.generated}
      data-marked={marked.join(' ')}
    >
      {/* Above the plane: under it, the sentence fell below a 720 px screen. */}
      {stepRows && (
        <p className="map-step-rows" aria-live="polite">
          <span className="ring-key" aria-hidden="true" /> {stepRowsText(stepRows, marked.length)}
        </p>
      )}
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
  // Beside the point, on the side with more room, and above it in the lower half; kept within the
  // map's height (a wide table's row, 15 cells on Adult, ran past the map and the screen's bottom).
  const box = useRef<HTMLDivElement>(null);
  const [tall, setTall] = useState(0);
  useLayoutEffect(() => {
    const measured = box.current?.offsetHeight ?? 0;
    if (measured !== tall) setTall(measured);
  }, [row, i, tall]);
  const right = x > width / 2;
  const below = y < height / 2;
  const top = Math.max(0, Math.min(below ? y + 8 : y - 8 - tall, height - tall));
  return (
    <div
      ref={box}
      role="tooltip"
      className="verdict-tooltip map-tooltip"
      style={{
        left: `${right ? x - 12 : x + 12}px`,
        top: `${top}px`,
        transform: right ? 'translateX(-100%)' : undefined,
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

/** Past this many cells a row's tooltip takes two columns of them, so it stays within the map. */
const ONE_COLUMN_CELLS = 8;

function Cells({ row }: { row: MapRow }) {
  return (
    <dl className={row.columns.length > ONE_COLUMN_CELLS ? 'two-up' : undefined}>
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

const PART_NAMES = {
  both: '',
  discriminator: ", the discriminator's update",
  generator: ", the generator's update",
} as const;

/** "Step 12, the discriminator's update: 9 of this step's 64 real rows are on the map, ringed." */
export function stepRowsText(rows: StepRows, shown: number): string {
  const where =
    shown === 0
      ? `none of this step's ${rows.batchRows.toLocaleString('en')} real rows is among the map's points`
      : `${shown.toLocaleString('en')} of this step's ${rows.batchRows.toLocaleString('en')} real rows ${shown === 1 ? 'is' : 'are'} on the map, ringed`;
  return `Step ${rows.step.toLocaleString('en')}${PART_NAMES[rows.part]}: ${where}.`;
}

const joined = (xy: Float32Array) => Array.from(xy, (v) => v.toFixed(1)).join(' ');

const percent = (share: number | undefined) => `${Math.round((share ?? 0) * 100)}%`;

function describe(map: DiscriminatorMap, fooled: number): string {
  return `The discriminator's view at step ${map.snapshot.step}: ${map.realScores.length} real rows, ${map.generatedScores.length} generated rows of which ${fooled} pass as real, over its score on the plane.`;
}

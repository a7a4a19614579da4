/**
 * The verdict map's data, apart from drawing: which point is which across snapshots, where a new
 * map starts and how it is turned to match the last one, and the CSV and summaries the panel shows.
 */
import {
  alignTo,
  histogram,
  meanAt,
  type PassCount,
  type PointRole,
  splitVerdicts,
  type VerdictSample,
  type WarmStart,
  writeCsv,
} from '../../../src/api';

/** A computed map: the sample and x, y per point. */
export interface VerdictMapData {
  sample: VerdictSample;
  positions: Float32Array;
  /** One per point: the same key names the same row in every snapshot's map. */
  keys: string[];
}

export const ROLES: readonly PointRole[] = ['real', 'fooled', 'rejected'];

/** Okabe–Ito colours: told apart with the common colour-vision deficiencies. */
export const ROLE_COLOURS: Record<PointRole, string> = {
  real: '#0072b2',
  fooled: '#e69f00',
  rejected: '#cc79a7',
};

export const ROLE_LABELS: Record<PointRole, string> = {
  real: 'Real',
  fooled: 'Fooled the discriminator',
  rejected: 'Rejected',
};

/** A real row is its training-row index; a generated one its place in the fixed batch. */
export function pointKeys(sample: Pick<VerdictSample, 'roles' | 'ids'>): string[] {
  return sample.roles.map((role, i) => `${role === 'real' ? 'r' : 'g'}${sample.ids[i]}`);
}

export function roleCounts(roles: readonly PointRole[]): Record<PointRole, number> {
  const counts = { real: 0, fooled: 0, rejected: 0 };
  for (const role of roles) counts[role]++;
  return counts;
}

/** Start positions from the previous map for the points both share; the others start unknown. */
export function warmStartFrom(
  keys: readonly string[],
  previous: VerdictMapData | null,
): WarmStart | undefined {
  if (!previous) return undefined;
  const place = placeByKey(previous.keys);
  const positions = new Float32Array(keys.length * 2);
  const known = new Uint8Array(keys.length);
  let shared = 0;
  keys.forEach((key, i) => {
    const j = place.get(key);
    if (j === undefined) return;
    positions[2 * i] = previous.positions[2 * j]!;
    positions[2 * i + 1] = previous.positions[2 * j + 1]!;
    known[i] = 1;
    shared++;
  });
  // With almost nothing in common a warm start would only bias the map.
  return shared >= Math.max(2, keys.length / 4) ? { positions, known } : undefined;
}

/** Turns, mirrors, scales and shifts a new map onto the previous one over the points both share. */
export function alignWithPrevious(
  positions: Float32Array,
  keys: readonly string[],
  previous: VerdictMapData | null,
): Float32Array {
  if (!previous) return positions;
  const place = placeByKey(previous.keys);
  const pairs: [number, number][] = [];
  keys.forEach((key, i) => {
    const j = place.get(key);
    if (j !== undefined) pairs.push([i, j]);
  });
  return alignTo(positions, previous.positions, pairs);
}

function placeByKey(keys: readonly string[]): Map<string, number> {
  return new Map(keys.map((key, i) => [key, i]));
}

/** What "Generate N and count" reports at a threshold. */
export interface PassSummary {
  passed: number;
  total: number;
  bins: number[];
  meanDistance: { fooled: number | null; rejected: number | null };
}

export const HISTOGRAM_BINS = 20;

export function summarisePassCount(count: PassCount, threshold: number): PassSummary {
  const { fooled, rejected } = splitVerdicts(count.scores, threshold);
  return {
    passed: fooled.length,
    total: count.scores.length,
    bins: histogram(count.scores, HISTOGRAM_BINS),
    meanDistance: {
      fooled: meanAt(count.nearestDistances, fooled),
      rejected: meanAt(count.nearestDistances, rejected),
    },
  };
}

/**
 * The scored rows as CSV: the map's points and the last count's rows, each with where it comes from,
 * its verdict, its discriminator score and its distance to the nearest real row (encoded space).
 */
export function scoredRowsCsv(map: VerdictSample | null, count: PassCount | null, threshold: number): string {
  const columns = map?.columns ?? count?.columns ?? [];
  const data: (string | number | null)[][] = [];
  if (map) {
    map.roles.forEach((role, i) => {
      const near = map.nearest[i];
      data.push([
        `map (step ${map.snapshot.step})`,
        role,
        map.scores[i]!,
        near ? near.distance : null,
        ...map.cells[i]!,
      ]);
    });
  }
  if (count) {
    count.scores.forEach((score, i) => {
      const verdict = score >= threshold ? 'fooled' : 'rejected';
      data.push([
        `count (step ${count.step})`,
        verdict,
        score,
        count.nearestDistances[i]!,
        ...count.cells[i]!,
      ]);
    });
  }
  return writeCsv(
    ['sample', 'verdict', 'discriminator_score', 'distance_to_nearest_real', ...columns],
    data.map((row) => row.map((cell) => (typeof cell === 'number' ? Number(cell.toPrecision(6)) : cell))),
  );
}

/** A screen-space view of map coordinates: the points' box with a margin, kept square. */
export interface View {
  centreX: number;
  centreY: number;
  /** Map units per pixel. */
  scale: number;
}

export function fitView(positions: Float32Array, width: number, height: number, margin = 16): View {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < positions.length; i += 2) {
    minX = Math.min(minX, positions[i]!);
    maxX = Math.max(maxX, positions[i]!);
    minY = Math.min(minY, positions[i + 1]!);
    maxY = Math.max(maxY, positions[i + 1]!);
  }
  if (!Number.isFinite(minX)) return { centreX: 0, centreY: 0, scale: 1 };
  const spanX = Math.max(maxX - minX, 1e-9);
  const spanY = Math.max(maxY - minY, 1e-9);
  const scale = Math.max(spanX / Math.max(1, width - 2 * margin), spanY / Math.max(1, height - 2 * margin));
  return { centreX: (minX + maxX) / 2, centreY: (minY + maxY) / 2, scale };
}

export function lerpView(a: View, b: View, t: number): View {
  return {
    centreX: a.centreX + (b.centreX - a.centreX) * t,
    centreY: a.centreY + (b.centreY - a.centreY) * t,
    scale: a.scale + (b.scale - a.scale) * t,
  };
}

/** Index of the point nearest to (x, y) in screen pixels, within `radius`, or −1. */
export function pointAt(screen: Float32Array, x: number, y: number, radius: number): number {
  let best = -1;
  let bestD = radius * radius;
  for (let i = 0; i < screen.length / 2; i++) {
    const dx = screen[2 * i]! - x;
    const dy = screen[2 * i + 1]! - y;
    const d = dx * dx + dy * dy;
    if (d <= bestD) {
      bestD = d;
      best = i;
    }
  }
  return best;
}

/**
 * The point an arrow key moves to from point `from`, along (dx, dy) in screen pixels (y down): the
 * nearest point ahead within 60° of that direction, a point straight ahead counting as nearer than one
 * off to the side. From no point (−1) it is the point nearest (cx, cy), the map's centre. −1 when
 * nothing lies ahead.
 */
export function pointInDirection(
  screen: Float32Array,
  from: number,
  dx: number,
  dy: number,
  centre: { x: number; y: number },
): number {
  if (from < 0) return pointAt(screen, centre.x, centre.y, Infinity);
  const x0 = screen[2 * from]!;
  const y0 = screen[2 * from + 1]!;
  const length = Math.hypot(dx, dy);
  const [ux, uy] = [dx / length, dy / length];
  let best = -1;
  let bestCost = Infinity;
  for (let i = 0; i < screen.length / 2; i++) {
    if (i === from) continue;
    const ax = screen[2 * i]! - x0;
    const ay = screen[2 * i + 1]! - y0;
    const along = ax * ux + ay * uy;
    const across = Math.abs(ax * uy - ay * ux);
    // tan 60° ≈ 1.73: outside that cone the point is not "that way".
    if (along <= 0 || across > 1.73 * along) continue;
    const cost = along + 2 * across;
    if (cost < bestCost) {
      bestCost = cost;
      best = i;
    }
  }
  return best;
}

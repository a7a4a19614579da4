import { DEFAULT_THRESHOLD, type DiscriminatorMap } from '../../../src/api';

/** The score's colours: 0 reads "generated", 1 "real" (the verdicts panel's real blue). */
const LOW = [251, 226, 196] as const;
const HIGH = [186, 214, 240] as const;
export const MAP_COLOURS = { real: '#0072b2', fooled: '#e69f00', rejected: '#cc79a7' } as const;

export type MapVerdict = keyof typeof MAP_COLOURS;

/** The lattice's scores as RGBA pixels, one a lattice point, row by row from the top. */
export function heatPixels(scores: Float32Array): Uint8ClampedArray<ArrayBuffer> {
  const pixels = new Uint8ClampedArray(new ArrayBuffer(4 * scores.length));
  scores.forEach((score, i) => {
    const t = Math.min(1, Math.max(0, score));
    for (let c = 0; c < 3; c++) pixels[4 * i + c] = Math.round(LOW[c]! + (HIGH[c]! - LOW[c]!) * t);
    pixels[4 * i + 3] = 255;
  });
  return pixels;
}

/** The lattice as a gridSize² canvas, drawn stretched (and smoothed) under the points. */
export function heatCanvas(map: DiscriminatorMap): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = map.gridSize;
  canvas.height = map.gridSize;
  const context = canvas.getContext('2d');
  if (context)
    context.putImageData(new ImageData(heatPixels(map.gridScores), map.gridSize, map.gridSize), 0, 0);
  return canvas;
}

/** Plane coordinates (x then y per point) to CSS pixels on a width × height canvas (y down). */
export function toScreen(
  xy: Float32Array,
  extent: DiscriminatorMap['extent'],
  width: number,
  height: number,
): Float32Array {
  const screen = new Float32Array(xy.length);
  const sx = width / (extent.x1 - extent.x0);
  const sy = height / (extent.y1 - extent.y0);
  for (let i = 0; i < xy.length; i += 2) {
    screen[i] = (xy[i]! - extent.x0) * sx;
    screen[i + 1] = (extent.y1 - xy[i + 1]!) * sy;
  }
  return screen;
}

/** Positions a share `t` of the way from `from` to `to` (the same points in the same order). */
export function glide(from: Float32Array, to: Float32Array, t: number): Float32Array {
  if (from.length !== to.length || t >= 1) return to;
  const out = new Float32Array(to.length);
  for (let i = 0; i < to.length; i++) out[i] = from[i]! + (to[i]! - from[i]!) * t;
  return out;
}

export const easeOut = (t: number) => 1 - (1 - t) ** 3;

export function verdictOf(kind: 'real' | 'generated', score: number): MapVerdict {
  if (kind === 'real') return 'real';
  return score >= DEFAULT_THRESHOLD ? 'fooled' : 'rejected';
}

/** Point `i` of the map's points, real ones first: which kind and which of that kind. */
export function pointOf(map: DiscriminatorMap, i: number): { kind: 'real' | 'generated'; index: number } {
  const realCount = map.realScores.length;
  return i < realCount ? { kind: 'real', index: i } : { kind: 'generated', index: i - realCount };
}

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

/** The lattice as a gridSize² image, drawn stretched (and smoothed) under the points. */
export function heatImage(scores: Float32Array, gridSize: number): OffscreenCanvas {
  const canvas = new OffscreenCanvas(gridSize, gridSize);
  canvas.getContext('2d')?.putImageData(new ImageData(heatPixels(scores), gridSize, gridSize), 0, 0);
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

export const GLIDE_MS = 600;

/**
 * The generated points `now` (ms) on a glide from `from` to `to` that began at `began`, and how far it
 * has gone (0 to 1, eased); `from` null: no glide (the first snapshot, or reduced motion).
 */
export function glideAt(
  from: Float32Array | null,
  to: Float32Array,
  began: number,
  now: number,
): { generated: Float32Array; t: number } {
  if (!from) return { generated: to, t: 1 };
  const t = easeOut(Math.min(1, Math.max(0, (now - began) / GLIDE_MS)));
  return { generated: glide(from, to, t), t };
}

/** One frame of the map: the plane's content at a moment of a glide. */
export interface MapScene {
  /** CSS pixels, and device pixels per CSS pixel. */
  width: number;
  height: number;
  ratio: number;
  projector: boolean;
  extent: DiscriminatorMap['extent'];
  real: Float32Array;
  realScores: Float32Array;
  /** The generated points where they are now (plane coordinates). */
  generated: Float32Array;
  generatedScores: Float32Array;
  heat: CanvasImageSource;
  /** The last snapshot's lattice, fading out under `heat` as `t` goes to 1; null: none. */
  fadingHeat: CanvasImageSource | null;
  t: number;
  /** Point i of real then generated points ringed; −1: none. */
  hover: number;
  /** Real points of the last step by hand's batch (indices into `real`), each ringed. */
  marked: readonly number[];
}

type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/** Draws a scene: the lattice (cross-fading), then real, rejected and fooled points, a path a colour. */
export function paintMap(context: Context2D, scene: MapScene): void {
  const { width, height, ratio, extent } = scene;
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.imageSmoothingEnabled = true;
  context.globalAlpha = 1;
  if (scene.fadingHeat) context.drawImage(scene.fadingHeat, 0, 0, width, height);
  context.globalAlpha = scene.fadingHeat ? scene.t : 1;
  context.drawImage(scene.heat, 0, 0, width, height);
  context.globalAlpha = 1;
  const real = toScreen(scene.real, extent, width, height);
  const generated = toScreen(scene.generated, extent, width, height);
  // Points of at least 8 px on a projector.
  const radius = { real: scene.projector ? 4 : 2.2, generated: scene.projector ? 5 : 2.8 };
  const layers: [MapVerdict, Float32Array, Float32Array, number][] = [
    ['real', real, scene.realScores, radius.real],
    ['rejected', generated, scene.generatedScores, radius.generated],
    ['fooled', generated, scene.generatedScores, radius.generated],
  ];
  // One path per colour: a few hundred arcs cost well under a millisecond.
  context.strokeStyle = '#ffffff';
  context.lineWidth = scene.projector ? 1 : 0.6;
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
  // The step's rows: a dark ring around each, wide enough to read among the other real points.
  if (scene.marked.length > 0) {
    context.strokeStyle = '#111827';
    context.lineWidth = scene.projector ? 2 : 1.4;
    context.beginPath();
    const r = radius.real + (scene.projector ? 4 : 2.6);
    for (const i of scene.marked) {
      if (2 * i + 1 >= real.length) continue;
      context.moveTo(real[2 * i]! + r, real[2 * i + 1]!);
      context.arc(real[2 * i]!, real[2 * i + 1]!, r, 0, 2 * Math.PI);
    }
    context.stroke();
  }
  const realCount = scene.realScores.length;
  const hovered = scene.hover < realCount ? real : generated;
  const at = scene.hover < realCount ? scene.hover : scene.hover - realCount;
  if (scene.hover >= 0 && at < hovered.length / 2) {
    context.strokeStyle = '#111827';
    context.lineWidth = 2;
    context.beginPath();
    context.arc(hovered[2 * at]!, hovered[2 * at + 1]!, radius.generated + 4, 0, 2 * Math.PI);
    context.stroke();
  }
}

export function verdictOf(kind: 'real' | 'generated', score: number): MapVerdict {
  if (kind === 'real') return 'real';
  return score >= DEFAULT_THRESHOLD ? 'fooled' : 'rejected';
}

/** Point `i` of the map's points, real ones first: which kind and which of that kind. */
export function pointOf(map: DiscriminatorMap, i: number): { kind: 'real' | 'generated'; index: number } {
  const realCount = map.realScores.length;
  return i < realCount ? { kind: 'real', index: i } : { kind: 'generated', index: i - realCount };
}

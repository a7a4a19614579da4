import type { DiscriminatorMap } from '../../../src/api';
import { glideAt, heatImage, paintMap } from './mapDrawing';

/** What the painter needs of a snapshot's map. */
export type PainterMap = Pick<
  DiscriminatorMap,
  'extent' | 'gridSize' | 'gridScores' | 'real' | 'realScores' | 'generated' | 'generatedScores'
>;

/** The canvas's size and what is drawn over the map: hover is point i of real then generated, or −1. */
export interface PainterView {
  width: number;
  height: number;
  ratio: number;
  projector: boolean;
  hover: number;
  /** Real points ringed as the last step by hand's batch (indices into the map's real points). */
  marked: readonly number[];
}

/** The page to the painter (in the map's worker, or on the page where a canvas cannot be transferred). */
export type PainterMessage =
  | { type: 'canvas'; canvas: OffscreenCanvas }
  | { type: 'map'; map: PainterMap; glide: boolean }
  | { type: 'view'; view: PainterView };

/** requestAnimationFrame and its cancel, of a window or a worker. */
export interface Frames {
  request(callback: (now: number) => void): number;
  cancel(handle: number): void;
}

/**
 * Draws the discriminator's map on a canvas: at a new snapshot the lattice fades from the last one and
 * the generated points glide from their last places, a frame at a time. Run in a worker on an
 * OffscreenCanvas, none of those frames is the page's main thread's work.
 */
export class MapPainter {
  private map: PainterMap | null = null;
  private view: PainterView | null = null;
  private heat: OffscreenCanvas | null = null;
  private fadingHeat: OffscreenCanvas | null = null;
  private from: Float32Array | null = null;
  private began = 0;
  private handle = 0;

  constructor(
    private readonly canvas: HTMLCanvasElement | OffscreenCanvas,
    private readonly frames: Frames,
    private readonly now: () => number,
  ) {}

  receive(message: PainterMessage): void {
    if (message.type === 'map') this.setMap(message.map, message.glide);
    else if (message.type === 'view') this.setView(message.view);
  }

  /** A new snapshot: glide to it from the last one's places (or jump, when `glide` is false). */
  setMap(map: PainterMap, glide: boolean): void {
    const previous = this.map;
    this.fadingHeat = glide && previous ? this.heat : null;
    this.from = glide && previous ? previous.generated : null;
    this.heat = heatImage(map.gridScores, map.gridSize);
    this.map = map;
    this.began = this.now();
    this.frames.cancel(this.handle);
    this.frame();
  }

  setView(view: PainterView): void {
    this.view = view;
    const { canvas } = this;
    const width = Math.round(view.width * view.ratio);
    const height = Math.round(view.height * view.ratio);
    if (canvas.width !== width) canvas.width = width;
    if (canvas.height !== height) canvas.height = height;
    this.draw(this.now());
  }

  private readonly frame = (): void => {
    if (this.draw(this.now()) < 1) this.handle = this.frames.request(this.frame);
  };

  /** Draws the map as it is at `now`; returns how far the glide has gone (1: at rest). */
  private draw(now: number): number {
    const { map, view, heat } = this;
    const context = this.canvas.getContext('2d') as
      | CanvasRenderingContext2D
      | OffscreenCanvasRenderingContext2D
      | null;
    if (!map || !view || !heat || !context) return 1;
    const { generated, t } = glideAt(this.from, map.generated, this.began, now);
    paintMap(context, {
      ...view,
      extent: map.extent,
      real: map.real,
      realScores: map.realScores,
      generated,
      generatedScores: map.generatedScores,
      heat,
      fadingHeat: t < 1 ? this.fadingHeat : null,
      t,
    });
    return t;
  }
}

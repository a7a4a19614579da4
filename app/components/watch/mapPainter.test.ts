import { afterEach, describe, expect, it, vi } from 'vitest';
import { GLIDE_MS } from './mapDrawing';
import { MapPainter, type PainterMap } from './mapPainter';

/** A canvas whose 2-D context counts the frames drawn (each sets its transform first), ignoring the rest. */
function recordingCanvas() {
  const frames = { count: 0 };
  const context = new Proxy(
    {},
    { get: (_, key) => (key === 'setTransform' ? () => frames.count++ : () => {}), set: () => true },
  );
  const canvas = { width: 0, height: 0, getContext: () => context };
  return { canvas: canvas as unknown as OffscreenCanvas, frames };
}

const map = (shift: number): PainterMap => ({
  extent: { x0: -1, x1: 1, y0: -1, y1: 1 },
  gridSize: 2,
  gridScores: Float32Array.from([0, 0.5, 0.5, 1]),
  real: Float32Array.from([0, 0]),
  realScores: Float32Array.from([1]),
  generated: Float32Array.from([shift, shift]),
  generatedScores: Float32Array.from([0.2]),
});

describe("the discriminator map's painter", () => {
  afterEach(() => vi.unstubAllGlobals());

  it('draws a glide frame by frame until it comes to rest, then asks for no more frames', () => {
    vi.stubGlobal('ImageData', function ImageData() {});
    vi.stubGlobal(
      'OffscreenCanvas',
      class {
        getContext = () => ({ putImageData: () => {} });
      },
    );
    const { canvas, frames } = recordingCanvas();
    const queued: ((now: number) => void)[] = [];
    let now = 0;
    const painter = new MapPainter(canvas, { request: (f) => queued.push(f), cancel: () => {} }, () => now);
    painter.setView({ width: 80, height: 50, ratio: 2, projector: false, hover: -1, marked: [] });
    expect([canvas.width, canvas.height]).toEqual([160, 100]);
    painter.setMap(map(0), false);
    expect(queued, 'no glide to the first snapshot').toHaveLength(0);
    const still = frames.count;
    painter.setMap(map(0.5), true);
    for (now = 0; queued.length > 0 && now <= 2 * GLIDE_MS; now += 100) queued.shift()!(now);
    expect(queued, 'at rest: no frame asked for').toHaveLength(0);
    expect(now, 'rested once the glide was done').toBe(GLIDE_MS + 100);
    expect(frames.count - still).toBe(GLIDE_MS / 100 + 2);
  });
});

/// <reference lib="webworker" />
/**
 * The discriminator map's painter off the page's main thread: it owns the map's canvas (transferred as
 * an OffscreenCanvas) and draws the glides' frames, which on the page cost a compositor commit each.
 */
import { MapPainter, type Frames, type PainterMessage } from './mapPainter';

const scope = self as DedicatedWorkerGlobalScope;
// Workers have requestAnimationFrame where they have OffscreenCanvas (Chromium, Firefox); else a timer.
const frames: Frames =
  typeof scope.requestAnimationFrame === 'function'
    ? { request: (f) => scope.requestAnimationFrame(f), cancel: (h) => scope.cancelAnimationFrame(h) }
    : {
        request: (f) => scope.setTimeout(() => f(performance.now()), 16),
        cancel: (h) => scope.clearTimeout(h),
      };

let painter: MapPainter | null = null;

// The canvas comes first (the page sends it when it spawns this worker), then maps and views.
scope.onmessage = (event: MessageEvent<PainterMessage>) => {
  const message = event.data;
  if (message.type === 'canvas') painter = new MapPainter(message.canvas, frames, () => performance.now());
  else painter?.receive(message);
};

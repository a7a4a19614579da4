import { useCallback, useEffect, useRef, type RefObject } from 'react';
import { MapPainter, type PainterMessage } from './mapPainter';

interface Painter {
  send(message: PainterMessage): void;
  users: number;
  dispose(): void;
}

/** A canvas's painter: a canvas's control can be transferred once, so its painter lives as long as it does. */
const painters = new WeakMap<HTMLCanvasElement, Painter>();

/**
 * The map's painter for the canvas `ref` is on, as a function that sends it a message: a worker that
 * owns the canvas (an OffscreenCanvas), so that the glides' frames are not the main thread's work;
 * the page itself draws only where a canvas cannot be transferred.
 */
export function useMapPainter(ref: RefObject<HTMLCanvasElement | null>): (message: PainterMessage) => void {
  const painter = useRef<Painter | null>(null);
  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    const held = painters.get(canvas) ?? spawn(canvas);
    painters.set(canvas, held);
    held.users++;
    painter.current = held;
    return () => {
      held.users--;
      // Strict mode unmounts and mounts again at once: keep the painter unless the canvas is gone.
      setTimeout(() => {
        if (held.users > 0) return;
        held.dispose();
        painters.delete(canvas);
      });
    };
  }, [ref]);
  return useCallback((message: PainterMessage) => painter.current?.send(message), []);
}

function spawn(canvas: HTMLCanvasElement): Painter {
  if (typeof canvas.transferControlToOffscreen !== 'function') {
    const painter = new MapPainter(
      canvas,
      { request: (f) => requestAnimationFrame(f), cancel: (h) => cancelAnimationFrame(h) },
      () => performance.now(),
    );
    return { send: (message) => painter.receive(message), users: 0, dispose: () => {} };
  }
  const offscreen = canvas.transferControlToOffscreen();
  const worker = new Worker(new URL('./mapPainter.worker.ts', import.meta.url), { type: 'module' });
  worker.postMessage({ type: 'canvas', canvas: offscreen } satisfies PainterMessage, [offscreen]);
  return { send: (message) => worker.postMessage(message), users: 0, dispose: () => worker.terminate() };
}

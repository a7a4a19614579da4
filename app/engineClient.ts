/**
 * The page's thin client around the one long-lived training worker: it spawns the worker, wraps it
 * with Comlink so calls are typed by `EngineApi`, and forwards the worker's events to one listener.
 */
import * as Comlink from 'comlink';
import type { EngineApi, EngineEvent } from '../src/api';

export type Engine = Comlink.Remote<EngineApi>;

export function startEngine(onEvent: (event: EngineEvent) => void): { engine: Engine; stop: () => void } {
  const worker = new Worker(new URL('../src/worker/engine.worker.ts', import.meta.url), { type: 'module' });
  worker.addEventListener('error', (event) => {
    onEvent({
      type: 'alert',
      message: `The training worker failed: ${event.message || 'unknown error'}. Reload the page.`,
    });
  });
  const engine = Comlink.wrap<EngineApi>(worker);
  engine.init(Comlink.proxy(onEvent)).catch((error: unknown) => {
    onEvent({ type: 'alert', message: `No TensorFlow.js backend could start: ${String(error)}` });
  });
  return {
    engine,
    stop: () => {
      engine[Comlink.releaseProxy]();
      worker.terminate();
    },
  };
}

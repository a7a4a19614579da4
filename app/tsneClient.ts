/**
 * The page's client of the t-SNE worker: spawned on first use and kept, one map at a time. A new
 * request cancels the one in flight by terminating the worker (t-SNE cannot be interrupted from
 * inside its synchronous loop); the next request then spawns a fresh one.
 */
import * as Comlink from 'comlink';
import type { Result, TsneApi, TsneProgress, TsneRequest } from '../src/api';

/** The error of a request that a newer one (or `cancel`, or `dispose`) superseded. */
export const CANCELLED = 'cancelled';

export interface TsneClient {
  embed(request: TsneRequest, onProgress: (p: TsneProgress) => void): Promise<Result<Float32Array>>;
  cancel(): void;
  dispose(): void;
}

interface Spawned {
  worker: Worker;
  api: Comlink.Remote<TsneApi>;
}

export function createTsneClient(): TsneClient {
  let spawned: Spawned | null = null;
  let pending: ((result: Result<Float32Array>) => void) | null = null;

  const spawn = (): Spawned => {
    const worker = new Worker(new URL('../src/worker/tsne.worker.ts', import.meta.url), { type: 'module' });
    worker.addEventListener('error', (event) => {
      pending?.({ ok: false, error: `The t-SNE worker failed: ${event.message || 'unknown error'}.` });
      kill();
    });
    return { worker, api: Comlink.wrap<TsneApi>(worker) };
  };

  const kill = () => {
    spawned?.worker.terminate();
    spawned = null;
  };

  const cancel = () => {
    if (!pending) return;
    pending({ ok: false, error: CANCELLED });
    kill();
  };

  return {
    embed(request, onProgress) {
      cancel();
      const { api } = (spawned ??= spawn());
      return new Promise((resolve) => {
        const settle = (result: Result<Float32Array>) => {
          if (pending !== settle) return;
          pending = null;
          resolve(result);
        };
        pending = settle;
        // A copy goes to the worker: the caller keeps its rows.
        const data = request.data.slice();
        api
          .embed(
            Comlink.transfer({ ...request, data }, [data.buffer]),
            Comlink.proxy((p: TsneProgress) => {
              if (pending === settle) onProgress(p);
            }),
          )
          .then(settle, (error: unknown) => settle({ ok: false, error: `The map failed: ${String(error)}` }));
      });
    },
    cancel,
    dispose: () => {
      cancel();
      kill();
    },
  };
}

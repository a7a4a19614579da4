/**
 * The page's clients of DSF-GAN's two helper workers, each spawned on first use and kept until the page
 * stops using it: the utility worker (live held-out utility, plain TypeScript models) and the sweep worker
 * (its own tfjs, training the λ sweep's short runs beside the user's run).
 */
import * as Comlink from 'comlink';
import type { SweepApi, UtilityApi } from '../src/api';

export interface WorkerClient<Api> {
  api: Comlink.Remote<Api>;
  stop(): void;
}

function spawn<Api>(worker: Worker, name: string, onError: (message: string) => void): WorkerClient<Api> {
  worker.addEventListener('error', (event) => {
    onError(`The ${name} worker failed: ${event.message || 'unknown error'}.`);
  });
  const api = Comlink.wrap<Api>(worker);
  return {
    api,
    stop: () => {
      api[Comlink.releaseProxy]();
      worker.terminate();
    },
  };
}

export function startUtilityWorker(onError: (message: string) => void): WorkerClient<UtilityApi> {
  const worker = new Worker(new URL('../src/worker/utility.worker.ts', import.meta.url), { type: 'module' });
  return spawn(worker, 'utility', onError);
}

export function startSweepWorker(onError: (message: string) => void): WorkerClient<SweepApi> {
  const worker = new Worker(new URL('../src/worker/sweep.worker.ts', import.meta.url), { type: 'module' });
  return spawn(worker, 'λ sweep', onError);
}

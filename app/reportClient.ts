/**
 * The page's client for the report worker: spawned on the first evaluation and kept for the next ones.
 */
import * as Comlink from 'comlink';
import type { ReportApi } from '../src/api';

export type ReportWorker = Comlink.Remote<ReportApi>;

export function startReportWorker(onCrash: (message: string) => void): {
  api: ReportWorker;
  stop: () => void;
} {
  const worker = new Worker(new URL('../src/worker/report.worker.ts', import.meta.url), { type: 'module' });
  worker.addEventListener('error', (event) => onCrash(event.message || 'unknown error'));
  const api = Comlink.wrap<ReportApi>(worker);
  return {
    api,
    stop: () => {
      api[Comlink.releaseProxy]();
      worker.terminate();
    },
  };
}

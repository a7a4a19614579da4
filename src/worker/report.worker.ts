/// <reference lib="webworker" />
/**
 * The report worker: computes the evaluation report off the page's thread and off the training worker, so
 * neither the page nor training stalls while dozens of small models are fitted. Serves `ReportApi`.
 */
import * as Comlink from 'comlink';
import { evaluate } from '../eval/report/evaluate';
import type { ReportApi } from '../eval/report/types';
import { unpack } from './packed';

const api: ReportApi = {
  async evaluate(data, onProgress) {
    // Progress calls post messages at once; the page hears them while this worker keeps computing.
    return evaluate(unpack(data), (progress) => void onProgress(progress));
  },
};

Comlink.expose(api);

/// <reference lib="webworker" />
/**
 * The live-utility worker: fits a least-squares linear model on generated rows and tests it on held-out
 * real rows, off the training worker and off the page's main thread. Plain TypeScript (src/eval/ml), no tfjs.
 */
import * as Comlink from 'comlink';
import { ok } from '../data/table';
import { heldOutUtility } from '../eval/metrics/heldOutUtility';
import type { UtilityApi } from './utilityProtocol';

const api: UtilityApi = {
  async score(sample) {
    const start = performance.now();
    const { columns, target, synthetic, holdout, seed } = sample;
    // Least squares: milliseconds per figure, so measuring often costs training next to nothing.
    const utility = heldOutUtility(columns, target, synthetic, holdout, seed, 'least-squares');
    if (!utility.ok) return utility;
    const rows = { synthetic: synthetic.length, holdout: holdout.length };
    return ok({ step: sample.step, utility: utility.value, rows, ms: performance.now() - start });
  },
};

Comlink.expose(api);

/// <reference lib="webworker" />
/**
 * The live-utility worker: fits a quick model on generated rows and tests it on held-out real rows, off
 * the training worker and off the page's main thread. Plain TypeScript models (src/ml), no tfjs.
 */
import * as Comlink from 'comlink';
import { ok } from '../data/table';
import { heldOutUtility } from '../metrics/heldOutUtility';
import type { UtilityApi } from './utilityProtocol';

const api: UtilityApi = {
  async score(sample) {
    const start = performance.now();
    const utility = heldOutUtility(
      sample.columns,
      sample.target,
      sample.synthetic,
      sample.holdout,
      sample.seed,
    );
    if (!utility.ok) return utility;
    const rows = { synthetic: sample.synthetic.length, holdout: sample.holdout.length };
    return ok({ step: sample.step, utility: utility.value, rows, ms: performance.now() - start });
  },
};

Comlink.expose(api);

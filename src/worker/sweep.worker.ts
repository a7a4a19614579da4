/// <reference lib="webworker" />
/**
 * The λ-sweep worker: its own tfjs instance beside the training worker, so a sweep never touches the
 * user's run (it keeps its model, its progress and its place) and never blocks the page. The two share
 * the machine's cores while both train.
 */
import * as Comlink from 'comlink';
import { activateBackend } from '../nn/backend';
import { chooseBrowserBackend } from './browserBackends';
import { runLambdaSweep } from './lambdaSweep';
import type { SweepApi } from './sweepProtocol';
import { unpackSweepTable } from './sweepRequest';

let cancelled = false;

const api: SweepApi = {
  async init(backend) {
    // The training worker's backend was chosen by a timed probe (or by the user): reuse the choice.
    if (!(await activateBackend(backend))) await chooseBrowserBackend([backend]);
  },
  async run({ packed, ...request }, onEvent) {
    cancelled = false;
    return runLambdaSweep({ ...request, ...unpackSweepTable(packed) }, onEvent, () => cancelled);
  },
  async cancel() {
    cancelled = true;
  },
};

Comlink.expose(api);

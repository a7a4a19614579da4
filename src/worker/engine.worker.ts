/// <reference lib="webworker" />
/**
 * The one long-lived training worker: it owns the table, the model and the tfjs backend, and serves
 * the page through Comlink with the typed `EngineApi`.
 */
import * as Comlink from 'comlink';
import * as tf from '../nn/tf';
import { activeGpuDevice, watchGpuDevice } from '../nn/deviceLoss';
import { chooseBrowserBackend, switchBrowserBackend } from './browserBackends';
import { EngineSession } from './session';

const session = new EngineSession({
  chooseBackend: chooseBrowserBackend,
  switchBackend: switchBrowserBackend,
  watchBackend: watchGpuDevice,
  fetchBytes: async (url) => {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  },
});

Comlink.expose(session);

/**
 * Read by the benchmark and the e2e tests through Playwright (tools/bench/browser.ts): a leak shows as
 * a tensor count that grows with the steps (the worker's heap is read through DevTools).
 * `loseGpuDevice` destroys the WebGPU device, as a driver reset would (e2e/gpuLoss.spec.ts).
 */
Object.assign(self, {
  engineDiagnostics: () => ({ tensors: tf.memory().numTensors }),
  loseGpuDevice: () => activeGpuDevice()?.destroy(),
});

/// <reference lib="webworker" />
/**
 * The one long-lived training worker: it owns the table, the model and the tfjs backend, and serves
 * the page through Comlink with the typed `EngineApi`.
 */
import * as Comlink from 'comlink';
import { chooseBrowserBackend, switchBrowserBackend } from './browser-backends';
import { EngineSession } from './session';

const session = new EngineSession({
  chooseBackend: chooseBrowserBackend,
  switchBackend: switchBrowserBackend,
  fetchBytes: async (url) => {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  },
});

Comlink.expose(session);

/*
 * The engine side of the model plug-ins: each family's description (catalog.ts) with how to encode the
 * table for it and how to build it. A family is one folder under src/models/ whose index.ts exports its
 * plug-in; this list is where the engine finds them.
 */
import { cganPlugin } from './cgan';
import type { ModelId, SettingsOf } from './catalog';
import { ctganPlugin } from './ctgan';
import { dsfctganPlugin, dsfganPlugin } from './dsfgan';
import { explorerPlugin } from './explorer';
import type { ModelPlugin } from './model';
import { ppoganPlugin } from './ppogan';
import { tableganPlugin } from './tablegan';

/** Every family the page can choose: the type makes a description without its plug-in a compile error. */
const PLUGINS: { [M in ModelId]: ModelPlugin<SettingsOf<M>> } = {
  cgan: cganPlugin,
  ctgan: ctganPlugin,
  dsfgan: dsfganPlugin,
  dsfctgan: dsfctganPlugin,
  tablegan: tableganPlugin,
  explorer: explorerPlugin,
  ppogan: ppoganPlugin,
};

/** The plug-ins a session or benchmark can build from; a test may pass a list of its own. */
export type PluginList = readonly ModelPlugin[];

export const MODEL_PLUGINS: PluginList = Object.values(PLUGINS);

/** The plug-in for `id` in `plugins`, or undefined. */
export function findPlugin(plugins: PluginList, id: string): ModelPlugin | undefined {
  return plugins.find((p) => p.id === id);
}

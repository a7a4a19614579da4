/** A training session on a demo table, driven from Node as the page drives the worker. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { nodeSessionEnvironment } from '../src/worker/nodeBackends';
import type { EngineEvent, TrainingProgress } from '../src/worker/protocol';
import { EngineSession } from '../src/worker/session';

/** A demo table's bytes, as the page would upload them. */
export const demoBytes = (file: string): Uint8Array =>
  new Uint8Array(readFileSync(resolve(import.meta.dirname, '../public/demos', file)));

/** A session on the wasm backend with `file` loaded; `events` collects everything it sends. */
export async function startSession(file = 'penguins.csv') {
  const events: EngineEvent[] = [];
  const session = new EngineSession(nodeSessionEnvironment('wasm'));
  await session.init((e) => events.push(e));
  const loaded = await session.loadFile(demoBytes(file), file);
  if (!loaded.ok) throw new Error(loaded.error);
  return { session, events };
}

export const progressEvents = (events: EngineEvent[]): TrainingProgress[] =>
  events.flatMap((e) => (e.type === 'progress' ? [e.progress] : []));

/** Waits (up to 12 s, or `tries` × 20 ms) until the latest progress event has `status`. */
export async function untilStatus(events: EngineEvent[], status: string, tries = 600): Promise<void> {
  for (let i = 0; i < tries && progressEvents(events).at(-1)?.status !== status; i++) {
    await new Promise((r) => setTimeout(r, 20));
  }
}

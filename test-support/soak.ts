import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as tf from '../src/nn/tf';
import type { TrainingSettings } from '../src/models/catalog';
import { nodeSessionEnvironment } from '../src/worker/nodeBackends';
import { EngineSession } from '../src/worker/session';
import { penguinsBytes } from './smallRuns';

// A full collection before each heap reading, so the figure is what is kept, not garbage not yet collected.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

export interface SoakResult {
  steps: number;
  /** Live tensors at each chunk's progress event once `warmUp` steps are done: flat when nothing leaks. */
  tensors: { min: number; max: number };
  /** The JS heap after a full collection at `warmUp` steps and at the end, in MB. */
  heapMb: { start: number; end: number };
  seconds: number;
}

/**
 * Trains one model through the session (the worker's loop: chunks, checkpoints, verdict snapshots) on
 * the penguins demo for `steps` steps on the wasm backend, watching the tensor count and the heap.
 */
export async function soak(settings: TrainingSettings, steps: number, warmUp = 300): Promise<SoakResult> {
  const session = new EngineSession(nodeSessionEnvironment('wasm'));
  const tensors = { min: Infinity, max: -Infinity };
  let warm!: () => void;
  let finished!: () => void;
  const warmed = new Promise<void>((resolve) => (warm = resolve));
  const done = new Promise<void>((resolve) => (finished = resolve));
  await session.init((event) => {
    if (event.type !== 'progress') return;
    const { step, status } = event.progress;
    if (step >= warmUp) {
      const count = tf.memory().numTensors;
      tensors.min = Math.min(tensors.min, count);
      tensors.max = Math.max(tensors.max, count);
      warm();
    }
    if (status === 'finished') finished();
  });
  const loaded = await session.loadFile(penguinsBytes(), 'penguins.csv');
  if (!loaded.ok) throw new Error(loaded.error);
  // One step tells how many make an epoch.
  const probe = await session.step(settings);
  if (!probe.ok) throw new Error(probe.error);
  await session.reset();
  const run = { ...settings, epochs: Math.ceil(steps / probe.value.stepsPerEpoch) };

  const started = performance.now();
  const trained = await session.train(run);
  if (!trained.ok) throw new Error(trained.error);
  await warmed;
  await session.pause();
  collect();
  const start = process.memoryUsage().heapUsed;
  await session.train(run);
  await done;
  const seconds = (performance.now() - started) / 1000;
  collect();
  const end = process.memoryUsage().heapUsed;
  await session.reset();
  const mb = (bytes: number) => Math.round(bytes / 1e5) / 10;
  return {
    steps: trained.value.totalSteps,
    tensors,
    heapMb: { start: mb(start), end: mb(end) },
    seconds: Math.round(seconds * 10) / 10,
  };
}

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import * as tf from '../nn/tf';
import { nodeSessionEnvironment } from './nodeBackends';
import { EngineSession } from './session';
import { MODEL_DESCRIPTIONS, defaultSettings, switchModel } from '../models/catalog';

// Reset (and a new table, a new backend) throws a run away: every tensor it made must go with it, or
// a class that presses Reset all lesson long runs the tab out of memory.
it.each(MODEL_DESCRIPTIONS.map((m) => m.id))('releases every tensor of a %s run on reset', async (model) => {
  const session = new EngineSession(nodeSessionEnvironment('wasm'));
  await session.init(() => {});
  const demo = readFileSync(resolve(__dirname, '../../public/demos/penguins.csv'));
  await session.loadFile(new Uint8Array(demo), 'penguins.csv');
  const before = tf.memory().numTensors;
  const settings = { ...switchModel(defaultSettings('cgan'), model), batchSize: 40 };
  for (let i = 0; i < 3; i++) {
    const stepped = await session.step(settings);
    if (!stepped.ok) throw new Error(stepped.error);
  }
  await session.generate(10);
  await session.reset();
  expect(tf.memory().numTensors - before).toBe(0);
});

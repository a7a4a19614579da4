import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defaultSettings, type TrainingSettings } from '../src/models/catalog';

/** The penguins demo table's bytes, as a user's file would arrive. */
export const penguinsBytes = (): Uint8Array =>
  new Uint8Array(readFileSync(resolve(import.meta.dirname, '../public/demos/penguins.csv')));

/** One small run per model family on the penguins demo: seconds for 100 steps on the cpu backend. */
export const SMALL_RUNS = {
  cgan: { ...defaultSettings('cgan'), seed: 7 },
  ctgan: { ...defaultSettings('ctgan'), batchSize: 50, generatorSizes: [32], criticSizes: [32], seed: 7 },
  dsfgan: { ...defaultSettings('dsfgan'), seed: 7 },
  tablegan: { ...defaultSettings('tablegan'), channels: 4, seed: 7 },
} satisfies Record<string, TrainingSettings>;

import type { ProbeModel } from './backend';
import { Cgan } from './models/cgan';
import { DEFAULT_SETTINGS } from './settings';
import { createRng } from './rng';
import { Trainer } from './trainer';

/**
 * A CGAN of the default size on random rows of a typical demo width: the backend probe times real
 * training steps, not a synthetic kernel, because that is what the user will run.
 */
export function makeProbeModel(): ProbeModel {
  const featureWidth = 24;
  const conditionWidth = 3;
  const rows = 256;
  const shape = { featureWidth, conditionWidth, spans: [{ kind: 'scalar' as const, offset: 0 }] };
  const fill = (n: number) => Float32Array.from({ length: n }, (_, i) => Math.sin(i));
  const model = new Cgan(shape, DEFAULT_SETTINGS, createRng(1));
  const trainer = new Trainer(
    model,
    { count: rows, features: fill(rows * featureWidth), conditions: fill(rows * conditionWidth) },
    DEFAULT_SETTINGS.batchSize,
    DEFAULT_SETTINGS.seed,
  );
  return {
    step: async () => {
      trainer.step();
      await trainer.readLosses();
    },
    dispose: () => {
      trainer.dispose();
      model.dispose();
    },
  };
}

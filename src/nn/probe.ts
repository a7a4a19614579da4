import type { ProbeModel } from './backend';
import type { OutputSpan } from '../encoding/encoder';
import { Cgan } from '../models/cgan/cgan';
import { DEFAULT_SETTINGS } from '../models/settings';
import { createRng } from '../rng';
import { Trainer } from '../train/trainer';

/**
 * A CGAN of the default size on random rows of a typical demo width: the backend probe times real
 * training steps, not a synthetic kernel, because that is what the user will run.
 */
export function makeProbeModel(): ProbeModel {
  // Four numeric columns and two categorical ones of ten levels each.
  const spans: OutputSpan[] = [0, 1, 2, 3].map((offset) => ({ kind: 'scalar', offset }));
  spans.push({ kind: 'softmax', offset: 4, width: 10 }, { kind: 'softmax', offset: 14, width: 10 });
  const featureWidth = 24;
  const conditionWidth = 3;
  const rows = 256;
  const shape = { featureWidth, conditionWidth, spans };
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

/**
 * A few CTGAN steps on the WebGPU backend, through Dawn's Node bindings (the `webgpu` package), must
 * give the losses the wasm backend gives: the GPU path stays correct while no GPU is lent to measure
 * it (test-support/dawn.ts). Without a Vulkan driver the test skips and says why.
 */
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activateBackend } from '../../nn/backend';
import { useNodeBackend } from '../../worker/nodeBackends';
import { encodeRows, fitEncoder } from '../../encoding/encoder';
import { createRng } from '../../rng';
import { defaultSettings } from '../catalog';
import type { CtganTrainingSettings } from './description';
import { startDawn } from '../../../test-support/dawn';
import { twoClassTable } from '../../../test-support/tables';
import { Trainer } from '../../train/trainer';
import { Ctgan } from './ctgan';

const STEPS = 3;

const settings: CtganTrainingSettings = {
  ...defaultSettings('ctgan'),
  batchSize: 40,
  pac: 4,
  noiseSize: 8,
  generatorSizes: [16],
  criticSizes: [16],
};

/** Each step's losses, from the same seed, on the active backend. */
async function stepLosses(): Promise<number[][]> {
  const { raw, schema } = twoClassTable(200);
  const encoder = fitEncoder(raw, schema, { kind: 'modes', seed: 4 });
  const model = new Ctgan(encoder, settings, createRng(4));
  const trainer = new Trainer(model, encodeRows(encoder, raw), settings.batchSize, 4);
  for (let i = 0; i < STEPS; i++) trainer.step();
  // Every step here trains both players: no series is ever null.
  const losses = (await trainer.readLosses()).map((l) => l.values.map((v) => v ?? NaN));
  trainer.dispose();
  model.dispose();
  return losses;
}

let unavailable: string | null = null;

beforeAll(async () => {
  unavailable = await startDawn();
}, 60_000);

afterAll(async () => {
  await useNodeBackend('wasm');
});

describe('CTGAN on WebGPU (Dawn) in Node', () => {
  it('gives the losses of the wasm backend, step by step', async (context) => {
    if (unavailable) {
      console.warn(`WebGPU test skipped: ${unavailable}`);
      context.skip();
    }
    await useNodeBackend('wasm');
    const wasm = await stepLosses();
    if (!(await activateBackend('webgpu'))) {
      console.warn('WebGPU test skipped: tfjs found no WebGPU adapter');
      context.skip();
    }
    const webgpu = await stepLosses();
    console.info(`CTGAN losses, wasm ${JSON.stringify(wasm)}, webgpu ${JSON.stringify(webgpu)}`);
    expect(webgpu).toHaveLength(STEPS);
    webgpu.flat().forEach((loss, i) => {
      const expected = wasm.flat()[i]!;
      // Float rounding differs between backends, and each Adam step carries it on.
      expect(Math.abs(loss - expected)).toBeLessThan(2e-3 * Math.max(1, Math.abs(expected)));
    });
  }, 180_000);
});

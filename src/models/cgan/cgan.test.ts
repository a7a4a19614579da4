import * as tf from '../../nn/tf';
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../worker/nodeBackends';
import { decodeRows, encodeRows, fitEncoder } from '../../encoding/encoder';
import { Cgan } from './cgan';
import { createRng } from '../../rng';
import { defaultSettings } from '../catalog';
import { twoClassDistance, twoClassTable } from '../../../test-support/tables';
import { Trainer } from '../../train/trainer';

beforeAll(async () => {
  await useNodeBackend('wasm');
});

/** How far generated rows are from twoClassTable's, per class (see twoClassDistance). */
async function distanceToData(trainer: Trainer, model: Cgan, seed: number) {
  const { raw, schema } = twoClassTable(400);
  const encoder = fitEncoder(raw, schema);
  const rng = createRng(seed);
  const conditions = trainer.sampleConditions(400, rng);
  const generated = model.generate(conditions, rng);
  const rows = decodeRows(
    encoder,
    (await generated.data()) as Float32Array,
    (await conditions.data()) as Float32Array,
  );
  tf.dispose([conditions, generated]);
  return twoClassDistance(raw.rows, rows);
}

function setup(seed = 3) {
  const { raw, schema } = twoClassTable(400);
  const encoder = fitEncoder(raw, schema);
  const settings = { ...defaultSettings('cgan'), seed };
  const model = new Cgan(encoder, settings, createRng(seed));
  const trainer = new Trainer(model, encodeRows(encoder, raw), settings.batchSize, seed);
  return { model, trainer };
}

describe('CGAN', () => {
  it('moves its per-class distributions toward the data within a few hundred steps', async () => {
    const { model, trainer } = setup();
    const before = await distanceToData(trainer, model, 11);
    const lossesEarly: (number | null)[][] = [];
    for (let i = 0; i < 400; i++) {
      trainer.step();
      if (i % 50 === 49) lossesEarly.push(...(await trainer.readLosses()).map((l) => l.values));
    }
    const after = await distanceToData(trainer, model, 11);
    console.info(`CGAN distance to data: ${before.toFixed(3)} before, ${after.toFixed(3)} after 400 steps`);
    expect(lossesEarly.flat().every(Number.isFinite)).toBe(true);
    expect(before).toBeGreaterThan(0.3);
    expect(after).toBeLessThan(before / 2);
    trainer.dispose();
    model.dispose();
  });

  it('keeps the tensor count flat across training steps', async () => {
    const { model, trainer } = setup();
    for (let i = 0; i < 5; i++) trainer.step();
    await trainer.readLosses();
    const start = tf.memory().numTensors;
    for (let i = 0; i < 50; i++) {
      trainer.step();
      if (i % 10 === 9) await trainer.readLosses();
    }
    expect(tf.memory().numTensors).toBe(start);
    trainer.dispose();
    model.dispose();
  });

  it('repeats a run exactly from the same seed', async () => {
    const run = async () => {
      const { model, trainer } = setup(5);
      for (let i = 0; i < 20; i++) trainer.step();
      const losses = await trainer.readLosses();
      trainer.dispose();
      model.dispose();
      return losses.map((l) => l.values);
    };
    expect(await run()).toEqual(await run());
  });

  it('changes the learning rate in place, keeping the optimizer', async () => {
    const { model, trainer } = setup();
    trainer.step();
    await trainer.readLosses();
    const count = tf.memory().numTensors;
    model.configure({ learningRates: { generator: 0, discriminator: 0 } });
    trainer.step();
    await trainer.readLosses();
    expect(tf.memory().numTensors).toBe(count);
    trainer.dispose();
    model.dispose();
  });
});

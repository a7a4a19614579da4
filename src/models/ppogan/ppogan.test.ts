import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../nn/tf';
import { useNodeBackend } from '../../worker/nodeBackends';
import { decodeRows, encodeRows, fitEncoder } from '../../encoding/encoder';
import { createRng } from '../../rng';
import { Trainer } from '../../train/trainer';
import { twoClassDistance, twoClassTable } from '../../../test-support/tables';
import { defaultSettings } from '../catalog';
import type { PpoganTrainingSettings } from './description';
import { PpoGan } from './ppogan';

beforeAll(async () => {
  await useNodeBackend('wasm');
});

const TINY: Partial<PpoganTrainingSettings> = {
  layers: 1,
  heads: 2,
  width: 16,
  bins: 8,
  offsets: 4,
  batchSize: 64,
};

function setup(overrides: Partial<PpoganTrainingSettings>, seed = 3) {
  const { raw, schema } = twoClassTable(400);
  const encoder = fitEncoder(raw, schema);
  const settings = { ...defaultSettings('ppogan'), ...TINY, ...overrides, seed };
  const model = new PpoGan(encoder, raw, settings, createRng(seed));
  const trainer = new Trainer(model, encodeRows(encoder, raw), settings.batchSize, seed);
  const dispose = () => {
    trainer.dispose();
    model.dispose();
  };
  return { raw, encoder, model, trainer, dispose };
}

async function generated(s: ReturnType<typeof setup>, count: number) {
  const rng = createRng(11);
  const conditions = s.trainer.sampleConditions(count, rng);
  const features = s.model.generate(conditions, rng);
  const rows = decodeRows(
    s.encoder,
    (await features.data()) as Float32Array,
    (await conditions.data()) as Float32Array,
  );
  tf.dispose([conditions, features]);
  return rows;
}

async function steps(trainer: Trainer, n: number) {
  const values = [];
  for (let i = 0; i < n; i++) {
    trainer.step();
    if (i % 10 === 9 || i === n - 1) values.push(...(await trainer.readLosses()));
  }
  return values;
}

describe('PPO-GAN', () => {
  it('stage 1: likelihood training brings each class’s marginals far closer than the untrained policy’s', async () => {
    const s = setup({ epochs: 100, likelihoodEpochs: 100 });
    const real = s.raw.rows;
    // Untrained, the policy's logits are near zero: its rows are about uniform over each column's tokens
    // (they rarely parse, and are redrawn from the column's own tokens).
    const uniform = twoClassDistance(real, await generated(s, 400));
    const losses = await steps(s.trainer, 150);
    const after = twoClassDistance(real, await generated(s, 400));
    const nll = losses.map((l) => l.values[0]!);
    console.info(
      `PPO-GAN stage 1: NLL ${nll[0]!.toFixed(3)} → ${nll.at(-1)!.toFixed(3)}; per-class marginal gap ${uniform.toFixed(3)} (untrained) → ${after.toFixed(3)}`,
    );
    expect(losses.every((l) => l.stage === 0)).toBe(true);
    expect(nll.at(-1)!).toBeLessThan(nll[0]! / 2);
    expect(uniform).toBeGreaterThan(0.3);
    expect(after).toBeLessThan(uniform / 3);
    s.dispose();
  }, 120_000);

  it('keeps the tensor count flat across likelihood steps and PPO rounds', async () => {
    const s = setup({ epochs: 2, likelihoodEpochs: 1, batchSize: 100 });
    await steps(s.trainer, 5); // the last step is the first PPO round: the reference policy is made
    const start = tf.memory().numTensors;
    const more = await steps(s.trainer, 3);
    expect(more.every((l) => l.stage === 1)).toBe(true);
    expect(tf.memory().numTensors).toBe(start);
    s.dispose();
  }, 60_000);

  it('stage 2: the KL to the stage-1 policy starts at zero, and PPO raises the mean reward', async () => {
    const s = setup({
      epochs: 200,
      likelihoodEpochs: 30,
      learningRates: { likelihood: 3e-3, ppo: 1e-3, discriminator: 1e-3 },
    });
    await steps(s.trainer, 30 * s.trainer.stepsPerEpoch);
    const ppo = await steps(s.trainer, 60);
    const names: string[] = [...s.model.lossNames, ...s.model.metricNames];
    const series = (name: string) => ppo.map((l) => l.values[names.indexOf(name)]!);
    expect(ppo.every((l) => l.stage === 1)).toBe(true);
    expect(series('likelihood').every(Number.isNaN)).toBe(true);
    // The first round's rows come from the stage-1 policy itself: log π − log π_ref is 0 for each.
    expect(Math.abs(series('KL')[0]!)).toBeLessThan(1e-6);
    const reward = series('reward');
    const mean = (x: number[]) => x.reduce((a, b) => a + b, 0) / x.length;
    console.info(
      `PPO-GAN stage 2: mean reward ${mean(reward.slice(0, 10)).toFixed(3)} → ${mean(reward.slice(-10)).toFixed(3)}`,
    );
    expect(mean(reward.slice(-10))).toBeGreaterThan(mean(reward.slice(0, 10)));
    s.dispose();
  }, 180_000);
});

import * as tf from '../../nn/tf';
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../worker/nodeBackends';
import { encodeRows, fitEncoder } from '../../encoding/encoder';
import { createRng } from '../../rng';
import { defaultSettings } from '../catalog';
import { twoClassTable } from '../../../test-support/tables';
import { Trainer } from '../../train/trainer';
import { Cgan } from '../cgan/cgan';
import { DownstreamModel, downstreamData } from './downstream';
import { createDsfgan, type DsfganSettings } from './dsfgan';
import type { FeedbackSettings } from './description';

beforeAll(async () => {
  await useNodeBackend('wasm');
});

const SEED = 3;

function table(target: 'class' | 'x' = 'class') {
  const { raw, schema } = twoClassTable(400);
  return { raw, schema: { ...schema, target: target === 'class' ? 2 : 0 } };
}

function dsfgan(feedback: Partial<FeedbackSettings>, target: 'class' | 'x' = 'class') {
  const { raw, schema } = table(target);
  const encoder = fitEncoder(raw, schema);
  const settings: DsfganSettings = {
    ...defaultSettings('cgan'),
    feedback: { ...defaultSettings('dsfgan').feedback, ...feedback },
  };
  const model = createDsfgan(encoder, raw, settings, createRng(SEED));
  const trainer = new Trainer(model, encodeRows(encoder, raw), defaultSettings('cgan').batchSize, SEED);
  return { model, trainer, encoder, raw };
}

/** The conditions of the table's first 64 rows: one fixed batch for comparing gradients. */
function batchConditions() {
  const { raw, schema } = table();
  const rows = encodeRows(fitEncoder(raw, schema), raw);
  const width = rows.conditions.length / rows.count;
  return tf.tensor2d(rows.conditions.subarray(0, 64 * width), [64, width]);
}

async function flatten(tensors: tf.Tensor[]): Promise<Float32Array> {
  const parts = await Promise.all(tensors.map((t) => t.data() as Promise<Float32Array>));
  tf.dispose(tensors);
  const out = new Float32Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

async function meanLosses(trainer: Trainer, steps: number): Promise<number[]> {
  for (let i = 0; i < steps; i++) trainer.step();
  const losses = await trainer.readLosses();
  return losses[0]!.values.map((_, k) => losses.reduce((s, l) => s + l.values[k]!, 0) / losses.length);
}

describe('DSF-GAN', () => {
  it("sends the downstream feedback into the generator's gradients, and nothing at λ = 0", async () => {
    const conditions = batchConditions();
    const { raw, schema } = table();
    const encoder = fitEncoder(raw, schema);
    const plain = new Cgan(encoder, defaultSettings('cgan'), createRng(SEED));
    const off = dsfgan({ lambda: 0 });
    const on = dsfgan({ lambda: 1 });

    const gPlain = await flatten(plain.generatorGradients(conditions, createRng(9)));
    const gOff = await flatten(off.model.base.generatorGradients(conditions, createRng(9)));
    const gOn = await flatten(on.model.base.generatorGradients(conditions, createRng(9)));

    expect(gOff).toEqual(gPlain);
    let difference = 0;
    let norm = 0;
    gOn.forEach((g, i) => {
      difference += (g - gOff[i]!) ** 2;
      norm += gOff[i]! ** 2;
    });
    console.info(
      `relative change of the generator gradient at λ = 1: ${Math.sqrt(difference / norm).toFixed(3)}`,
    );
    expect(Math.sqrt(difference / norm)).toBeGreaterThan(0.01);

    // The same λ = 1 gradient again once λ is set live back to 0: the weight is read at every step.
    on.model.configure({
      ...defaultSettings('dsfgan'),
      feedback: { ...defaultSettings('dsfgan').feedback, lambda: 0 },
    });
    expect(await flatten(on.model.base.generatorGradients(conditions, createRng(9)))).toEqual(gPlain);

    conditions.dispose();
    for (const m of [plain, off.model, on.model]) m.dispose();
    off.trainer.dispose();
    on.trainer.dispose();
  });

  it('reports the downstream loss and the λ in force at each step, λ changing at the next step', async () => {
    const { model, trainer } = dsfgan({ lambda: 0.5 });
    expect([...model.lossNames, ...model.metricNames]).toEqual([
      'discriminator',
      'generator',
      'downstream',
      'λ',
    ]);
    trainer.step();
    model.configure({
      ...defaultSettings('dsfgan'),
      feedback: { ...defaultSettings('dsfgan').feedback, lambda: 2 },
    });
    trainer.step();
    const losses = await trainer.readLosses();
    expect(losses.map((l) => l.values[3])).toEqual([0.5, 2]);
    expect(losses.flatMap((l) => l.values).every(Number.isFinite)).toBe(true);
    trainer.dispose();
    model.dispose();
  });

  it('trains the generator toward rows the downstream model predicts well, for classes and for numbers', async () => {
    for (const target of ['class', 'x'] as const) {
      // The mean downstream loss over the first 25 steps: both runs start from the same weights, so only
      // what the generator learned in those steps can tell them apart.
      const downstreamLoss = async (lambda: number) => {
        const { model, trainer } = dsfgan({ lambda }, target);
        const mean = await meanLosses(trainer, 25);
        trainer.dispose();
        model.dispose();
        return mean[2]!;
      };
      const off = await downstreamLoss(0);
      const on = await downstreamLoss(3);
      console.info(`${target}: downstream loss ${off.toFixed(3)} at λ = 0, ${on.toFixed(3)} at λ = 3`);
      expect(on).toBeLessThan(off * 0.85);
    }
  });

  it('keeps the tensor count flat across steps, the downstream model refitted every 20 steps', async () => {
    const { model, trainer } = dsfgan({ refitEvery: 20 });
    for (let i = 0; i < 12; i++) trainer.step();
    await trainer.readLosses();
    const start = tf.memory().numTensors;
    for (let i = 0; i < 40; i++) {
      trainer.step();
      if (i % 10 === 9) await trainer.readLosses();
    }
    expect(tf.memory().numTensors).toBe(start);
    trainer.dispose();
    model.dispose();
  });
});

describe('DownstreamModel', () => {
  it('learns the target from the real rows: classes and numbers', async () => {
    for (const target of ['class', 'x'] as const) {
      const { raw, schema } = table(target);
      const encoder = fitEncoder(raw, schema);
      const data = downstreamData(encodeRows(encoder, raw), 1);
      const task = target === 'class' ? 'classification' : 'regression';
      const model = new DownstreamModel(
        encoder.featureWidth,
        encoder.conditionWidth,
        task,
        'linear',
        createRng(1),
      );
      const before = (await model.loss(data.features, data.targets).data())[0]!;
      model.fit(data, createRng(2));
      const after = (await model.loss(data.features, data.targets).data())[0]!;
      console.info(
        `${task}: loss on real rows ${before.toFixed(3)} before fitting, ${after.toFixed(3)} after`,
      );
      // Class "a" vs "b" and x (≈ −2 vs 3) are both well predicted from the other columns.
      expect(after).toBeLessThan(target === 'class' ? 0.15 : 0.2);
      expect(after).toBeLessThan(before / 2);
      model.dispose();
      tf.dispose([data.features, data.targets]);
    }
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../nn/tf';
import type { Schema } from '../../data/schema';
import type { Cell, RawTable } from '../../data/table';
import { decodeRows, encodeRows, fitEncoder } from '../../encoding/encoder';
import { valueOf } from '../../eval/measure';
import { qualityReport } from '../../eval/metrics/quality';
import { createRng } from '../../rng';
import { Trainer } from '../../train/trainer';
import { useNodeBackend } from '../../worker/nodeBackends';
import { categorical, numeric } from '../../../test-support/tables';
import { defaultSettings } from '../catalog';
import { answers } from './answers';
import { askGrid, type Ask } from './asks';
import { Explorer, type ExplorerSettings } from './explorer';

beforeAll(async () => {
  await useNodeBackend('wasm');
});

/**
 * Two classes that overlap, so the forest's confidence takes every value from 0.5 to 1: x ~ N(±1, 1),
 * a colour that leans to one class, and a size unrelated to the class.
 */
function overlapping(rows: number, seed = 1): { raw: RawTable; schema: Schema } {
  const rng = createRng(seed);
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  const data: Cell[][] = [];
  for (let i = 0; i < rows; i++) {
    const cls = rng.next() < 0.6 ? 'no' : 'yes';
    const x = (cls === 'no' ? -1 : 1) + gaussian();
    const colour = rng.next() < (cls === 'no' ? 0.7 : 0.3) ? 'red' : 'blue';
    data.push([x.toFixed(2), colour, (5 + gaussian()).toFixed(2), cls]);
  }
  return {
    raw: { name: 'overlap.csv', columns: ['x', 'colour', 'size', 'class'], rows: data, missingMarker: '' },
    schema: {
      columns: [
        numeric(data, 0, 'x'),
        categorical(data, 1, 'colour'),
        numeric(data, 2, 'size'),
        categorical(data, 3, 'class'),
      ],
      target: 3,
    },
  };
}

function build(settings: Partial<ExplorerSettings> = {}, seed = 5) {
  const { raw, schema } = overlapping(1200);
  const train = { ...raw, rows: raw.rows.slice(0, 1000) };
  const heldOut = { ...raw, rows: raw.rows.slice(1000) };
  const encoder = fitEncoder(train, schema);
  const rows = encodeRows(encoder, train);
  const model = new Explorer(encoder, rows, { ...defaultSettings('explorer'), ...settings }, createRng(seed));
  const trainer = new Trainer(model, rows, 128, seed);
  return {
    model,
    trainer,
    encoder,
    rows,
    raw: { schema, train: train.rows },
    heldOut: encodeRows(encoder, heldOut),
  };
}

function error(model: Explorer, asks: Ask[]): number {
  const explored = model.explore(asks, createRng(11));
  return answers(asks, explored.probabilities, ['no', 'yes']).mae;
}

async function train(trainer: Trainer, steps: number): Promise<number[][]> {
  for (let i = 0; i < steps; i++) trainer.step();
  // Whole steps update every series: no value is null.
  return (await trainer.readLosses()).map((l) => l.values.map((v) => v!));
}

/** Share of rows asked for a class that the forest predicts as that class. */
function classHonoured(model: Explorer, asks: Ask[]): number {
  const { probabilities } = model.explore(asks, createRng(12));
  const found = answers(asks, probabilities, ['no', 'yes']);
  return found.predicted.filter((c, i) => c === found.askedClass[i]).length / asks.length;
}

describe('the black-box explorer', () => {
  it('distils a surrogate that agrees with the forest on held-out rows', () => {
    const { model, heldOut } = build();
    expect(model.surrogate!.agreement(heldOut.features)).toBeGreaterThan(0.9);
    model.dispose();
  });

  it('grows the same forest from a run seed whatever the realism weight and training mode', () => {
    const probe = build({}, 9).heldOut.features;
    const answersOf = (settings: Partial<ExplorerSettings>, seed: number) => {
      const { model } = build(settings, seed);
      const found = model.blackBox.probabilities(probe);
      model.dispose();
      return Array.from(found);
    };
    const plain = answersOf({ realismWeight: 0 }, 9);
    expect(answersOf({ realismWeight: 0.7 }, 9)).toEqual(plain);
    expect(answersOf({ training: 'gradient-free', realismWeight: 1 }, 9)).toEqual(plain);
    // Another seed grows another forest: the comparison above can tell forests apart.
    expect(answersOf({ realismWeight: 0 }, 10)).not.toEqual(plain);
  }, 60_000);

  it('learns through the surrogate to write rows the forest scores near the asked confidence and class', async () => {
    const { model, trainer } = build();
    const asks = askGrid(200, 2);
    const ninety = asks.map((a) => ({ ...a, confidence: 0.9 }));
    const sure = asks.filter((a) => a.confidence >= 0.75);
    const before = {
      all: error(model, asks),
      ninety: error(model, ninety),
      honoured: classHonoured(model, sure),
    };
    await train(trainer, 20);
    const tensors = tf.memory().numTensors;
    const losses = await train(trainer, 280);
    expect(tf.memory().numTensors).toBe(tensors);
    const after = {
      all: error(model, asks),
      ninety: error(model, ninety),
      honoured: classHonoured(model, sure),
    };
    expect(after.ninety).toBeLessThan(before.ninety / 2);
    expect(after.all).toBeLessThan(0.1);
    expect(after.honoured).toBeGreaterThan(0.9);
    expect(after.honoured).toBeGreaterThan(before.honoured);
    // The forest's MAE on the generator's own rows (a metric after the two losses) fell as well.
    expect(losses.at(-1)![2]).toBeLessThan(0.15);
    trainer.dispose();
    model.dispose();
  }, 120_000);

  it('learns gradient-free, from the forest’s answers alone', async () => {
    const { model, trainer } = build({ training: 'gradient-free' });
    expect(model.lossNames).toEqual(['generator']);
    expect(model.metricNames).toEqual(['MAE (forest)']);
    const asks = askGrid(200, 2);
    const before = error(model, asks);
    await train(trainer, 300);
    expect(error(model, asks)).toBeLessThan(before * 0.7);
    trainer.dispose();
    model.dispose();
  }, 120_000);

  it('builds a discriminator only for a realism weight above 0, and then trains it', async () => {
    const plain = build();
    expect(plain.model.discriminate).toBeUndefined();
    expect(plain.model.lossNames).not.toContain('discriminator');
    plain.model.dispose();
    plain.trainer.dispose();

    const { model, trainer, heldOut } = build({ realismWeight: 1 });
    expect(model.lossNames).toEqual(['generator', 'surrogate', 'discriminator']);
    const losses = await train(trainer, 3);
    expect(losses.every((l) => l.every(Number.isFinite))).toBe(true);
    const real = tf.tensor2d(heldOut.features, [heldOut.count, heldOut.features.length / heldOut.count]);
    const { scores } = model.discriminate!(real, real);
    expect(scores.shape).toEqual([heldOut.count]);
    tf.dispose([real, scores]);
    trainer.dispose();
    model.dispose();
  }, 60_000);

  it('with the realism term on, still learns the asked confidence, and writes more realistic rows than without', async () => {
    const asks = askGrid(200, 2);
    const trained = async (realismWeight: number) => {
      const { model, trainer, encoder, rows, raw } = build({ realismWeight });
      const before = error(model, asks);
      await train(trainer, 300);
      // Rows for the training rows' classes, as the Synthetic rows panel draws them, against those rows.
      const conditions = tf.tensor2d(rows.conditions, [rows.count, 2]);
      const generated = model.generate(conditions, createRng(13));
      const cells = decodeRows(encoder, generated.dataSync() as Float32Array, rows.conditions);
      tf.dispose([conditions, generated]);
      const columns = raw.schema.columns.map((c) => ({
        name: c.name,
        kind: c.kind as 'numeric' | 'categorical',
      }));
      const quality = valueOf(qualityReport(columns, raw.train, cells).score)!;
      const figures = { before, after: error(model, asks), quality };
      trainer.dispose();
      model.dispose();
      return figures;
    };
    const plain = await trained(0);
    const realistic = await trained(1);
    expect(realistic.after).toBeLessThan(realistic.before / 2);
    expect(realistic.quality).toBeGreaterThan(plain.quality + 0.05);
    // The moment term's doing (RealMoments): 0.72 with the discriminator alone, its size column's shape
    // 0.26 (the size is unrelated to the class, so nothing the forest reads holds it); 0.95 with it.
    expect(realistic.quality).toBeGreaterThan(0.85);
  }, 120_000);
});

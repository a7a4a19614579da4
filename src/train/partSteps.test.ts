import { beforeAll, describe, expect, it } from 'vitest';
import { demoTable } from '../../test-support/demoTable';
import * as tf from '../nn/tf';
import { type TrainingSettings, defaultSettings } from '../models/catalog';
import { useNodeBackend } from '../worker/nodeBackends';
import { Run } from './run';
import type { StepPart } from './trainer';

/*
 * One player at a time, for every family: a discriminator step reports only the discriminator's side of
 * the series, a generator step only the generator's, each trains its own network (a discriminator that
 * steps alone against a still generator gets better at telling them apart), and no tensor is left over.
 */

beforeAll(async () => {
  await useNodeBackend('wasm');
});

const SMALL: Record<string, TrainingSettings> = {
  cgan: { ...defaultSettings('cgan'), seed: 5 },
  ctgan: { ...defaultSettings('ctgan'), batchSize: 50, generatorSizes: [32], criticSizes: [32], seed: 5 },
  dsfgan: { ...defaultSettings('dsfgan'), seed: 5 },
  tablegan: { ...defaultSettings('tablegan'), channels: 4, seed: 5 },
};

async function stepOnce(run: Run, part: StepPart) {
  const chunk = await run.trainChunk({ maxMs: 0, maxSteps: 1, untilStep: run.stepsDone + 1 }, part);
  return chunk.losses[0]!.values;
}

describe.each(Object.entries(SMALL))('%s, one player at a time', (model, settings) => {
  it('steps each network alone, reporting only its series', async () => {
    const created = Run.create({ table: demoTable(), settings, holdoutShare: 0.2 });
    if (!created.ok) throw new Error(created.error);
    const run = created.value;
    const names = run.seriesNames;
    const first = names[0]!;
    // The generator's adversarial loss is the second series in every family.
    const generator = names[1]!;
    expect(generator).toBe('generator');

    await stepOnce(run, 'both');
    const tensors = tf.memory().numTensors;
    const d = await stepOnce(run, 'discriminator');
    expect(d[0], `${first} after a discriminator step`).toEqual(expect.any(Number));
    expect(d[1], 'generator after a discriminator step').toBeNull();
    const g = await stepOnce(run, 'generator');
    expect(g[0], `${first} after a generator step`).toBeNull();
    expect(g[1], 'generator after a generator step').toEqual(expect.any(Number));
    expect(run.stepsDone).toBe(3);

    // The discriminator alone, against a generator that does not move: it learns to tell them apart.
    const losses: number[] = [];
    for (let i = 0; i < 40; i++) losses.push((await stepOnce(run, 'discriminator'))[0]!);
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean(losses.slice(-8)), `${model}: ${first} loss, last 8 against first 8`).toBeLessThan(
      mean(losses.slice(0, 8)),
    );
    expect(tf.memory().numTensors, 'tensors after 42 one-player steps').toBe(tensors);
    run.dispose();
  }, 60_000);
});

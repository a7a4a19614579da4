import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeSessionEnvironment } from '../../worker/nodeBackends';
import type { LossPoint } from '../../worker/protocol';
import { EngineSession } from '../../worker/session';
import { defaultSettings, type TrainingSettings } from '../catalog';

/* DSF-GAN's feedback on the CTGAN-style model, trained through the real session on the penguins demo. */
const penguins = new Uint8Array(readFileSync(resolve(__dirname, '../../../public/demos/penguins.csv')));
const SMALL = {
  batchSize: 50,
  generatorSizes: [32],
  criticSizes: [32],
  learningRates: { generator: 2e-3, discriminator: 2e-4 },
  seed: 5,
};
const ctgan: TrainingSettings = { ...defaultSettings('ctgan'), ...SMALL };
const withFeedback = (lambda: number): TrainingSettings => ({
  ...defaultSettings('dsfctgan'),
  ...SMALL,
  feedback: { ...defaultSettings('dsfctgan').feedback, lambda },
});

async function losses(settings: TrainingSettings, steps: number) {
  const points: LossPoint[] = [];
  let names: readonly string[] = [];
  const session = new EngineSession(nodeSessionEnvironment('cpu'));
  await session.init((e) => {
    if (e.type !== 'progress') return;
    if (e.progress.points.length === 0) return;
    points.push(...e.progress.points);
    names = [...e.progress.lossNames, ...e.progress.metricNames];
  });
  const loaded = await session.loadFile(penguins, 'penguins.csv');
  if (!loaded.ok) throw new Error(loaded.error);
  for (let i = 0; i < steps; i++) {
    const stepped = await session.step(settings);
    if (!stepped.ok) throw new Error(stepped.error);
  }
  await session.reset();
  return { points, names };
}

/** Mean of series k over the last 10 steps: where what the generator learned shows. */
const lateMean = (points: LossPoint[], k: number) => {
  const late = points.slice(-10);
  return late.reduce((s, p) => s + p.values[k]!, 0) / late.length;
};

describe('DSF-GAN on the CTGAN-style model', () => {
  it('at λ = 0 trains exactly the CTGAN-style model of the same seed, and names its extra series', async () => {
    const plain = await losses(ctgan, 15);
    const off = await losses(withFeedback(0), 15);
    expect(off.names).toEqual([...plain.names, 'downstream', 'λ']);
    expect(off.points.map((p) => p.values.slice(0, plain.names.length))).toEqual(
      plain.points.map((p) => p.values),
    );
  }, 120_000);

  it('trains the generator toward rows the downstream model predicts well', async () => {
    // Both runs start from the same weights: only what the generator learned can tell them apart.
    const off = await losses(withFeedback(0), 30);
    const on = await losses(withFeedback(5), 30);
    const k = off.names.indexOf('downstream');
    console.info(
      `downstream loss ${lateMean(off.points, k).toFixed(3)} at λ = 0, ${lateMean(on.points, k).toFixed(3)} at λ = 5`,
    );
    expect(lateMean(on.points, k)).toBeLessThan(lateMean(off.points, k) * 0.85);
    expect(on.points.flatMap((p) => p.values).every(Number.isFinite)).toBe(true);
  }, 120_000);
});

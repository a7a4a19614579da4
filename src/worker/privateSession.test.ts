import { describe, expect, it } from 'vitest';
import {
  carryOver,
  defaultSettings,
  settingsProblems,
  switchModel,
  withPrivacy,
  type TrainingSettings,
} from '../models/catalog';
import { epsilon } from '../privacy/accountant';
import { EPSILON_SERIES } from '../privacy/disclosure';
import { progressEvents, startSession, untilStatus } from '../../test-support/session';
import { unpack } from './packed';

const dp = { budget: { kind: 'epsilon', epsilon: 2 }, delta: null, clipNorm: 1 } as const;
const privateCgan: TrainingSettings = {
  ...defaultSettings('cgan'),
  epochs: 3,
  batchSize: 32,
  differentialPrivacy: dp,
};

describe('a private run in the session', () => {
  it('spends ε step by step, stops when the budget is spent and says so, and labels its rows and report', async () => {
    const { session: engine, events } = await startSession();
    expect((await engine.train(privateCgan)).ok).toBe(true);
    await untilStatus(events, 'finished', 1500);
    const progress = progressEvents(events);
    const last = progress.at(-1)!;
    // 275 training rows, batch 32: 9 Poisson-sampled steps an epoch, 3 epochs.
    expect(last.totalSteps).toBe(27);
    expect(last.step).toBe(27);
    const privacy = last.privacy!;
    expect(privacy.delta).toBe(1e-3); // the largest power of ten below 1/275
    expect(privacy.epsilonBudget).toBeLessThanOrEqual(2);
    expect(privacy.epsilonBudget).toBeGreaterThan(1.95);
    expect(privacy.epsilonSpent).toBeCloseTo(privacy.epsilonBudget, 10);
    // The accountant, asked independently, agrees with what the page is told.
    expect(
      epsilon(
        { samplingRate: privacy.samplingRate, noiseMultiplier: privacy.noiseMultiplier, steps: 27 },
        1e-3,
      ),
    ).toBeCloseTo(privacy.epsilonSpent, 10);

    // ε spent is a series on the chart, rising with the steps to the budget.
    expect(last.metricNames).toEqual([EPSILON_SERIES]);
    const at = last.lossNames.length;
    const curve = progress.flatMap((p) => p.points).map((p) => p.values[at]!);
    expect(curve.length).toBeGreaterThan(1);
    for (let i = 1; i < curve.length; i++) expect(curve[i]!).toBeGreaterThan(curve[i - 1]!);
    expect(curve.at(-1)!).toBeLessThanOrEqual(privacy.epsilonBudget + 1e-9);

    const alert = events.find((e) => e.type === 'alert');
    expect(alert).toMatchObject({
      message: expect.stringMatching(/privacy budget is spent: \(ε = 1\.\d\d, δ = 1e-3\)-DP after 27 steps/),
    });
    const more = await engine.step(privateCgan);
    expect(more.ok).toBe(false);
    expect(!more.ok && more.error).toMatch(/privacy budget is spent/);

    const rows = await engine.generate(10);
    expect(rows.ok && rows.value.privacy).toEqual({ epsilon: privacy.epsilonSpent, delta: 1e-3 });
    const report = await engine.evaluationData();
    expect(report.ok && unpack(report.value).model.privacy).toEqual({
      epsilon: privacy.epsilonSpent,
      delta: 1e-3,
    });
    await engine.reset();
  });

  it('labels rows generated mid-run with the ε spent so far, not the budget', async () => {
    const { session: engine } = await startSession();
    for (let i = 0; i < 5; i++) expect((await engine.step(privateCgan)).ok).toBe(true);
    const progress = await engine.pause();
    const rows = await engine.generate(5);
    const label = rows.ok ? rows.value.privacy! : null;
    expect(label!.epsilon).toBe(progress.privacy!.epsilonSpent);
    expect(label!.epsilon).toBeLessThan(progress.privacy!.epsilonBudget / 1.5);
    await engine.reset();
  });

  it('a run without differential privacy has no privacy label', async () => {
    const { session: engine } = await startSession();
    const plain = { ...privateCgan, differentialPrivacy: undefined };
    const stepped = await engine.step(plain);
    expect(stepped.ok && stepped.value.privacy).toBeNull();
    expect(stepped.ok && stepped.value.metricNames).toEqual([]);
    const rows = await engine.generate(5);
    expect(rows.ok && rows.value.privacy).toBeNull();
    await engine.reset();
  });
});

describe('which models accept differential privacy', () => {
  it('the families that declare it, with the settings it needs', () => {
    expect(settingsProblems(privateCgan)).toEqual([]);
    const tablegan = { ...defaultSettings('tablegan'), differentialPrivacy: dp };
    expect(settingsProblems(tablegan)).toEqual([
      'table-GAN does not train with differential privacy: choose CGAN or CTGAN-style.',
    ]);
    const ctgan = { ...defaultSettings('ctgan'), differentialPrivacy: dp };
    expect(settingsProblems(ctgan)).toEqual([expect.stringMatching(/needs Pac = 1 \(it is 10\)/)]);
    const packOfOne: TrainingSettings = { ...ctgan, pac: 1 };
    expect(settingsProblems(packOfOne)).toEqual([]);
    expect(settingsProblems({ ...privateCgan, differentialPrivacy: { ...dp, clipNorm: 0 } })).toEqual([
      'Clip norm must be a positive number.',
    ]);
  });

  it('switching model keeps the switch only where the new model supports it', () => {
    expect(switchModel(privateCgan, 'ctgan').differentialPrivacy).toEqual(dp);
    expect(switchModel(privateCgan, 'tablegan').differentialPrivacy).toBeUndefined();
  });

  it('early stopping is off under differential privacy: it reads the training rows outside the budget', () => {
    const early = { ...privateCgan, patience: 10 };
    expect(settingsProblems(early)).toEqual([
      expect.stringMatching(/^Early stopping compares the generator/),
    ]);
    expect(settingsProblems({ ...early, differentialPrivacy: undefined })).toEqual([]);
    // Switching it on, or carrying it to another model, turns early stopping off.
    expect(withPrivacy({ ...defaultSettings('cgan'), patience: 10 }, dp).patience).toBe(0);
    expect(switchModel(early, 'ctgan').patience).toBe(0);
    // Settings derived for a table (patience 10 on a large one) take the switch and drop early stopping.
    const derived = { ...defaultSettings('ctgan'), patience: 10, seed: 1 };
    expect(carryOver(privateCgan, derived)).toMatchObject({
      differentialPrivacy: dp,
      patience: 0,
      seed: privateCgan.seed,
    });
  });
});

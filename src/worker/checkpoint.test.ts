import { describe, expect, it } from 'vitest';
import * as tf from '../nn/tf';
import type { TrainingSettings } from '../models/catalog';
import { penguinsBytes, SMALL_RUNS as RUNS } from '../../test-support/smallRuns';
import { nodeSessionEnvironment } from './nodeBackends';
import type { RunHealth } from '../eval/health';
import type { EngineEvent, LossPoint, RunCheckpoint } from './protocol';
import { EngineSession } from './session';

/*
 * A run survives its worker: a new session given the last checkpoint continues exactly where the first
 * one was (same losses, step by step), for every model family, and frees every tensor on Reset. On the
 * deterministic cpu backend, with the small settings of sameLosses.test.ts.
 */
const penguins = penguinsBytes();

/** A session on the penguins table that records its loss points and checkpoints. */
async function openSession() {
  const points: LossPoint[] = [];
  const checkpoints: RunCheckpoint[] = [];
  const alerts: string[] = [];
  const health: RunHealth[] = [];
  let checked: (health: RunHealth) => void = () => {};
  const session = new EngineSession(nodeSessionEnvironment('cpu'));
  await session.init((e: EngineEvent) => {
    if (e.type === 'progress') points.push(...e.progress.points);
    if (e.type === 'checkpoint') checkpoints.push(e.checkpoint);
    if (e.type === 'alert') alerts.push(e.message);
    if (e.type === 'health') {
      health.push(e.health);
      checked(e.health);
    }
  });
  const loaded = await session.loadFile(penguins, 'penguins.csv');
  if (!loaded.ok) throw new Error(loaded.error);
  /** Trains to the end of the run's epochs and its health check there (a run checks at its last step). */
  const trainToEnd = async (settings: TrainingSettings) => {
    let end = Infinity;
    const done = new Promise<void>(
      (resolve) => (checked = (h) => h.checks.at(-1)?.step === end && resolve()),
    );
    const started = await session.train(settings);
    if (!started.ok) throw new Error(started.error);
    end = started.value.totalSteps;
    if (health.at(-1)?.checks.at(-1)?.step !== end) await done;
  };
  return { session, points, checkpoints, alerts, health, trainToEnd };
}

async function steps(session: EngineSession, settings: TrainingSettings, count: number) {
  for (let i = 0; i < count; i++) {
    const stepped = await session.step(settings);
    if (!stepped.ok) throw new Error(stepped.error);
  }
}

/** DSF-GAN refitting its downstream model every 5 steps: refits before and after the checkpoint at 12. */
const REFITTING = { ...RUNS.dsfgan, feedback: { ...RUNS.dsfgan.feedback, refitEvery: 5 } };

describe('checkpoints', () => {
  for (const [model, settings] of Object.entries({ ...RUNS, 'dsfgan with refits': REFITTING })) {
    it(`${model}: a new session resumes from a checkpoint and trains on exactly as the first`, async () => {
      const first = await openSession();
      await steps(first.session, settings, 12);
      await first.session.pause();
      const saved = first.checkpoints.at(-1)!;
      expect(saved.checkpoint.step).toBe(12);
      await steps(first.session, settings, 6);
      const expected = first.points.slice(12);
      await first.session.reset();

      const before = tf.memory().numTensors;
      const second = await openSession();
      const resumed = await second.session.resume(structuredClone(saved));
      expect(resumed.ok && resumed.value).toMatchObject({ step: 12, status: 'paused', runId: saved.runId });
      await steps(second.session, settings, 6);
      expect(second.points.map((p) => p.step)).toEqual(expected.map((p) => p.step));
      second.points.forEach((p, i) => expect(p.values).toEqual(expected[i]!.values));
      await second.session.reset();
      expect(tf.memory().numTensors - before, 'tensors left after Reset').toBe(0);
    }, 120_000);
  }

  it('refuses a checkpoint of another table, and leaves no run behind', async () => {
    const first = await openSession();
    await steps(first.session, RUNS.cgan!, 2);
    await first.session.pause();
    const saved = first.checkpoints.at(-1)!;
    await first.session.reset();
    const second = await openSession();
    await second.session.setTarget(0);
    const resumed = await second.session.resume(saved);
    expect(resumed.ok || resumed.error).toMatch(/another table/);
    expect((await second.session.pause()).step).toBe(0);
  });

  it('offers to roll back when a loss stops being finite, and trains on from there', async () => {
    const { session } = await openSession();
    const settings = RUNS.cgan!;
    await steps(session, settings, 3);
    await session.pause();
    const wild = { ...settings, learningRates: { generator: 1e30, discriminator: 1e30 } };
    expect((await session.updateSettings(wild)).ok).toBe(true);
    let progress = await session.pause();
    for (let i = 0; i < 50 && progress.rollbackStep === null; i++) {
      const stepped = await session.step(wild);
      if (!stepped.ok) throw new Error(stepped.error);
      progress = stepped.value;
    }
    expect(progress.rollbackStep).toBe(3);
    expect((await session.train(wild)).ok).toBe(false);

    expect((await session.updateSettings(settings)).ok).toBe(true);
    const rolled = await session.rollBack();
    expect(rolled.ok && rolled.value).toMatchObject({ step: 3, status: 'paused', rollbackStep: null });
    const stepped = await session.step(settings);
    expect(stepped.ok && stepped.value.step).toBe(4);
    await session.reset();
  });

  it('keeps the health checks up to its step through Roll back and a new worker: the quality curve goes on', async () => {
    // 300 steps: checks at steps 100, 200 and 300, checkpoints at 0 and 200.
    const settings = { ...RUNS.cgan!, epochs: 75 };
    const steps = (h: RunHealth | undefined) => h?.checks.map((c) => c.step);
    const first = await openSession();
    await first.trainToEnd(settings);
    const all = first.health.at(-1)!.checks;
    expect(all.map((c) => c.step)).toEqual([100, 200, 300]);
    const saved = first.checkpoints.at(-1)!;
    expect(saved.checkpoint.step).toBe(200);

    // Roll back to step 200: the checks up to it are shown at once, and training on adds step 300's.
    expect((await first.session.rollBack()).ok).toBe(true);
    expect(steps(first.health.at(-1))).toEqual([100, 200]);
    await first.trainToEnd(settings);
    expect(first.health.at(-1)!.checks).toEqual(all);
    await first.session.reset();

    // A new worker resumes from the checkpoint at 200 as the page hands it over (cloned).
    const second = await openSession();
    expect((await second.session.resume(structuredClone(saved))).ok).toBe(true);
    expect(steps(second.health.at(-1))).toEqual([100, 200]);
    await second.trainToEnd(settings);
    expect(second.health.at(-1)!.checks).toEqual(all);
    await second.session.reset();
  }, 120_000);
});

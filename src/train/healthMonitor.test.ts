import { beforeAll, describe, expect, it } from 'vitest';
import { demoTable } from '../../test-support/demoTable';
import type { TypedTable } from '../data/schema';
import type { RunHealth } from '../eval/health';
import { defaultSettings } from '../models/catalog';
import * as tf from '../nn/tf';
import { useNodeBackend } from '../worker/nodeBackends';
import { HealthMonitor } from './healthMonitor';
import { Run } from './run';

/*
 * The health checks on a real run: the CGAN on the penguins demo (275 training rows, 5 steps an epoch, so a
 * check every 20 epochs = 100 steps), trained with a sane learning rate and with one far too high.
 */
let penguins: TypedTable;
beforeAll(async () => {
  await useNodeBackend('wasm');
  penguins = demoTable();
});

function cganRun(learningRate: number, patience = 0, epochs?: number): Run {
  const settings = {
    ...defaultSettings('cgan'),
    ...(epochs === undefined ? {} : { epochs }),
    learningRates: { generator: learningRate, discriminator: learningRate },
    patience,
  };
  const run = Run.create({ table: penguins, settings, holdoutShare: 0.2 });
  if (!run.ok) throw new Error(run.error);
  return run.value;
}

async function train(run: Run, steps: number): Promise<{ end: string; checks: RunHealth[] }> {
  const checks: RunHealth[] = [];
  const end = await run.trainUntil(steps, { onHealth: (h) => checks.push(h) });
  return { end, checks };
}

/** A new monitor of the run, as the run makes its own. */
const monitorOf = (run: Run) =>
  new HealthMonitor(
    run.model,
    run.codec,
    run.rows,
    run.training,
    run.seeds.verdicts,
    run.trainer.stepsPerEpoch,
  );

/** The fixed batch's quality as a fresh monitor sees the run's generator now. */
async function qualityNow(run: Run): Promise<number> {
  const fresh = monitorOf(run);
  try {
    return (await fresh.check(run.stepsDone)).checks[0]!.quality!;
  } finally {
    fresh.dispose();
  }
}

describe('HealthMonitor on a training CGAN', () => {
  it('checks the fixed batch on whole epochs, its quality rises, and its tensors stay flat', async () => {
    const run = cganRun(1e-3);
    try {
      const tensorsAt: number[] = [];
      const checks: RunHealth[] = [];
      await run.trainUntil(400, {
        onHealth: (h) => {
          checks.push(h);
          tensorsAt.push(tf.memory().numTensors);
        },
      });
      expect(checks.map((c) => c.checks.at(-1)!.step)).toEqual([100, 200, 300, 400]);
      expect(checks[0]!.everySteps % run.trainer.stepsPerEpoch).toBe(0);
      const quality = checks.at(-1)!.checks.map((c) => c.quality!);
      expect(quality[3]!).toBeGreaterThan(quality[0]! + 0.05);
      expect(checks.at(-1)!.problems).toEqual([]);
      // The best generator's copy is replaced, not added to, at each improvement.
      expect(new Set(tensorsAt.slice(1)).size).toBe(1);
    } finally {
      run.dispose();
    }
  }, 120_000);

  it('reports numbers piling up at the limits, since the first failing check, when the learning rate is far too high', async () => {
    const run = cganRun(0.3);
    try {
      const { checks } = await train(run, 400);
      const clampFails = checks.map((c) => c.signals.some((s) => s.id === 'clamp' && !s.ok));
      const firstFail = clampFails.indexOf(true);
      expect(firstFail).toBeGreaterThanOrEqual(0);
      expect(clampFails.slice(firstFail)).not.toContain(false);
      const clamp = checks.at(-1)!.problems.find((p) => p.id === 'clamp');
      expect(clamp?.since).toBe(checks[firstFail]!.checks.at(-1)!.step);
      expect(clamp?.advice).toMatch(/lower learning rate/);
      // Not before three checks in a row failed.
      const reported = checks.map((c) => c.problems.some((p) => p.id === 'clamp'));
      expect(reported.indexOf(true)).toBe(firstFail + 2);
    } finally {
      run.dispose();
    }
  }, 120_000);

  it('stops early after `patience` epochs without a better quality and puts the best generator back', async () => {
    const run = cganRun(0.05, 5);
    try {
      const { end, checks } = await train(run, 1500);
      expect(end).toBe('stopped-early');
      expect(run.complete).toBe(true);
      const last = checks.at(-1)!;
      expect(run.stepsDone).toBeLessThan(1500);
      expect(last.stoppedEarly).toEqual({ step: run.stepsDone, patience: 5, restored: true });
      expect(last.best!.step).toBeLessThan(run.stepsDone);
      // A fresh look at the same fixed batch sees the best check's generator again.
      expect(await qualityNow(run)).toBeCloseTo(last.best!.quality, 6);
      expect(last.checks.at(-1)!.quality).not.toBeCloseTo(last.best!.quality, 3);
    } finally {
      run.dispose();
    }
  }, 120_000);

  it('ends a finished run on its best generator when the last check was worse', async () => {
    // 4 steps an epoch: 200 epochs end at step 800, a check; at this rate the quality peaks before.
    const run = cganRun(0.05, 0, 200);
    try {
      const { end, checks } = await train(run, run.totalSteps);
      expect(end).toBe('done');
      const last = checks.at(-1)!;
      expect(last.stoppedEarly).toBeNull();
      expect(last.endedOnBest).toEqual({ step: run.totalSteps, restored: true });
      expect(last.best!.step).toBeLessThan(run.totalSteps);
      expect(last.checks.at(-1)!.quality!).toBeLessThan(last.best!.quality);
      expect(await qualityNow(run)).toBeCloseTo(last.best!.quality, 6);
      // Train more starts from the generator put back, with nothing said about an end.
      run.extend(20);
      expect(run.health!.endedOnBest).toBeNull();
      expect(run.health!.best!.step).toBe(800);
    } finally {
      run.dispose();
    }
  }, 120_000);

  it('keeps its check cadence when trained on past the planned steps', async () => {
    const run = cganRun(1e-3, 0, 50);
    try {
      const planned = await train(run, run.totalSteps);
      const every = planned.checks.at(-1)!.everySteps;
      const past = 3 * every;
      const { end, checks } = await train(run, run.totalSteps + past);
      expect(end).toBe('done');
      // Only the cadence's steps past the plan, not one check per chunk (Train more in Node).
      const expected = Array.from(
        { length: 3 },
        (_, i) => (Math.floor(run.totalSteps / every) + i + 1) * every,
      );
      expect(checks.map((c) => c.checks.at(-1)!.step)).toEqual(expected);
    } finally {
      run.dispose();
    }
  }, 120_000);

  it('keeps the last generator of a finished run whose last check was its best', async () => {
    const run = cganRun(1e-3, 0, 50);
    try {
      const { checks } = await train(run, run.totalSteps);
      const last = checks.at(-1)!;
      expect(last.checks.at(-1)!.step).toBe(run.totalSteps);
      // Rising at this rate: the last check is the best, so nothing is put back.
      expect(last.best!.step).toBe(run.totalSteps);
      expect(last.endedOnBest).toBeNull();
    } finally {
      run.dispose();
    }
  }, 120_000);
});

describe('HealthMonitor.restore (a reopened run)', () => {
  const saved: RunHealth = {
    everySteps: 100,
    checks: [
      { step: 100, quality: 0.7 },
      { step: 200, quality: 0.8 },
      { step: 300, quality: 0.75 },
    ],
    signals: [],
    problems: [],
    best: { step: 200, quality: 0.8 },
    stoppedEarly: null,
    endedOnBest: null,
  };

  it('takes up the checks to its step, and the best only when the reopened generator is it', () => {
    const run = cganRun(1e-3);
    const monitor = () => monitorOf(run);
    const atBest = monitor();
    const pastBest = monitor();
    const endedOnBest = monitor();
    try {
      // Saved at the best's check: its generator is the one reopened.
      atBest.restore(saved, 200);
      expect(atBest.view()).toMatchObject({ checks: saved.checks.slice(0, 2), best: saved.best });
      // Saved after it: the file holds no generator of step 200 to put back, so the next check sets the best.
      pastBest.restore(saved, 300);
      expect(pastBest.view()).toMatchObject({ checks: saved.checks, best: null });
      // Ended on the best: its generator was put back before saving, so it goes on, counted from here.
      endedOnBest.restore({ ...saved, endedOnBest: { step: 300, restored: true } }, 300);
      expect(endedOnBest.view()).toMatchObject({
        checks: saved.checks,
        best: { step: 300, quality: 0.8 },
        endedOnBest: null,
      });
    } finally {
      [atBest, pastBest, endedOnBest].forEach((m) => m.dispose());
      run.dispose();
    }
  });
});

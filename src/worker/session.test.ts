import { describe, expect, it, vi } from 'vitest';
import { fitEncoder } from '../encoding/encoder';
import { type TrainingSettings, defaultSettings } from '../models/catalog';
import { progressEvents, startSession, untilStatus } from '../../test-support/session';

// A pass-through spy: the test of fitting ahead counts fits.
vi.mock('../encoding/encoder', async (original) => {
  const actual = await original<typeof import('../encoding/encoder')>();
  return { ...actual, fitEncoder: vi.fn(actual.fitEncoder) };
});

const fast: TrainingSettings = { ...defaultSettings('cgan'), epochs: 4, batchSize: 32 };

describe('EngineSession', () => {
  it('trains to the planned step count, streaming throttled progress with loss points', async () => {
    const { session, events } = await startSession();
    const started = await session.train(fast);
    expect(started.ok).toBe(true);
    await untilStatus(events, 'finished');
    const progress = progressEvents(events);
    const last = progress.at(-1)!;
    expect(last.status).toBe('finished');
    expect(last.step).toBe(last.totalSteps);
    // 69 of the 344 rows are held out (20%, stratified): the generator trains on the other 275.
    expect(last.totalSteps).toBe(4 * Math.floor(275 / 32));
    const points = progress.flatMap((p) => p.points);
    expect(points.length).toBeGreaterThan(0);
    expect(points.at(-1)!.step).toBe(last.totalSteps);
    // Far fewer events than steps: the page is never flooded.
    expect(progress.length).toBeLessThan(last.totalSteps);
  });

  it('trains more epochs after a finished run, from where it stopped', async () => {
    const { session, events } = await startSession();
    expect(await session.trainMore(2)).toMatchObject({ ok: false });
    await session.train(fast);
    await untilStatus(events, 'finished');
    const finished = progressEvents(events).at(-1)!;
    expect((await session.train(fast)).ok, 'Train on a finished run').toBe(false);

    const more = await session.trainMore(2);
    expect(more.ok && more.value).toMatchObject({ status: 'training', runId: finished.runId });
    expect(more.ok && more.value.totalSteps).toBe(finished.totalSteps + 2 * finished.stepsPerEpoch);
    await untilStatus(events, 'finished');
    const last = progressEvents(events).at(-1)!;
    expect(last.step).toBe(last.totalSteps);
    // The curve goes on: points past the first plan's end, in the same run.
    const later = progressEvents(events).filter((p) => p.runId === finished.runId);
    expect(later.flatMap((p) => p.points).at(-1)!.step).toBe(last.totalSteps);
  });

  it('plans more epochs without training them, so slow motion can step on', async () => {
    const { session, events } = await startSession();
    await session.train(fast);
    await untilStatus(events, 'finished');
    const finished = progressEvents(events).at(-1)!;
    const planned = await session.planMore(2);
    expect(planned.ok && planned.value).toMatchObject({
      status: 'paused',
      step: finished.step,
      totalSteps: finished.totalSteps + 2 * finished.stepsPerEpoch,
    });
    const stepped = await session.step(fast, 'discriminator');
    expect(stepped.ok && stepped.value).toMatchObject({ status: 'paused', step: finished.step + 1 });
  });

  it('shows the steps a run will plan before its first step, for a model that samples its rows too', async () => {
    const ctgan: TrainingSettings = { ...defaultSettings('ctgan'), epochs: 3, batchSize: 50, seed: 2 };
    for (const settings of [fast, ctgan]) {
      const { session, events } = await startSession();
      await session.prepare(settings);
      const before = progressEvents(events).at(-1)!;
      expect(before.status).toBe('idle');
      expect(before.totalSteps).toBeGreaterThan(0);
      const stepped = await session.step(settings);
      expect(stepped.ok && stepped.value.totalSteps, settings.model).toBe(before.totalSteps);
      expect(stepped.ok && stepped.value.stepsPerEpoch).toBe(before.stepsPerEpoch);
      await session.reset();
      expect(progressEvents(events).at(-1)!.totalSteps, 'after Reset, until prepared again').toBe(0);
    }
  });

  it('pauses, steps exactly once, resumes and resets', async () => {
    const { session, events } = await startSession();
    await session.train({ ...fast, epochs: 1000 });
    await new Promise((r) => setTimeout(r, 200));
    const paused = await session.pause();
    expect(paused.status).toBe('paused');
    const stepped = await session.step(fast);
    expect(stepped.ok && stepped.value.step).toBe(paused.step + 1);
    await session.train(fast);
    await new Promise((r) => setTimeout(r, 100));
    const reset = await session.reset();
    expect(reset).toMatchObject({ status: 'idle', step: 0 });
    expect(reset.runId).not.toBe(paused.runId);
    expect(progressEvents(events).at(-1)!.status).toBe('idle');
  });

  it('pauses itself and says so when a loss stops being finite', async () => {
    const { session, events } = await startSession();
    await session.train({ ...fast, epochs: 50, learningRates: { generator: 1e30, discriminator: 1e30 } });
    await untilStatus(events, 'paused');
    const alert = events.find((e) => e.type === 'alert');
    expect(alert?.type === 'alert' && alert.message).toMatch(
      /Training paused at step \d+: the .* loss became NaN/,
    );
    expect(progressEvents(events).at(-1)!.status).toBe('paused');
  });

  it('generates rows with the source columns and writes them as CSV', async () => {
    const { session } = await startSession();
    await session.step(fast);
    const result = await session.generate(50);
    if (!result.ok) throw new Error(result.error);
    const { columns, rows, csv } = result.value;
    expect(columns).toEqual([
      'Island',
      'Beak Length (mm)',
      'Beak Depth (mm)',
      'Flipper Length (mm)',
      'Body Mass (g)',
      'Sex',
      'Species',
    ]);
    expect(rows).toHaveLength(50);
    const lines = csv.trim().split(/\r?\n/);
    expect(lines[0]).toBe(
      'Island,Beak Length (mm),Beak Depth (mm),Flipper Length (mm),Body Mass (g),Sex,Species',
    );
    expect(lines).toHaveLength(51);
    for (const row of rows) {
      expect(['Biscoe', 'Dream', 'Torgersen']).toContain(row[0]);
      expect(['Adelie', 'Gentoo', 'Chinstrap']).toContain(row[6]);
      if (row[4] !== null) expect(Number.isInteger(Number(row[4]))).toBe(true);
    }
  });

  it('keeps the loaded table when a new file is bad', async () => {
    const { session } = await startSession();
    const bad = await session.loadFile(new Uint8Array(0), 'empty.csv');
    expect(bad).toEqual({ ok: false, error: expect.stringContaining('empty.csv') });
    expect(session.tableView().name).toBe('penguins.csv');
  });

  it('repeats a run exactly from the same seed, and differs with another', async () => {
    const run = async (seed: number) => {
      const { session, events } = await startSession();
      for (let i = 0; i < 5; i++) await session.step({ ...fast, seed });
      const rows = await session.generate(5);
      const losses = progressEvents(events).flatMap((p) => p.points.map((q) => q.values));
      return { losses, rows: rows.ok ? rows.value.rows : null };
    };
    const first = await run(7);
    expect(first.losses).toHaveLength(5);
    expect(await run(7)).toEqual(first);
    expect((await run(8)).losses).not.toEqual(first.losses);
  });

  it('trains a run whose encoder was fitted ahead exactly as one fitted on Train', async () => {
    const ctgan: TrainingSettings = {
      ...defaultSettings('ctgan'),
      epochs: 2,
      batchSize: 20,
      noiseSize: 8,
      generatorSizes: [16],
      criticSizes: [16],
      seed: 5,
    };
    const fits = () => vi.mocked(fitEncoder).mock.calls.length;
    const run = async (prepareFirst: TrainingSettings[]) => {
      const { session, events } = await startSession();
      for (const settings of prepareFirst) await session.prepare(settings);
      const beforeTrain = fits();
      for (let i = 0; i < 3; i++) await session.step(ctgan);
      const fitsOnTrain = fits() - beforeTrain;
      const rows = await session.generate(5);
      const losses = progressEvents(events).flatMap((p) => p.points.map((q) => q.values));
      return { result: { losses, rows: rows.ok ? rows.value.rows : null }, fitsOnTrain };
    };
    const unprepared = await run([]);
    expect(unprepared.result.rows).toHaveLength(5);
    expect(unprepared.fitsOnTrain).toBe(1);
    const prepared = await run([ctgan]);
    expect(prepared.result).toEqual(unprepared.result);
    expect(prepared.fitsOnTrain).toBe(0);
    // Fitted ahead for another seed: Train fits again rather than reuse the wrong encoder.
    const otherSeed = await run([{ ...ctgan, seed: 6 }]);
    expect(otherSeed.result).toEqual(unprepared.result);
    expect(otherSeed.fitsOnTrain).toBe(1);
  });
});

import { describe, expect, it } from 'vitest';
import { progressEvents, startSession, untilStatus } from '../../test-support/session';
import { defaultSettings, type TrainingSettings } from '../models/catalog';

const settings: TrainingSettings = { ...defaultSettings('cgan'), epochs: 3, batchSize: 32 };

describe('a paced session', () => {
  it('trains so many steps per frame, a frame apart, and a pace set while training applies at once', async () => {
    const { session, events } = await startSession();
    expect(await session.setPace(0)).toMatchObject({ ok: false });
    expect(await session.setPace(3)).toMatchObject({ ok: true, value: 3 });
    const started = performance.now();
    await session.train(settings);
    await untilStatus(events, 'finished');
    const seconds = (performance.now() - started) / 1000;
    const steps = progressEvents(events).at(-1)!.step;
    expect(steps).toBe(3 * 8);
    // Each chunk is one frame's 3 steps (the last stops at the plan), so every point is 3 steps apart.
    const points = progressEvents(events).flatMap((p) => p.points.map((point) => point.step));
    expect(points).toEqual(Array.from({ length: 8 }, (_, i) => 3 * (i + 1)));
    // Eight frames of 1/60 s at least.
    expect(seconds).toBeGreaterThanOrEqual(8 / 60);

    // Back to full speed mid-run: the chunks grow again.
    await session.reset();
    events.length = 0;
    await session.setPace(1);
    await session.train({ ...settings, epochs: 40 });
    await new Promise((r) => setTimeout(r, 100));
    await session.setPace(null);
    await untilStatus(events, 'finished');
    const gaps = progressEvents(events)
      .flatMap((p) => p.points.map((point) => point.step))
      .map((step, i, all) => step - (all[i - 1] ?? 0));
    expect(gaps[0]).toBe(1);
    expect(Math.max(...gaps)).toBeGreaterThan(1);
    await session.reset();
  });
});

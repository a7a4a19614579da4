import { describe, expect, it } from 'vitest';
import type { RunHealth } from '../eval/health';
import { penguinsBytes, SMALL_RUNS as RUNS } from '../../test-support/smallRuns';
import { nodeSessionEnvironment } from '../worker/nodeBackends';
import type { LossPoint, SavedRunState } from '../worker/protocol';
import { EngineSession } from '../worker/session';
import type { TrainingSettings } from '../models/catalog';
import { crc32, decodeRunFile, encodeRunFile, RUN_FILE_VERSION, type RunRecord } from './runFile';

/*
 * The .ganrun format: a run saved from one session, written to bytes and read back, opens in a fresh
 * session as the run it was (same rows generated from the same seed, the same losses when training on),
 * and a damaged file or one of another version is refused. On the deterministic cpu backend.
 */
const penguins = penguinsBytes();

async function openSession() {
  const points: LossPoint[] = [];
  const health: RunHealth[] = [];
  let checked: (health: RunHealth) => void = () => {};
  const session = new EngineSession(nodeSessionEnvironment('cpu'));
  await session.init((e) => {
    if (e.type === 'progress') points.push(...e.progress.points);
    if (e.type === 'health') {
      health.push(e.health);
      checked(e.health);
    }
  });
  const loaded = await session.loadFile(penguins, 'penguins.csv');
  if (!loaded.ok) throw new Error(loaded.error);
  /** Resolves at the health check of `step` (a run checks at its last step too). */
  const untilChecked = (step: number) =>
    new Promise<void>((resolve) => (checked = (h) => h.checks.at(-1)?.step === step && resolve()));
  return { session, points, health, untilChecked };
}

async function steps(session: EngineSession, settings: TrainingSettings, count: number) {
  for (let i = 0; i < count; i++) {
    const stepped = await session.step(settings);
    if (!stepped.ok) throw new Error(stepped.error);
  }
}

const recordOf = (saved: SavedRunState, points: LossPoint[]): RunRecord => ({
  name: 'test run',
  savedAt: '2026-01-01T00:00:00.000Z',
  table: saved.table,
  recipe: [{ method: 'loadFile', args: [null, 'penguins.csv', 42] }],
  curves: { lossNames: ['G', 'D'], metricNames: [], stages: [], points },
  health: null,
  checkpoint: saved.checkpoint,
});

function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: string }): T {
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

/** Rewrites the file's CRC after an edit, as a writer of that content would have. */
function resealed(bytes: Uint8Array): Uint8Array {
  const copy = bytes.slice();
  new DataView(copy.buffer).setUint32(copy.length - 4, crc32(copy.subarray(0, copy.length - 4)), true);
  return copy;
}

describe('run files', () => {
  for (const [model, settings] of Object.entries(RUNS)) {
    it(`${model}: a saved run reopens in a new session, generates the same rows and trains on the same`, async () => {
      const first = await openSession();
      await steps(first.session, settings, 10);
      const saved = unwrap(await first.session.saveRun());
      const bytes = encodeRunFile(recordOf(saved, first.points));
      const before = unwrap(await first.session.generate(30)).rows;
      await steps(first.session, settings, 5);
      const expected = first.points.slice(10);
      await first.session.reset();

      const record = unwrap(decodeRunFile(bytes));
      expect(record.checkpoint.step).toBe(10);
      expect(record.checkpoint.settings).toEqual(settings);
      expect(record.curves.points).toEqual(first.points.slice(0, 10));
      const second = await openSession();
      const opened = unwrap(await second.session.openRun(record));
      expect(opened).toMatchObject({ step: 10, status: 'paused' });
      expect(unwrap(await second.session.generate(30)).rows).toEqual(before);
      await steps(second.session, settings, 5);
      expect(second.points.map((p) => p.values)).toEqual(expected.map((p) => p.values));
      await second.session.reset();
    }, 120_000);
  }

  it('round trip: every field and every weight comes back bit for bit', async () => {
    const { session, points } = await openSession();
    await steps(session, RUNS.ctgan, 3);
    const saved = unwrap(await session.saveRun());
    const record = recordOf(saved, points);
    const back = unwrap(decodeRunFile(encodeRunFile(record)));
    expect(back).toEqual(record);
    expect(back.checkpoint.variables[0]!.values).toBeInstanceOf(Float32Array);
    expect(back.checkpoint.trainer.order).toBeInstanceOf(Int32Array);
    // Same record, same bytes: a file is reproducible from its run.
    expect(encodeRunFile(back)).toEqual(encodeRunFile(record));
    await session.reset();
  });

  it('refuses a flipped byte, another version, another format and a cut file, saying why', async () => {
    const { session, points } = await openSession();
    await steps(session, RUNS.cgan, 2);
    const bytes = encodeRunFile(recordOf(unwrap(await session.saveRun()), points));
    await session.reset();
    for (const at of [20, Math.floor(bytes.length / 2), bytes.length - 10]) {
      const flipped = bytes.slice();
      flipped[at]! ^= 0x01;
      expect(decodeRunFile(flipped)).toEqual({ ok: false, error: expect.stringMatching(/damaged.*CRC-32/) });
    }
    const newer = bytes.slice();
    new DataView(newer.buffer).setUint32(8, RUN_FILE_VERSION + 1, true);
    expect(decodeRunFile(resealed(newer))).toEqual({
      ok: false,
      error: expect.stringMatching(
        `version ${RUN_FILE_VERSION + 1}; this page reads version ${RUN_FILE_VERSION}`,
      ),
    });
    const csv = penguins.slice(0, 200);
    expect(decodeRunFile(csv)).toEqual({ ok: false, error: expect.stringMatching(/not a run file/) });
    expect(decodeRunFile(resealed(bytes.slice(0, bytes.length - 64)))).toEqual({
      ok: false,
      error: expect.stringMatching(/damaged/),
    });
  });

  it('saves a run while it trains, and the run trains on', async () => {
    const { session } = await openSession();
    const started = await session.train(RUNS.cgan);
    expect(started.ok).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const saved = unwrap(await session.saveRun());
    expect(saved.checkpoint.step).toBeGreaterThan(0);
    const after = await new Promise<number>((resolve) => setTimeout(resolve, 300)).then(() =>
      session.pause(),
    );
    expect(after.step).toBeGreaterThan(saved.checkpoint.step);
    await session.reset();
  });

  it('a reopened run takes up its health checks: training on extends the quality curve', async () => {
    const first = await openSession();
    const started = unwrap(await first.session.train({ ...RUNS.cgan, epochs: 60 }));
    await first.untilChecked(started.totalSteps);
    const shown = first.health.at(-1)!;
    const saved = unwrap(await first.session.saveRun());
    await first.session.reset();
    expect(shown.checks.length).toBeGreaterThanOrEqual(2);
    // Saved as the page saves it (app/savedRuns.ts): the checks' figures, not the signals' sentences.
    const record = { ...recordOf(saved, first.points), health: { ...shown, signals: [], problems: [] } };
    const reopened = unwrap(decodeRunFile(encodeRunFile(record)));

    const second = await openSession();
    unwrap(await second.session.openRun(reopened));
    const more = unwrap(await second.session.trainMore(40));
    await second.untilChecked(more.totalSteps);
    const after = second.health.at(-1)!;
    expect(after.checks.slice(0, shown.checks.length)).toEqual(shown.checks);
    expect(after.checks.length).toBeGreaterThan(shown.checks.length);
    const steps = after.checks.map((c) => c.step);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    expect(new Set(steps).size).toBe(steps.length);
    expect(after.checks.at(-1)!.step).toBe(more.totalSteps);
    await second.session.reset();
  }, 120_000);

  it('opens only on its own table: another table, or the same one with another target, is refused', async () => {
    const first = await openSession();
    await steps(first.session, RUNS.cgan, 2);
    const saved = unwrap(await first.session.saveRun());
    await first.session.reset();
    const other = await openSession();
    unwrap(await other.session.loadFile(new TextEncoder().encode('a,b\n1,x\n2,y\n3,x\n'), 'penguins.csv'));
    expect(await other.session.openRun(saved)).toEqual({
      ok: false,
      error: expect.stringMatching(/another table/),
    });
    const retargeted = await openSession();
    unwrap(await retargeted.session.setTarget(0));
    expect(await retargeted.session.openRun(saved)).toEqual({
      ok: false,
      error: expect.stringMatching(/target/),
    });
    expect((await retargeted.session.pause()).status).toBe('idle');
  });
});

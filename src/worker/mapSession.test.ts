import { describe, expect, it } from 'vitest';
import { startSession } from '../../test-support/session';
import { defaultSettings, type TrainingSettings } from '../models/catalog';

const settings: TrainingSettings = { ...defaultSettings('cgan'), epochs: 40, batchSize: 32 };

describe("the discriminator's map", () => {
  it('keeps its axes and real points while the generated points and the score over the plane change', async () => {
    const { session } = await startSession();
    expect((await session.discriminatorMap(null)).ok).toBe(false);
    await session.step(settings);
    await session.takeSnapshot();
    const first = await session.discriminatorMap(null);
    if (!first.ok || !first.value) throw new Error('expected a map of the first snapshot');
    const early = first.value;
    expect(early.gridScores).toHaveLength(early.gridSize ** 2);
    expect(early.generated).toHaveLength(2 * 300);
    expect(early.real).toHaveLength(2 * 275);
    // Probabilities, and the real rows inside the plane shown.
    for (const s of early.gridScores) expect(s >= 0 && s <= 1).toBe(true);
    const { x0, x1, y0, y1 } = early.extent;
    for (let i = 0; i < early.real.length; i += 2) {
      expect(
        early.real[i]! > x0 && early.real[i]! < x1 && early.real[i + 1]! > y0 && early.real[i + 1]! < y1,
      ).toBe(true);
    }
    expect(await session.discriminatorMap(early.snapshot.id)).toMatchObject({ ok: true, value: null });
    // A point's row: the table's columns, and the score drawn for that point.
    const generatedRow = await session.mapRow({ snapshotId: early.snapshot.id, kind: 'generated', index: 7 });
    if (!generatedRow.ok) throw new Error(generatedRow.error);
    expect(generatedRow.value.columns).toContain('Island');
    expect(generatedRow.value.cells).toHaveLength(generatedRow.value.columns.length);
    expect(generatedRow.value.score).toBe(early.generatedScores[7]);
    const realRow = await session.mapRow({ snapshotId: early.snapshot.id, kind: 'real', index: 0 });
    if (!realRow.ok) throw new Error(realRow.error);
    expect(realRow.value.score).toBe(early.realScores[0]);
    expect(realRow.value.cells).not.toEqual(generatedRow.value.cells);
    expect((await session.mapRow({ snapshotId: early.snapshot.id, kind: 'real', index: 300 })).ok).toBe(
      false,
    );
    expect((await session.mapRow({ snapshotId: 999, kind: 'real', index: 0 })).ok).toBe(false);

    await session.train(settings);
    await new Promise((r) => setTimeout(r, 1500));
    await session.pause();
    await session.takeSnapshot();
    const second = await session.discriminatorMap(early.snapshot.id);
    if (!second.ok || !second.value) throw new Error('expected a map of a later snapshot');
    const later = second.value;
    expect(later.snapshot.step).toBeGreaterThan(early.snapshot.step);
    expect(later.extent).toEqual(early.extent);
    expect(later.real).toEqual(early.real);
    expect(later.generated).not.toEqual(early.generated);
    const moved = later.gridScores.reduce((s, v, i) => s + Math.abs(v - early.gridScores[i]!), 0);
    expect(moved / later.gridScores.length).toBeGreaterThan(0.01);
    await session.reset();
  });

  it("sends a step by hand's batch as places on the map, and none while training runs on its own", async () => {
    const { session, events } = await startSession();
    const stepped = await session.step(settings);
    if (!stepped.ok) throw new Error(stepped.error);
    // 275 training rows, all on the map: the 32 rows of the batch are 32 distinct real points.
    const rows = stepped.value.stepRows!;
    expect(rows).toMatchObject({ step: 1, part: 'both', batchRows: 32 });
    expect(new Set(rows.onMap).size).toBe(32);
    expect(rows.onMap.every((i) => Number.isInteger(i) && i >= 0 && i < 275)).toBe(true);
    // The progress event of the step carries it too (slow motion's page hears it there).
    const last = events.filter((e) => e.type === 'progress').at(-1);
    expect(last?.type === 'progress' && last.progress.stepRows?.step).toBe(1);

    const d = await session.step(settings, 'discriminator');
    if (!d.ok) throw new Error(d.error);
    expect(d.value.stepRows).toMatchObject({ step: 2, part: 'discriminator', batchRows: 32 });
    // The epoch's next batch: other rows.
    expect(d.value.stepRows!.onMap.some((i) => rows.onMap.includes(i))).toBe(false);

    const training = await session.train(settings);
    expect(training.ok && training.value.stepRows).toBeNull();
    await session.pause();
    expect((await session.pause()).stepRows).toBeNull();
    await session.reset();
  });
});

import { describe, expect, it } from 'vitest';
import { startSession } from '../../test-support/session';
import { type TrainingSettings, defaultSettings } from '../models/catalog';
import type { DownstreamIdea, ImageIdea, ModelIdea, ModesIdea } from './ideaProtocol';

/* Each model's idea through the session, as the page asks for it: after a few steps and a snapshot. */

async function ideaAfterSteps(settings: TrainingSettings, steps = 3, target?: string) {
  const { session } = await startSession();
  if (target) {
    const columns = session.tableView().columns.map((c) => c.name);
    const set = await session.setTarget(columns.indexOf(target));
    if (!set.ok) throw new Error(set.error);
  }
  for (let i = 0; i < steps; i++) {
    const stepped = await session.step(settings);
    if (!stepped.ok) throw new Error(stepped.error);
  }
  await session.takeSnapshot();
  const kinds = await session.ideaKinds();
  const ideas: ModelIdea[] = [];
  for (const kind of kinds) {
    const idea = await session.modelIdea(kind, null);
    if (!idea.ok || !idea.value) throw new Error(`expected the ${kind} idea`);
    ideas.push(idea.value);
    // The page has this snapshot: nothing is sent again.
    expect(await session.modelIdea(kind, idea.value.snapshot.id)).toMatchObject({ ok: true, value: null });
  }
  return { session, kinds, ideas };
}

describe('EngineSession model ideas', () => {
  it('shows no idea for the CGAN, and none before a run', async () => {
    const { session } = await startSession();
    expect(await session.ideaKinds()).toEqual([]);
    expect((await session.modelIdea('image', null)).ok).toBe(false);
    const settings = { ...defaultSettings('cgan'), batchSize: 32 };
    await session.step(settings);
    expect(await session.ideaKinds()).toEqual([]);
    expect((await session.modelIdea('modes', null)).ok).toBe(false);
    await session.reset();
  });

  it('table-GAN: generated and real rows as d×d images beside the rows they decode to', async () => {
    const settings = { ...defaultSettings('tablegan'), batchSize: 32, channels: 4 };
    const { session, kinds, ideas } = await ideaAfterSteps(settings);
    expect(kinds).toEqual(['image']);
    const idea = ideas[0] as ImageIdea;
    // Penguins: 7 columns and a missing flag for each of 4 numeric columns with gaps → 4×4.
    expect(idea.side).toBe(4);
    expect(idea.cells.filter((c) => c.role === 'target').map((c) => c.label)).toEqual(['Species']);
    expect(idea.real).toHaveLength(6);
    expect(idea.generated).toHaveLength(6);
    for (const row of [...idea.real, ...idea.generated]) {
      expect(row.values).toHaveLength(16);
      expect(row.cells).toHaveLength(idea.columns.length);
    }
    await session.reset();
  });

  it("CTGAN-style: each number column's modes, with real and generated mode shares summing to 1", async () => {
    const settings = { ...defaultSettings('ctgan'), batchSize: 40 };
    const { session, kinds, ideas } = await ideaAfterSteps(settings);
    expect(kinds).toEqual(['modes']);
    const idea = ideas[0] as ModesIdea;
    expect(idea.columns.map((c) => c.name)).toEqual([
      'Beak Length (mm)',
      'Beak Depth (mm)',
      'Flipper Length (mm)',
      'Body Mass (g)',
    ]);
    for (const column of idea.columns) {
      const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
      expect(sum(column.modes.map((m) => m.realShare))).toBeCloseTo(1, 6);
      expect(sum(column.modes.map((m) => m.generatedShare))).toBeCloseTo(1, 6);
      expect(sum(column.real)).toBeCloseTo(1, 6);
      expect(sum(column.generated)).toBeCloseTo(1, 6);
      for (const mode of column.modes) expect(mode.curve).toHaveLength(column.curvePoints);
    }
    await session.reset();
  });

  it("DSF-GAN: λ, and per class how often the downstream model's answer is the class asked for", async () => {
    const settings = { ...defaultSettings('dsfgan'), batchSize: 32 };
    settings.feedback = { ...settings.feedback, lambda: 0.7 };
    const { session, kinds, ideas } = await ideaAfterSteps(settings);
    expect(kinds).toEqual(['downstream']);
    const idea = ideas[0] as DownstreamIdea;
    expect(idea.lambda).toBe(0.7);
    expect(idea.target).toBe('Species');
    expect(idea.task).toBe('classification');
    expect(idea.classes.map((c) => c.level).sort()).toEqual(['Adelie', 'Chinstrap', 'Gentoo']);
    expect(idea.classes.reduce((s, c) => s + c.asked, 0)).toBe(2048);
    for (const c of idea.classes) {
      expect(c.agreed).toBeLessThanOrEqual(c.asked);
      expect(c.realAgreed).toBeLessThanOrEqual(c.realRows);
    }
    // Fitted on the real rows, the downstream model tells the penguins' species apart.
    const real =
      idea.classes.reduce((s, c) => s + c.realAgreed, 0) / idea.classes.reduce((s, c) => s + c.realRows, 0);
    expect(real).toBeGreaterThan(0.9);
    await session.reset();
  });

  it('DSF-GAN with a number as its target: the error of the prediction against the value asked for', async () => {
    const settings = { ...defaultSettings('dsfgan'), batchSize: 32 };
    const { session, ideas } = await ideaAfterSteps(settings, 3, 'Body Mass (g)');
    const idea = ideas[0] as DownstreamIdea;
    expect(idea.task).toBe('regression');
    expect(idea.target).toBe('Body Mass (g)');
    expect(idea.classes).toEqual([]);
    // In standard deviations: fitted on real rows, it predicts them better than a constant would (1).
    expect(idea.error!.real).toBeLessThan(0.6);
    expect(Number.isFinite(idea.error!.generated)).toBe(true);
    await session.reset();
  });

  it('DSF-GAN on the CTGAN-style model shows both ideas: its downstream model and its modes', async () => {
    const settings = { ...defaultSettings('dsfctgan'), batchSize: 40 };
    const { session, kinds } = await ideaAfterSteps(settings, 1);
    expect(kinds).toEqual(['downstream', 'modes']);
    await session.reset();
  });

  it('the rows behind a bar are rows in that bin, real and generated', async () => {
    const { session } = await startSession();
    const settings = { ...defaultSettings('cgan'), batchSize: 32 };
    await session.step(settings);
    await session.takeSnapshot();
    const view = await session.liveView(null);
    if (!view.ok || !view.value) throw new Error('expected a live view');
    const column = view.value.columns.findIndex((c) => c.kind === 'categorical');
    const bin = view.value.columns[column]!.real.indexOf(Math.max(...view.value.columns[column]!.real));
    const rows = await session.barRows({ snapshotId: view.value.snapshot.id, column, bin });
    if (!rows.ok) throw new Error(rows.error);
    const level = view.value.columns[column]!.bins[bin];
    expect(rows.value.bin).toBe(level);
    expect(rows.value.realTotal).toBe(view.value.columns[column]!.real[bin]);
    expect(rows.value.generatedTotal).toBe(view.value.columns[column]!.generated[bin]);
    expect(rows.value.real.length).toBe(Math.min(20, rows.value.realTotal));
    for (const row of [...rows.value.real, ...rows.value.generated]) expect(row[column]).toBe(level);
    expect((await session.barRows({ snapshotId: view.value.snapshot.id, column, bin: 99 })).ok).toBe(false);
    await session.reset();
  });
});

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeSessionEnvironment } from './nodeBackends';
import type { EngineEvent } from './protocol';
import { EngineSession } from './session';
import { type TrainingSettings, defaultSettings } from '../models/catalog';

const penguins = new Uint8Array(readFileSync(resolve(__dirname, '../../public/demos/penguins.csv')));
const fast: TrainingSettings = { ...defaultSettings('cgan'), epochs: 4, batchSize: 32 };

describe('EngineSession verdicts', () => {
  it('snapshots verdicts while training, maps them and counts passes; a reset clears them', async () => {
    const events: EngineEvent[] = [];
    const session = new EngineSession(nodeSessionEnvironment('wasm'));
    await session.init((e) => events.push(e));
    await session.loadFile(penguins, 'penguins.csv');
    expect(await session.verdictStatus()).toEqual({ kind: 'no-model' });
    expect((await session.takeSnapshot()).ok).toBe(false);

    // One step and a snapshot by hand (early), then training to the end (a snapshot at the end).
    await session.step(fast);
    expect((await session.takeSnapshot()).ok).toBe(true);
    await session.train(fast);
    const finished = () => events.some((e) => e.type === 'progress' && e.progress.status === 'finished');
    for (let i = 0; i < 1000 && !finished(); i++) await new Promise((r) => setTimeout(r, 20));
    expect(finished()).toBe(true);

    const status = await session.verdictStatus();
    if (status.kind !== 'ready') throw new Error(`expected verdicts, got ${status.kind}`);
    expect(status.scale).toBe('probability');
    // Early and late verdicts.
    expect(status.snapshots.length).toBeGreaterThanOrEqual(2);
    const last = status.snapshots.at(-1)!;
    expect(last.step).toBe(4 * Math.floor(status.realRows / 32));

    const sample = await session.verdicts({
      snapshotId: last.id,
      realCount: 200,
      fooledCount: 20,
      rejectedCount: 20,
      threshold: 0.5,
    });
    if (!sample.ok) throw new Error(sample.error);
    const { roles, cells, scores, encoded, dim, columns } = sample.value;
    expect(roles.filter((r) => r === 'real')).toHaveLength(200);
    expect(roles.length).toBeGreaterThan(200);
    expect(cells[0]).toHaveLength(columns.length);
    expect(encoded.length).toBe(roles.length * dim);
    roles.forEach((role, i) => {
      if (role === 'fooled') expect(scores[i]).toBeGreaterThanOrEqual(0.5);
      if (role === 'rejected') expect(scores[i]).toBeLessThan(0.5);
    });

    const counted = await session.passCount(100);
    if (!counted.ok) throw new Error(counted.error);
    expect(counted.value.scores).toHaveLength(100);
    expect(counted.value.nearestDistances.every((d) => d >= 0)).toBe(true);

    expect((await session.setSnapshotInterval(0)).ok).toBe(false);
    expect(await session.setSnapshotInterval(25)).toMatchObject({ ok: true, value: 25 });

    await session.reset();
    expect(await session.verdictStatus()).toEqual({ kind: 'no-model' });
  });
});

describe('verdicts for every model with a discriminator', () => {
  // Tiny shapes: this checks the plumbing (scales, codecs, empty conditions), not what is learned.
  const models: [string, TrainingSettings, 'probability' | 'critic'][] = [
    [
      'CTGAN (WGAN-GP critic)',
      { ...defaultSettings('ctgan'), batchSize: 50, noiseSize: 8, generatorSizes: [16], criticSizes: [16] },
      'critic',
    ],
    [
      'table-GAN (images, no condition vector)',
      { ...defaultSettings('tablegan'), channels: 4, noiseSize: 8 },
      'probability',
    ],
    [
      'table-GAN with a Wasserstein critic',
      { ...defaultSettings('tablegan'), channels: 4, noiseSize: 8, critic: 'wgan-gp' },
      'critic',
    ],
  ];

  it.each(models)('%s: snapshots, maps and counts with scores in [0, 1]', async (_, settings, scale) => {
    const session = new EngineSession(nodeSessionEnvironment('wasm'));
    await session.init(() => {});
    await session.loadFile(penguins, 'penguins.csv');
    for (let i = 0; i < 2; i++) expect((await session.step(settings)).ok).toBe(true);
    const taken = await session.takeSnapshot();
    if (!taken.ok) throw new Error(taken.error);
    const status = await session.verdictStatus();
    expect(status.kind === 'ready' && status.scale).toBe(scale);

    const sample = await session.verdicts({
      snapshotId: taken.value.id,
      realCount: 50,
      fooledCount: 10,
      rejectedCount: 10,
      threshold: 0.5,
    });
    if (!sample.ok) throw new Error(sample.error);
    expect(sample.value.roles.filter((r) => r === 'real')).toHaveLength(50);
    expect(sample.value.roles.length).toBeGreaterThan(50);
    for (const score of sample.value.scores) expect(score >= 0 && score <= 1).toBe(true);
    expect(sample.value.cells.at(-1)).toHaveLength(sample.value.columns.length);

    const counted = await session.passCount(40);
    if (!counted.ok) throw new Error(counted.error);
    for (const score of counted.value.scores) expect(score >= 0 && score <= 1).toBe(true);
    expect(counted.value.nearestDistances.every(Number.isFinite)).toBe(true);
    await session.reset();
  });
});

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type TrainingSettings } from '../engine/settings';
import { nodeSessionEnvironment } from '../node/backend';
import type { EngineEvent } from './protocol';
import { EngineSession } from './session';

const penguins = new Uint8Array(readFileSync(resolve(__dirname, '../../public/demos/penguins.csv')));
const fast: TrainingSettings = { ...DEFAULT_SETTINGS, epochs: 12, batchSize: 32 };

describe('EngineSession verdicts', () => {
  it('snapshots verdicts while training, maps them and counts passes; a reset clears them', async () => {
    const events: EngineEvent[] = [];
    const session = new EngineSession(nodeSessionEnvironment('wasm'));
    await session.init((e) => events.push(e));
    await session.loadFile(penguins, 'penguins.csv');
    expect(await session.verdictStatus()).toEqual({ kind: 'no-model' });
    expect((await session.takeSnapshot()).ok).toBe(false);

    await session.train(fast);
    const finished = () => events.some((e) => e.type === 'progress' && e.progress.status === 'finished');
    for (let i = 0; i < 1000 && !finished(); i++) await new Promise((r) => setTimeout(r, 20));
    expect(finished()).toBe(true);

    const status = await session.verdictStatus();
    if (status.kind !== 'ready') throw new Error(`expected verdicts, got ${status.kind}`);
    expect(status.scale).toBe('probability');
    // One early in training (after the first chunk) and one at the end: early and late verdicts.
    expect(status.snapshots.length).toBeGreaterThanOrEqual(2);
    const last = status.snapshots.at(-1)!;
    expect(last.step).toBe(12 * Math.floor(status.realRows / 32));

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

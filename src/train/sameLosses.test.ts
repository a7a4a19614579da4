import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeSessionEnvironment } from '../worker/nodeBackends';
import type { LossPoint } from '../worker/protocol';
import { EngineSession } from '../worker/session';
import type { TrainingSettings } from '../models/catalog';
import { penguinsBytes, SMALL_RUNS as RUNS } from '../../test-support/smallRuns';

/*
 * The first 100 steps' losses of each model on the penguins demo, on the deterministic cpu backend,
 * as the code before the plug-in refactor computed them (test-support/fixtures/first-losses.json,
 * written with RECORD_LOSSES=1). A refactor of the run or the models must repeat them exactly.
 * Re-recorded once, for a change of numbers, not of code paths: Gumbel noise's u became a draw's top
 * 23 bits (random.ts), which moved CTGAN-style's losses in the seventh digit and no other model's.
 */
const STEPS = 100;
const FIXTURE = resolve(__dirname, '../../test-support/fixtures/first-losses.json');
const penguins = penguinsBytes();

async function firstLosses(settings: TrainingSettings): Promise<LossPoint[]> {
  const points: LossPoint[] = [];
  const session = new EngineSession(nodeSessionEnvironment('cpu'));
  await session.init((e) => {
    if (e.type === 'progress') points.push(...e.progress.points);
  });
  const loaded = await session.loadFile(penguins, 'penguins.csv');
  if (!loaded.ok) throw new Error(loaded.error);
  for (let i = 0; i < STEPS; i++) {
    const stepped = await session.step(settings);
    if (!stepped.ok) throw new Error(stepped.error);
  }
  await session.reset();
  return points;
}

describe('the same seed trains the same run', () => {
  const recorded = process.env.RECORD_LOSSES
    ? null
    : (JSON.parse(readFileSync(FIXTURE, 'utf8')) as Record<string, LossPoint[]>);
  const written: Record<string, LossPoint[]> = {};
  for (const [model, settings] of Object.entries(RUNS)) {
    it(`${model}: the first ${STEPS} steps' losses match the recorded ones`, async () => {
      const points = await firstLosses(settings);
      expect(points).toHaveLength(STEPS);
      if (!recorded) {
        written[model] = points;
        writeFileSync(FIXTURE, JSON.stringify(written));
        return;
      }
      const expected = recorded[model]!;
      points.forEach((p, i) => {
        expect(p.step).toBe(expected[i]!.step);
        p.values.forEach((v, k) => expect(v).toBeCloseTo(expected[i]!.values[k]!, 6));
      });
    }, 120_000);
  }
});

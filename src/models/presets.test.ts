import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoTable } from '../../test-support/demoTable';
import { changeTarget } from '../data/infer';
import type { TypedTable } from '../data/schema';
import type { RunHealth } from '../eval/health';
import { Run } from '../train/run';
import { useNodeBackend } from '../worker/nodeBackends';
import { defaultSettings, settingsProblems, type TrainingSettings } from './catalog';
import { withValueAt } from './plugin';
import { PRESETS, type Preset } from './presets';

/*
 * Each preset trained on its demo table as the page trains it (the health checks every 100 steps on these
 * tables): a failing one raises the banner (a problem among the signals it names) within 600 steps, a
 * few seconds in the page; the healthy one raises none.
 */
const demoTargets = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../public/demos/index.json'), 'utf8'),
) as { file: string; target: string }[];

/** A demo table with the target the page gives it (index.json's). */
function demoWithTarget(file: string): TypedTable {
  const { raw, schema } = demoTable(file);
  const changed = changeTarget(
    raw,
    schema,
    raw.columns.indexOf(demoTargets.find((d) => d.file === file)!.target),
  );
  if (!changed.ok) throw new Error(changed.error);
  return { raw, schema: changed.value };
}

function presetSettings(preset: Preset): TrainingSettings {
  let settings: TrainingSettings = defaultSettings(preset.model!);
  for (const [path, value] of Object.entries(preset.settings ?? {}))
    settings = withValueAt(settings, path, value);
  return settings;
}

beforeAll(() => useNodeBackend('wasm'));

describe('presets', () => {
  for (const preset of PRESETS) {
    it(`${preset.title}: ${preset.failure ? 'raises the banner' : 'trains without a problem'}`, async () => {
      const settings = presetSettings(preset);
      expect(settingsProblems(settings)).toEqual([]);
      const run = Run.create({ table: demoWithTarget(preset.table!), settings, holdoutShare: 0.2 });
      if (!run.ok) throw new Error(run.error);
      try {
        const checks: RunHealth[] = [];
        await run.value.trainUntil(600, { onHealth: (h) => checks.push(h) });
        const last = checks.at(-1)!;
        const raised = last.problems.map((p) => p.id);
        if (preset.failure) expect(raised.some((id) => preset.failure!.signals.includes(id))).toBe(true);
        else expect(raised).toEqual([]);
      } finally {
        run.value.dispose();
      }
    }, 120_000);
  }
});

/**
 * What brings a lost rare class back? The imbalance preset (Seattle weather: snow 26 of 1,461 days, the
 * CGAN at a third of its default learning rate) trained in Node on wasm, as the page trains it, at the
 * preset's learning rate, at the CGAN's default and at a lower one, for a few seeds; prints the step of
 * every health check and the classes signal's figure there ("!": lost). The classes signal's advice
 * (src/eval/healthClasses.ts) rests on these figures (docs/benchmarks.md).
 *
 *   node --import tsx --import ./tools/bench/esmHooks.mjs tools/bench/rareClass.ts [steps] [seeds]
 *   node --import tsx --import ./tools/bench/esmHooks.mjs tools/bench/rareClass.ts 1500 42,7,8
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { demoTable } from '../../test-support/demoTable';
import { changeTarget } from '../../src/data/infer';
import { defaultSettings, type TrainingSettings } from '../../src/models/catalog';
import { withValueAt } from '../../src/models/plugin';
import { findPreset } from '../../src/models/presets';
import { Run } from '../../src/train/run';
import { useNodeBackend } from '../../src/worker/nodeBackends';

const steps = Number(process.argv[2] ?? 1500);
const seeds = (process.argv[3] ?? '42,7,8').split(',').map(Number);
const RATES = [3e-4, 1e-3, 1e-4];

const preset = findPreset('imbalanced-unconditional')!;
const demos = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../public/demos/index.json'), 'utf8'),
) as { file: string; target: string }[];
const { raw, schema } = demoTable(preset.table!);
const target = demos.find((d) => d.file === preset.table)!.target;
const typed = changeTarget(raw, schema, raw.columns.indexOf(target));
if (!typed.ok) throw new Error(typed.error);

await useNodeBackend('wasm');
console.log(`${preset.title}: the classes signal at each health check, ${steps} steps ("!": lost)`);
for (const rate of RATES) {
  for (const seed of seeds) {
    let settings: TrainingSettings = defaultSettings(preset.model!);
    for (const [path, value] of Object.entries({ ...preset.settings, seed }))
      settings = withValueAt(settings, path, value);
    settings = withValueAt(settings, 'learningRates.generator', rate);
    settings = withValueAt(settings, 'learningRates.discriminator', rate);
    const run = Run.create({ table: { raw, schema: typed.value }, settings, holdoutShare: 0.2 });
    if (!run.ok) throw new Error(run.error);
    const checks: string[] = [];
    let kept: number | null = null;
    const started = Date.now();
    await run.value.trainUntil(steps, {
      onHealth: (health) => {
        const signal = health.signals.find((s) => s.id === 'classes')!;
        const step = health.checks.at(-1)!.step;
        if (signal.ok) kept ??= step;
        else kept = null;
        checks.push(`${step}:${signal.value.toFixed(2)}${signal.ok ? '' : '!'}`);
      },
    });
    run.value.dispose();
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    console.log(
      `lr ${rate}, seed ${seed}: kept from step ${kept ?? '–'} (${seconds} s) · ${checks.join(' ')}`,
    );
  }
}

/** The DSF-GAN benchmark itself; dsfgan.ts is its entry point (see there). */
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { inferSchema } from '../../src/data/infer';
import { parseTableFile } from '../../src/data/load';
import type { TypedTable } from '../../src/data/schema';
import { heldOutUtility, type HeldOutUtility } from '../../src/eval/metrics/heldOutUtility';
import { nodeSessionEnvironment, useNodeBackend } from '../../src/worker/nodeBackends';
import { runLambdaSweep } from '../../src/worker/lambdaSweep';
import { EngineSession } from '../../src/worker/session';
import type { FrontierScores, SweepPoint } from '../../src/worker/sweepProtocol';
import { defaultSettings } from '../../src/models/catalog';
import { type DsfganTrainingSettings } from '../../src/models/dsfgan/description';
import { derivedSettings, tableFacts } from '../../src/models/tableDefaults';
import { readiness } from '../../src/data/readiness';

const ROOT = resolve(import.meta.dirname, '../..');
const ADULT = resolve(ROOT, '../shared/data/adult.csv');
const LAMBDAS = [0, 0.5, 1, 2];
const quick = process.argv.includes('--quick');
const only = process.argv[process.argv.indexOf('--table') + 1];
const SEEDS = quick ? [42] : [42, 43, 44];
/** Only the cost of live utility, no sweeps. */
const liveOnly = process.argv.includes('--live-cost');

interface Case {
  name: string;
  file: string;
  target: string;
  /** The settings, or how the page derives them from the loaded table. */
  settings: DsfganTrainingSettings | ((table: TypedTable) => DsfganTrainingSettings);
  steps: number;
}

/** DSF-GAN's settings as the page derives them for `table` (src/models/tableDefaults.ts), at a 20% hold-out. */
function derived(table: TypedTable): DsfganTrainingSettings {
  const facts = tableFacts({ ...table.schema, readiness: readiness(table, 0.2) });
  return derivedSettings(facts, 'dsfgan').settings as DsfganTrainingSettings;
}

const base: DsfganTrainingSettings = defaultSettings('dsfgan');
const CASES: Case[] = [
  // About 10 passes over Adult's 26,000 training rows.
  { name: 'adult', file: ADULT, target: 'income', settings: { ...base, batchSize: 256 }, steps: 1000 },
  // The best base: the settings a table of Adult's size starts on (Gumbel-softmax, mode-specific numbers,
  // slower steps, batch 64), the first 1,500 of its 4,080 planned steps.
  { name: 'adult-derived', file: ADULT, target: 'income', settings: derived, steps: 1500 },
  // The app's default 300 epochs on the cars demo's ~320 training rows.
  {
    name: 'cars',
    file: resolve(ROOT, 'public/demos/cars.csv'),
    target: 'Miles_per_Gallon',
    settings: base,
    steps: 1500,
  },
];

function load(file: string, target: string): TypedTable {
  const name = file.split('/').at(-1)!;
  const raw = parseTableFile(new Uint8Array(readFileSync(file)), name);
  if (!raw.ok) throw new Error(raw.error);
  const schema = inferSchema(raw.value);
  if (!schema.ok) throw new Error(schema.error);
  const index = raw.value.columns.indexOf(target);
  if (index < 0) throw new Error(`${name} has no column ${target}`);
  return { raw: raw.value, schema: { ...schema.value, target: index } };
}

/** The figures of one utility, by name, in print order. */
function figures(u: HeldOutUtility): Record<string, number> {
  return u.task === 'classification'
    ? { precision: u.precision, recall: u.recall, f1: u.f1 }
    : { rmse: u.rmse, r2: u.r2 };
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const sd = (xs: number[]) =>
  xs.length < 2 ? 0 : Math.sqrt(mean(xs.map((x) => (x - mean(xs)) ** 2)) * (xs.length / (xs.length - 1)));
const show = (xs: number[], digits = 3) =>
  xs.length > 1 ? `${mean(xs).toFixed(digits)} ± ${sd(xs).toFixed(digits)}` : mean(xs).toFixed(digits);

async function runCase(c: Case): Promise<void> {
  const table = load(c.file, c.target);
  const settings = typeof c.settings === 'function' ? c.settings(table) : c.settings;
  const steps = quick ? Math.round(c.steps / 3) : c.steps;
  console.log(
    `\n## ${c.name}: ${table.raw.rows.length} rows, target ${c.target}, ${steps} steps of ${settings.batchSize} rows, ` +
      `seeds ${SEEDS.join(', ')}`,
  );
  const byLambda = new Map<number, SweepPoint[]>();
  const diverged = new Map<number, number>();
  const references: FrontierScores[] = [];
  for (const seed of SEEDS) {
    const outcome = await runLambdaSweep(
      { table, holdoutShare: 0.2, settings: { ...settings, seed }, lambdas: LAMBDAS, steps },
      (event) => {
        if (event.type === 'reference') references.push(event.reference);
        if (event.type === 'diverged') {
          diverged.set(event.lambda, (diverged.get(event.lambda) ?? 0) + 1);
          console.error(`  seed ${seed} λ=${event.lambda}: diverged at step ${event.step}`);
        }
        if (event.type === 'point') {
          byLambda.set(event.point.lambda, [...(byLambda.get(event.point.lambda) ?? []), event.point]);
          const f = figures(event.point.utility);
          console.error(
            `  seed ${seed} λ=${event.point.lambda}: quality ${event.point.quality.toFixed(3)}, ` +
              `${Object.entries(f)
                .map(([k, v]) => `${k} ${v.toFixed(3)}`)
                .join(', ')} (${(event.point.ms / 1000).toFixed(0)} s)`,
          );
        }
      },
      () => false,
    );
    if (!outcome.ok) throw new Error(outcome.error);
  }
  const names = Object.keys(figures(references[0]!.utility));
  const header = ['λ', ...names, 'quality', 's per run', 'diverged'];
  const rows: string[][] = [
    [
      'real rows',
      ...names.map((n) => show(references.map((r) => figures(r.utility)[n]!))),
      show(references.map((r) => r.quality)),
      '',
      '',
    ],
    ...LAMBDAS.map((lambda) => {
      const points = byLambda.get(lambda) ?? [];
      return [
        String(lambda),
        ...names.map((n) => show(points.map((p) => figures(p.utility)[n]!))),
        show(points.map((p) => p.quality)),
        points.length > 0 ? (mean(points.map((p) => p.ms)) / 1000).toFixed(0) : '',
        `${diverged.get(lambda) ?? 0} of ${SEEDS.length}`,
      ];
    }),
  ];
  console.log(`| ${header.join(' | ')} |\n|${header.map(() => '---|').join('')}`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
}

/**
 * What one live-utility measurement costs: the training worker's part (generating the rows, between two
 * training chunks, so training waits for it) and the utility worker's part (the least-squares fit, on
 * another thread), against the time of one training step.
 */
async function liveCost(c: Case): Promise<void> {
  const session = new EngineSession(nodeSessionEnvironment('wasm'));
  await session.init(() => {});
  const loaded = await session.loadFile(new Uint8Array(readFileSync(c.file)), c.file.split('/').at(-1)!);
  if (!loaded.ok) throw new Error(loaded.error);
  const target = loaded.value.columns.findIndex((col) => col.name === c.target);
  await session.setTarget(target);
  // The app's defaults: the live figure runs beside whatever the user trains.
  for (let i = 0; i < 20; i++) await session.step(base);
  const time = async (times: number, run: () => Promise<unknown>) => {
    const start = performance.now();
    for (let i = 0; i < times; i++) await run();
    return (performance.now() - start) / times;
  };
  const stepMs = await time(20, () => session.step(base));
  let sample = await session.utilitySample();
  const sampleMs = await time(5, async () => (sample = await session.utilitySample()));
  if (!sample.ok) throw new Error(sample.error);
  const { columns, target: t, synthetic, holdout, seed } = sample.value;
  const fitMs = await time(5, async () =>
    heldOutUtility(columns, t, synthetic, holdout, seed, 'least-squares'),
  );
  console.log(
    `| ${c.name} | ${stepMs.toFixed(1)} | ${sampleMs.toFixed(1)} | ${fitMs.toFixed(1)} | ` +
      `${((100 * sampleMs) / 2000).toFixed(1)}% |`,
  );
}

await useNodeBackend('wasm');
console.log(
  `DSF-GAN benchmark: Node ${process.version}, wasm backend, ${cpus().length} cores, load ${loadavg()[0]!.toFixed(1)}. ` +
    'Utility: logistic (classes) or ridge (numbers) regression trained on 2,000 generated rows (or as many as ' +
    'the training rows), tested on held-out real rows. Quality: SDMetrics quality score against real training rows.',
);
for (const c of CASES) {
  if (liveOnly || (only && only !== c.name && process.argv.includes('--table'))) continue;
  if (!existsSync(c.file)) {
    console.warn(`${c.file} is absent: skipping ${c.name}.`);
    continue;
  }
  await runCase(c);
}

console.log(
  "\n## Live utility: cost of one measurement (ms), and the training worker's share at the 2 s minimum interval\n" +
    '| table | training step | sample (training worker) | least-squares fit (utility worker) | share |\n|---|---|---|---|---|',
);
for (const c of CASES) if (existsSync(c.file)) await liveCost(c);

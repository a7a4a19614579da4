/** The defaults benchmark itself; defaults.ts is its entry point (see there). */
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { inferSchema } from '../../src/data/infer';
import { parseTableFile } from '../../src/data/load';
import type { TypedTable } from '../../src/data/schema';
import { DEFAULT_HOLDOUT_SHARE } from '../../src/data/split';
import type { Cell } from '../../src/data/table';
import { metricColumn } from '../../src/eval/columns';
import { heldOutUtility, type HeldOutUtility } from '../../src/eval/metrics/heldOutUtility';
import type { ModelId } from '../../src/models/catalog';
import { derivedSettings, suggestedModel, tableFacts, type TableFacts } from '../../src/models/tableDefaults';
import { readiness } from '../../src/data/readiness';
import * as tf from '../../src/nn/tf';
import { createRng } from '../../src/rng';
import { Run } from '../../src/train/run';
import { useNodeBackend } from '../../src/worker/nodeBackends';

const ROOT = resolve(import.meta.dirname, '../..');
const DATA = resolve(ROOT, '../shared/data');
const DEMOS = resolve(ROOT, 'public/demos');
/** Generated rows scored for utility: as many as the training rows, at most this many. */
const MAX_GENERATED = 5000;

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : args[i + 1]!;
};
const TABLES: Record<string, () => TypedTable | null> = {
  adult: () => fileTable(resolve(DATA, 'adult.csv')),
  bank: () => fileTable(resolve(DATA, 'bank-full.csv')),
  penguins: () => fileTable(resolve(DEMOS, 'penguins.csv')),
  cars: () => fileTable(resolve(DEMOS, 'cars.csv')),
  weather: () => fileTable(resolve(DEMOS, 'seattle-weather.csv')),
  generated: () => csvTable(generatedCsv(4000, 7), 'generated.csv'),
};
const tables = option('tables', Object.keys(TABLES).join(',')).split(',');
const models = option('models', 'derived,cgan,ctgan').split(',') as ('derived' | ModelId)[];
const maxSteps = Number(option('steps', '3000'));
const maxSeconds = Number(option('seconds', '120'));
/**
 * A budget of this process's CPU time while training instead (--cpu-seconds 120): on a shared machine a
 * wall-clock budget gives each run whatever the other work leaves it, CPU time the same work each
 * (the wasm backend trains on this one thread).
 */
const maxCpuSeconds = args.includes('--cpu-seconds') ? Number(option('cpu-seconds', '120')) : null;
const seed = Number(option('seed', '42'));
/** Settings laid over every run's, as JSON (an A/B of one setting): --set '{"pac":8}'. */
const overrides = JSON.parse(option('set', '{}')) as Record<string, unknown>;

/** What the page would derive the settings from: the table's schema and readiness at the app's hold-out. */
function factsOf(table: TypedTable): TableFacts {
  return tableFacts({ ...table.schema, readiness: readiness(table, DEFAULT_HOLDOUT_SHARE) });
}

function fileTable(file: string): TypedTable | null {
  if (!existsSync(file)) return null;
  return csvTable(readFileSync(file), file.split('/').at(-1)!);
}

function csvTable(bytes: Uint8Array | string, name: string): TypedTable {
  const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : new Uint8Array(bytes);
  const raw = parseTableFile(data, name);
  if (!raw.ok) throw new Error(raw.error);
  const schema = inferSchema(raw.value);
  if (!schema.ok) throw new Error(schema.error);
  return { raw: raw.value, schema: schema.value };
}

/** A day, a long-tailed amount (log-normal), an integer with gaps, a category with gaps and a 3% class. */
function generatedCsv(rows: number, rngSeed: number): string {
  const rng = createRng(rngSeed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  const lines = ['day,amount,visits,channel,outcome'];
  for (let i = 0; i < rows; i++) {
    const day = new Date(Date.UTC(2020, 0, 1) + rng.int(900) * 86_400_000).toISOString().slice(0, 10);
    const amount = Math.exp(3 + 1.5 * normal());
    const visits = Math.floor(amount < 20 ? rng.next() * 5 : 3 + rng.next() * 20);
    const channel = ['web', 'shop', 'phone', 'mail'][Math.min(3, Math.floor(-Math.log(1 - rng.next())))]!;
    const outcome = rng.next() < (amount > 150 ? 0.6 : 0.005) ? 'fraud' : 'ok';
    lines.push(
      [
        day,
        amount.toFixed(2),
        rng.next() < 0.1 ? '' : String(visits),
        rng.next() < 0.05 ? '' : channel,
        outcome,
      ].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

interface Result {
  table: string;
  setup: string;
  model: ModelId;
  settings: string;
  steps: number;
  seconds: number;
  cpu: number;
  quality: number | null;
  best: number | null;
  problems: string;
  /** How the run ended: its planned steps, early stopping, or the bench's budget. */
  end: string;
  utility: string;
  realUtility: string;
}

async function runOne(name: string, table: TypedTable, setup: 'derived' | ModelId): Promise<Result> {
  const facts = factsOf(table);
  const derived = derivedSettings(facts, setup === 'derived' ? undefined : setup);
  const settings = Object.assign({ ...derived.settings }, overrides, { seed });
  const created = Run.create({ table, settings, holdoutShare: DEFAULT_HOLDOUT_SHARE });
  if (!created.ok) throw new Error(created.error);
  const run = created.value;
  let health = null as Awaited<ReturnType<Run['checkHealth']>> | null;
  const cpuAtStart = process.cpuUsage();
  const cpuSeconds = () => {
    const used = process.cpuUsage(cpuAtStart);
    return (used.user + used.system) / 1e6;
  };
  const withinBudget = () =>
    maxCpuSeconds === null ? run.elapsedMs < maxSeconds * 1000 : cpuSeconds() < maxCpuSeconds;
  await run.trainUntil(
    Math.min(run.totalSteps, maxSteps),
    { keepGoing: withinBudget, onHealth: (h) => (health = h) },
    { maxMs: 200, maxSteps: 64 },
  );
  const cpu = cpuSeconds();
  if (health?.checks.at(-1)?.step !== run.stepsDone) health = await run.checkHealth();
  const { utility, realUtility } = await utilities(run, table);
  const result: Result = {
    table: name,
    setup,
    model: settings.model,
    settings: summary(settings),
    steps: run.stepsDone,
    seconds: run.elapsedMs / 1000,
    cpu,
    quality: health.checks.at(-1)?.quality ?? null,
    best: health.best?.quality ?? null,
    problems: health.problems.map((p) => `${p.id}@${p.since}`).join(' ') || '-',
    end: health.stoppedEarly
      ? `stopped early, best of step ${health.best?.step ?? '?'} kept`
      : health.endedOnBest
        ? `best of step ${health.best?.step ?? '?'} kept`
        : run.complete
          ? 'planned end'
          : 'budget',
    utility,
    realUtility,
  };
  run.dispose();
  console.log(line(result));
  console.log(`  quality by step: ${health.checks.map((c) => `${c.step} ${fmt(c.quality)}`).join(', ')}`);
  return result;
}

async function utilities(run: Run, table: TypedTable): Promise<{ utility: string; realUtility: string }> {
  const used = run.training.schema.columns.flatMap((c, i) => (c.kind === 'ignored' ? [] : [i]));
  const columns = used.map((i) => metricColumn(run.training.schema.columns[i] as never));
  const target = used.indexOf(run.training.schema.target);
  const pick = (indices: number[]) =>
    indices.map((r) => used.map((i) => table.raw.rows[r]![i] ?? null) as Cell[]);
  const holdout = pick(run.split.holdout);
  const real = pick(run.split.train.slice(0, MAX_GENERATED));
  const generated = await run.generate(Math.min(MAX_GENERATED, run.split.train.length), createRng(seed));
  const score = (rows: Cell[][]) => text(heldOutUtility(columns, target, rows, holdout, seed));
  return { utility: score(generated), realUtility: score(real) };
}

function text(result: ReturnType<typeof heldOutUtility>): string {
  if (!result.ok) return 'n/a';
  const u: HeldOutUtility = result.value;
  return u.task === 'classification' ? `F1 ${u.f1.toFixed(3)}` : `R² ${u.r2.toFixed(3)}`;
}

function summary(s: Record<string, unknown>): string {
  const sizes = 'generatorSizes' in s ? s.generatorSizes : 'hiddenSizes' in s ? s.hiddenSizes : '';
  return `batch ${String(s.batchSize)}, layers ${String(sizes)}, noise ${String(s.noiseSize)}, ${String(s.epochs)} epochs, patience ${String(s.patience)}`;
}

const fmt = (x: number | null) => (x === null ? 'n/a' : x.toFixed(3));
function line(r: Result): string {
  return (
    `| ${r.table} | ${r.setup} (${r.model}) | ${r.settings} | ${r.steps} | ${r.seconds.toFixed(0)} | ` +
    `${r.cpu.toFixed(0)} | ${fmt(r.quality)} | ${fmt(r.best)} | ${r.end} | ${r.problems} | ${r.utility} | ${r.realUtility} |`
  );
}

async function main(): Promise<void> {
  await useNodeBackend('wasm');
  console.log(
    `Defaults bench: ${tf.getBackend()} in Node, load ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores, ` +
      `budget ${maxSteps} steps or ${maxCpuSeconds === null ? `${maxSeconds} s of training` : `${maxCpuSeconds} CPU s`}, ` +
      `seed ${seed}, settings laid over: ${JSON.stringify(overrides)}\n`,
  );
  console.log(
    '| table | setup (model) | settings | steps | train s | CPU s | quality (last check) | best quality | end | problems | utility (synthetic) | utility (real) |',
  );
  console.log('|---|---|---|---:|---:|---:|---:|---:|---|---|---|---|');
  for (const name of tables) {
    const table = TABLES[name]?.();
    if (!table) {
      console.log(`| ${name} | skipped: not found |`);
      continue;
    }
    const suggested = suggestedModel(factsOf(table)).model;
    // The derived defaults once; a model run beside them only when it is not the suggested one.
    for (const setup of models.filter((m) => m === 'derived' || m !== suggested))
      await runOne(name, table, setup);
  }
}

await main();

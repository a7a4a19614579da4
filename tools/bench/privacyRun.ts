/** The differential-privacy benchmark itself; privacy.ts is its entry point (see there). */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { inferSchema } from '../../src/data/infer';
import { parseTableFile } from '../../src/data/load';
import type { TypedTable } from '../../src/data/schema';
import { DEFAULT_HOLDOUT_SHARE } from '../../src/data/split';
import { valueOf } from '../../src/eval/measure';
import { evaluate } from '../../src/eval/report/evaluate';
import { evaluationSample } from '../../src/eval/report/sample';
import { defaultSettings, type SettingsOf } from '../../src/models/catalog';
import { formatDelta } from '../../src/privacy/disclosure';
import type { PrivacyPlan } from '../../src/privacy/plan';
import { createRng } from '../../src/rng';
import { Run } from '../../src/train/run';
import { useNodeBackend } from '../../src/worker/nodeBackends';

const DATA = resolve(import.meta.dirname, '../../../shared/data');
const SEED = 42;
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : process.argv[i + 1]!;
};
/** The stated budget: epochs of CTGAN-style training per ε (CTGAN's own runs use 300). */
const EPOCHS = Number(arg('epochs', '10'));
/** ε targets; "inf" is the same model trained without DP. */
const TARGETS = arg('epsilons', '1,3,8,inf').split(',');
const CLIP_NORM = 1;
/** Blocks per side of the A/B timing of a step; 0 skips it. */
const TIMING_BLOCKS = Number(arg('timing-blocks', '8'));

/**
 * CTGAN-style with CTGAN's published settings, except pac 1, which DP needs (a pack mixes several people's
 * rows in one gradient); the same model is trained without DP for ε = ∞.
 */
const SETTINGS: SettingsOf<'ctgan'> = { ...defaultSettings('ctgan'), epochs: EPOCHS, pac: 1, seed: SEED };

function adult(): TypedTable {
  const parsed = parseTableFile(readFileSync(resolve(DATA, 'adult.csv')), 'adult.csv');
  if (!parsed.ok) throw new Error(parsed.error);
  const schema = inferSchema(parsed.value);
  if (!schema.ok) throw new Error(schema.error);
  return { raw: parsed.value, schema: schema.value };
}

interface Row {
  target: string;
  plan: PrivacyPlan | null;
  steps: number;
  msPerStep: number;
  cpuMsPerStep: number;
  quality: number | null;
  f1: number | null;
  f1Real: number | null;
  auc: number | null;
  aucReal: number | null;
  dcrTrain: number;
  dcrHoldout: number;
  mia: { auc: number; interval: [number, number] };
}

/** The run for one ε, as the app builds it (20% of Adult's rows held out, stratified on income). */
function build(table: TypedTable, target: string, epochs = EPOCHS): Run {
  const differentialPrivacy =
    target === 'inf'
      ? undefined
      : ({ budget: { kind: 'epsilon', epsilon: Number(target) }, delta: null, clipNorm: CLIP_NORM } as const);
  const created = Run.create({
    table,
    settings: { ...SETTINGS, epochs, differentialPrivacy },
    holdoutShare: DEFAULT_HOLDOUT_SHARE,
  });
  if (!created.ok) throw new Error(created.error);
  return created.value;
}

async function run(table: TypedTable, target: string): Promise<Row> {
  const trained = build(table, target);
  const { totalSteps: steps, trainer } = trained;
  const wall = performance.now();
  const cpu = process.cpuUsage();
  await trained.trainUntil(steps, {
    afterChunk: ({ losses }) => {
      const last = losses.at(-1);
      if (last && last.step % trainer.stepsPerEpoch < losses.length)
        process.stdout.write(
          `  ε ${target}: step ${last.step}/${steps}, ${trained.seriesNames.map((n, i) => `${n} ${last.values[i]!.toFixed(3)}`).join(', ')}\n`,
        );
    },
  });
  const used = process.cpuUsage(cpu);
  const msPerStep = (performance.now() - wall) / steps;
  const cpuMsPerStep = (used.user + used.system) / 1000 / steps;

  const rng = createRng(SEED + 1);
  const real = evaluationSample(table, trained.split, rng.seed());
  const synthetic = await trained.generate(real.train.length, createRng(rng.seed()));
  const plan = trained.privacy;
  const epsilonSpent = trained.epsilonSpent;
  trained.dispose();
  const report = evaluate({
    ...real,
    table: 'adult.csv',
    synthetic,
    model: {
      id: 'ctgan',
      step: steps,
      totalSteps: steps,
      privacy: plan && { epsilon: epsilonSpent!, delta: plan.delta },
    },
  });
  if (!report.ok) throw new Error(report.error);
  const r = report.value;
  /** Mean over the report's model classes of a score on held-out real rows, trained on one side. */
  const mean = (side: 'real' | 'synthetic', score: 'f1' | 'rocAuc') => {
    if (!r.utility.ok) return null;
    const values = r.utility.models.flatMap((m) => {
      const scores = m[side];
      if (!('f1' in scores)) return [];
      const value = score === 'f1' ? scores.f1 : valueOf(scores.rocAuc);
      return value === null ? [] : [value];
    });
    return values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : null;
  };
  return {
    target,
    plan,
    steps,
    msPerStep,
    cpuMsPerStep,
    quality: valueOf(r.fidelity.quality.score),
    f1: mean('synthetic', 'f1'),
    f1Real: mean('real', 'f1'),
    auc: mean('synthetic', 'rocAuc'),
    aucReal: mean('real', 'rocAuc'),
    dcrTrain: r.privacy.dcrToTrain.median,
    dcrHoldout: r.privacy.dcrToHoldout.median,
    mia: { auc: r.privacy.membership.auc, interval: r.privacy.membership.interval },
  };
}

function print(rows: Row[]): void {
  const f = (v: number | null, d = 3) => (v === null ? '–' : v.toFixed(d));
  const plain = rows.find((r) => r.target === 'inf');
  console.log(
    `\nAdult, CTGAN-style (pac 1, batch ${SETTINGS.batchSize}, ${SETTINGS.critic}), ${EPOCHS} epochs, clip norm ${CLIP_NORM}, seed ${SEED}`,
  );
  console.log(
    '| ε | δ | σ | steps | quality | held-out F1 (synthetic / real) | held-out ROC AUC (synthetic / real) | DCR median train / held-out | MIA AUC (95% CI) | ms per step (CPU) |',
  );
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) {
    const eps = r.target === 'inf' ? '∞ (no DP)' : f(r.plan!.epsilon, 2);
    const cost = plain && r !== plain ? ` (${((r.msPerStep / plain.msPerStep - 1) * 100).toFixed(0)}%)` : '';
    console.log(
      `| ${eps} | ${r.plan ? formatDelta(r.plan.delta) : '–'} | ${r.plan ? f(r.plan.noiseMultiplier, 3) : '–'} | ${r.steps} | ` +
        `${f(r.quality)} | ${f(r.f1)} / ${f(r.f1Real)} | ${f(r.auc)} / ${f(r.aucReal)} | ${f(r.dcrTrain)} / ${f(r.dcrHoldout)} | ` +
        `${f(r.mia.auc)} (${f(r.mia.interval[0])}–${f(r.mia.interval[1])}) | ${f(r.msPerStep, 1)}${cost} (${f(r.cpuMsPerStep, 1)}) |`,
    );
  }
}

/**
 * DP's time per step, A/B: the private (ε 3) and the plain model step in alternating blocks in the same
 * minutes, so both see the same machine load; CPU time per step, medians over blocks.
 */
async function timing(table: TypedTable, blocks = 8, size = 8): Promise<void> {
  // Planned for more steps than the blocks take, so the private side's budget never stops it.
  const sides = [build(table, 'inf', 100), build(table, '3', 100)];
  const cpuMs: number[][] = [[], []];
  const cpuStep = async (side: Run) => {
    const before = process.cpuUsage();
    for (let i = 0; i < size; i++) side.trainer.step();
    await side.trainer.readLosses();
    const used = process.cpuUsage(before);
    return (used.user + used.system) / 1000 / size;
  };
  for (const side of sides) await cpuStep(side); // warm-up: kernels, first allocations
  for (let b = 0; b < blocks; b++) {
    for (let k = 0; k < 2; k++) {
      const which = (b + k) % 2;
      cpuMs[which]!.push(await cpuStep(sides[which]!));
    }
  }
  const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
  const [plain, dp] = cpuMs.map(median) as [number, number];
  console.log(
    `DP time per step, A/B in alternating blocks of ${size} steps (${blocks} each, median CPU ms per step): ` +
      `plain ${plain.toFixed(1)}, DP ${dp.toFixed(1)} (${((dp / plain - 1) * 100).toFixed(0)}% more; ` +
      `per block plain ${cpuMs[0]!.map((v) => v.toFixed(0)).join(' ')}, DP ${cpuMs[1]!.map((v) => v.toFixed(0)).join(' ')})`,
  );
  for (const side of sides) side.dispose();
}

await useNodeBackend('wasm');
console.log(
  `${cpus().length} cores (${cpus()[0]?.model}), load ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
const table = adult();
if (TIMING_BLOCKS > 0) await timing(table, TIMING_BLOCKS);
const results: Row[] = [];
for (const target of TARGETS) {
  results.push(await run(table, target));
  print(results);
}

/**
 * `npm run bench:ppogan`: PPO-GAN on Adult after stage 1 (likelihood) and after stage 2 (PPO against
 * the discriminator), beside the CTGAN-style model trained for the same wall-clock time, all through
 * the app's session on the wasm backend with one seed. Each is measured by the app's own report on
 * the session's split (80% training, 20% held out): quality score, detection score, accuracy and F1
 * of the report's five model classes trained on synthetic rows and tested on held-out real rows (and
 * trained on real rows, for reference), and for PPO-GAN the share of rows it wrote that did not parse.
 *
 *   npm run bench:ppogan                                   # stated budgets: 1 epoch, then 40 PPO rounds
 *   npm run bench:ppogan -- --likelihood-epochs 2 --rounds 300 --seed 7
 *
 * The paper (P-TA, Yang et al. 2024) reports about 4% higher downstream accuracy than the strongest
 * baseline; docs/benchmarks.md says what held here. Adult is read from ../shared/data.
 */
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import type { ClassificationScores } from '../../src/eval/ml/scores';
import { evaluate } from '../../src/eval/report/evaluate';
import { valueOf } from '../../src/eval/measure';
import { defaultSettings, type TrainingSettings } from '../../src/models/catalog';
import { nodeSessionEnvironment } from '../../src/worker/nodeBackends';
import { unpack } from '../../src/worker/packed';
import type { TrainingProgress } from '../../src/worker/protocol';
import { EngineSession } from '../../src/worker/session';

const option = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
/** `--table PATH` measures another table (its last categorical column the target), e.g. a demo for a smoke run. */
const ADULT = (() => {
  const i = process.argv.indexOf('--table');
  return i === -1
    ? resolve(import.meta.dirname, '../../../shared/data/adult.csv')
    : resolve(process.argv[i + 1]!);
})();
const SEED = option('seed', 42);
const LIKELIHOOD_EPOCHS = option('likelihood-epochs', 1);
const ROUNDS = option('rounds', 40);
const BATCH = option('batch', 256);

if (!existsSync(ADULT)) {
  console.warn(`${ADULT} is absent: nothing to measure.`);
  process.exit(0);
}

let progress: TrainingProgress | null = null;
const session = new EngineSession(nodeSessionEnvironment('wasm'));
await session.init((event) => {
  if (event.type === 'progress') progress = event.progress;
});
const loaded = await session.loadFile(new Uint8Array(readFileSync(ADULT)), ADULT.split('/').at(-1)!);
if (!loaded.ok) throw new Error(loaded.error);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const stepNow = () => (progress as TrainingProgress | null)?.step ?? 0;

/** Seconds spent in training steps so far (the verdict snapshots the session takes are not counted). */
const trainedSeconds = () => ((progress as TrainingProgress | null)?.elapsedMs ?? 0) / 1000;

/** Trains until `keepGoing` says stop (checked every 200 ms), then pauses. */
async function trainWhile(settings: TrainingSettings, keepGoing: () => boolean): Promise<void> {
  const result = await session.train(settings);
  if (!result.ok) throw new Error(result.error);
  let told = performance.now();
  while (keepGoing() && (progress as TrainingProgress | null)?.status === 'training') {
    await sleep(200);
    if (performance.now() - told < 60_000) continue;
    told = performance.now();
    console.error(`  … step ${stepNow()}, ${trainedSeconds().toFixed(0)} s in training steps`);
  }
  await session.pause();
}

interface Row {
  label: string;
  seconds: number;
  steps: number;
  quality: number;
  detection: number;
  accuracy: number;
  f1: number;
  realAccuracy: number;
  realF1: number;
  unparseable: string;
}

async function measure(label: string, seconds: number): Promise<Row> {
  const steps = stepNow();
  const generated = await session.generate(2000);
  const note = generated.ok ? generated.value.note : null;
  const share = note ? /^([\d,]+) of ([\d,]+)/.exec(note) : null;
  const unparseable = share
    ? `${((100 * Number(share[1]!.replace(/,/g, ''))) / Number(share[2]!.replace(/,/g, ''))).toFixed(1)}%`
    : note?.startsWith('All')
      ? '0%'
      : '–';
  const handed = await session.evaluationData();
  if (!handed.ok) throw new Error(handed.error);
  const report = evaluate(unpack(handed.value));
  if (!report.ok) throw new Error(report.error);
  const { fidelity, utility } = report.value;
  if (!utility.ok || utility.task !== 'classification') throw new Error('No classification utility.');
  const mean = (pick: (s: ClassificationScores) => number, side: 'real' | 'synthetic') =>
    utility.models.reduce((s, m) => s + pick(m[side]), 0) / utility.models.length;
  const row: Row = {
    label,
    seconds,
    steps,
    quality: valueOf(fidelity.quality.score) ?? NaN,
    detection: valueOf(fidelity.detection.score) ?? NaN,
    accuracy: mean((s) => s.accuracy, 'synthetic'),
    f1: mean((s) => s.f1, 'synthetic'),
    realAccuracy: mean((s) => s.accuracy, 'real'),
    realF1: mean((s) => s.f1, 'real'),
    unparseable,
  };
  console.error(`  ${label}: ${JSON.stringify(row)}`);
  console.error(
    `    per model (synthetic acc / F1): ${utility.models.map((m) => `${m.name} ${m.synthetic.accuracy.toFixed(3)}/${m.synthetic.f1.toFixed(3)}`).join(', ')}`,
  );
  return row;
}

console.log(
  `PPO-GAN benchmark: Node ${process.version}, wasm backend, ${cpus().length} cores, load ${loadavg()[0]!.toFixed(1)} ` +
    `at the start; ${loaded.value.name} (${loaded.value.rowCount} rows), seed ${SEED}, batch ${BATCH}; ` +
    `stage 1 ${LIKELIHOOD_EPOCHS} epoch(s) of likelihood, stage 2 ${ROUNDS} PPO rounds.`,
);
const ppogan = {
  ...defaultSettings('ppogan'),
  seed: SEED,
  batchSize: BATCH,
  likelihoodEpochs: LIKELIHOOD_EPOCHS,
  epochs: LIKELIHOOD_EPOCHS + 1000,
};
const rows: Row[] = [];
await trainWhile(ppogan, () => ((progress as TrainingProgress | null)?.stage ?? 0) === 0);
const stage1Steps = stepNow();
rows.push(await measure('PPO-GAN after stage 1', trainedSeconds()));
await trainWhile(ppogan, () => stepNow() < stage1Steps + ROUNDS);
const budget = trainedSeconds();
rows.push(await measure('PPO-GAN after stage 2', budget));

await session.reset();
const ctgan = { ...defaultSettings('ctgan'), seed: SEED, epochs: 1000 };
await trainWhile(ctgan, () => trainedSeconds() < budget);
rows.push(await measure('CTGAN-style, same training time', trainedSeconds()));

const f = (x: number) => x.toFixed(3);
console.log(
  '\n| model | s in training steps | steps | quality | detection | accuracy (synthetic) | F1 (synthetic) | unparseable |\n' +
    '|---|---:|---:|---:|---:|---:|---:|---:|',
);
for (const r of rows) {
  console.log(
    `| ${r.label} | ${r.seconds.toFixed(0)} | ${r.steps} | ${f(r.quality)} | ${f(r.detection)} | ${f(r.accuracy)} | ${f(r.f1)} | ${r.unparseable} |`,
  );
}
console.log(
  `| real training rows | | | | | ${f(rows[0]!.realAccuracy)} | ${f(rows[0]!.realF1)} | |\n` +
    'Accuracy and F1: mean over the report’s five model classes, trained on 5,000 rows, tested on 2,000 held-out real rows.',
);

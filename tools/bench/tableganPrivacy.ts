/**
 * `npm run bench:tablegan`: does table-GAN's privacy knob do what it says? On Adult (a seeded
 * subsample), table-GAN trains at several δ levels per seed, same seed and budget (a paired design:
 * each seed's runs differ only in δ), and prints per level:
 *   - fidelity: the SDMetrics quality score of its rows against the training rows (src/eval/metrics/quality);
 *   - privacy: the distance to the closest training record (DCR, src/eval/metrics/privacy: per cell
 *     |a − b| / range or 0/1, averaged over the columns), mean and median over the synthetic rows, the
 *     same to held-out rows, and the share of synthetic rows that copy a training row;
 *   - what the knob acts on: the average gap per feature between the moving averages of the real and
 *     generated feature means and variances (what δ_mean and δ_sd bound), and the share of steps in
 *     which the information loss was above zero (its hinge active), and its pull on the generator: the
 *     norm of its gradient over the generator's weights as a share of the adversarial loss's;
 *   - each level's change from δ = 0 within each seed, as mean ± sd over the seeds (pairing does not
 *     make GAN runs agree much: the same seed's runs part ways within a few steps of a change in δ).
 * The levels are multiples (--scales) of the gaps each seed's δ = 0 run kept over its second half, so
 * they span from where the loss acts to where it cannot: δ_mean = k · gap_mean, δ_sd = k · gap_var.
 * Expected: quality falls and DCR rises as δ grows. The figures are printed as measured.
 *
 *   npm run bench:tablegan                                       # the stated budget
 *   npm run bench:tablegan -- --steps 300 --seeds 1,2 --scales 0,2   # a quick look
 *
 * Reads Adult from ../shared/data (never copied into the repository).
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { inferSchema } from '../../src/data/infer';
import { parseTableFile } from '../../src/data/load';
import type { TypedTable } from '../../src/data/schema';
import type { Cell, RawTable } from '../../src/data/table';
import { fitImageCodec } from '../../src/models/tablegan/imageCodec';
import type { ImageLayout } from '../../src/models/tablegan/layout';
import type { PrivacyThresholds, TableganTrainingSettings } from '../../src/models/tablegan/description';
import { TableGan } from '../../src/models/tablegan/tablegan';
import { createRng, permutation } from '../../src/rng';
import * as tf from '../../src/nn/tf';
import { Run } from '../../src/train/run';
import { privacy } from '../../src/eval/metrics/privacy';
import { valueOf } from '../../src/eval/measure';
import { qualityReport, type MetricColumn } from '../../src/eval/metrics/quality';
import { useNodeBackend } from '../../src/worker/nodeBackends';
import { defaultSettings } from '../../src/models/catalog';

const DATA = resolve(import.meta.dirname, '../../../shared/data');

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? (process.argv[at + 1] ?? fallback) : fallback;
}
const numbers = (text: string) => text.split(',').map(Number);

const TRAIN_ROWS = Number(option('rows', '4000'));
const HOLDOUT_ROWS = 1000;
const SYNTHETIC_ROWS = 2000;
const STEPS = Number(option('steps', '2500'));
const SCALES = numbers(option('scales', '0,1,3'));
const SEEDS = numbers(option('seeds', '42,7,2026,1,2,3,4,5'));
const SETTINGS = { ...defaultSettings('tablegan'), batchSize: 128 };
/** Losses are read, and the gaps sampled, every this many steps. */
const READ_EVERY = 50;
/** The generator's loss terms' gradients are measured every this many steps. */
const PULL_EVERY = 500;

interface Figures {
  scale: number;
  seed: number;
  thresholds: PrivacyThresholds;
  quality: number;
  dcrTrainMean: number;
  dcrTrainMedian: number;
  dcrHoldoutMean: number;
  copyRate: number;
  /** Share of steps whose information loss was above zero. */
  active: number;
  /** Average gap per feature over the second half of training. */
  gap: { mean: number; variance: number };
  /** The information and classification terms' gradient norms over the adversarial term's, averaged. */
  pull: { information: number; classification: number };
  msPerStep: number;
}

interface Table {
  /** The training rows as the run trains on them (every row: the held-out rows are kept apart here). */
  train: TypedTable;
  layout: ImageLayout;
  columns: MetricColumn[];
  real: { train: Cell[][]; holdout: Cell[][] };
}

async function main(): Promise<void> {
  const file = resolve(DATA, 'adult.csv');
  if (!existsSync(file)) {
    console.warn(`bench:tablegan skipped: ${file} is not there.`);
    return;
  }
  await useNodeBackend('wasm');
  const table = loadAdult(file);
  console.log(
    `table-GAN on Adult: ${table.real.train.length} training rows, ${table.real.holdout.length} held out, ` +
      `${table.columns.length} columns → ${table.layout.side}×${table.layout.side} images; ` +
      `${STEPS} steps of ${SETTINGS.batchSize} rows, ${SETTINGS.channels} filters, wasm backend; ` +
      `δ levels ${SCALES.join(', ')} × the gaps at δ = 0; seeds ${SEEDS.join(', ')}.`,
  );
  const results: Figures[] = [];
  for (const seed of SEEDS) {
    let base: Figures | null = null;
    for (const scale of SCALES) {
      const thresholds = base
        ? { deltaMean: scale * base.gap.mean, deltaSd: scale * base.gap.variance }
        : { deltaMean: 0, deltaSd: 0 };
      const figures = await trainAndScore(table, seed, scale, thresholds);
      base ??= figures;
      results.push(figures);
      console.log(
        `  seed ${seed}, δ_mean ${figures.thresholds.deltaMean.toFixed(4)} δ_sd ${figures.thresholds.deltaSd.toFixed(5)}: ` +
          `quality ${figures.quality.toFixed(4)}, DCR to training ${figures.dcrTrainMean.toFixed(4)} ` +
          `(median ${figures.dcrTrainMedian.toFixed(4)}), to held-out ${figures.dcrHoldoutMean.toFixed(4)}, ` +
          `copies ${(figures.copyRate * 100).toFixed(1)}%, gaps per feature: mean ${figures.gap.mean.toFixed(4)} ` +
          `variance ${figures.gap.variance.toFixed(5)}, hinge active in ${(figures.active * 100).toFixed(0)}% of steps, ` +
          `pull of information ${percent(figures.pull.information)} and classification ` +
          `${percent(figures.pull.classification)} of the adversarial loss's, ` +
          `${figures.msPerStep.toFixed(0)} ms/step`,
      );
    }
  }
  report(results);
}

function loadAdult(file: string): Table {
  const parsed = parseTableFile(readFileSync(file), 'adult.csv');
  if (!parsed.ok) throw new Error(parsed.error);
  const schema = inferSchema(parsed.value);
  if (!schema.ok) throw new Error(schema.error);
  const all = parsed.value;
  // A seeded subsample: training rows for the GAN, held-out rows only for the DCR comparison.
  const order = permutation(all.rows.length, createRng(7));
  const pick = (from: number, to: number): RawTable => ({
    ...all,
    rows: Array.from(order.subarray(from, to), (i) => all.rows[i]!),
  });
  const train = pick(0, TRAIN_ROWS);
  const holdout = pick(TRAIN_ROWS, TRAIN_ROWS + HOLDOUT_ROWS);
  const { layout } = fitImageCodec(train, schema.value);
  const used = schema.value.columns.flatMap((c, i) => (c.kind === 'ignored' ? [] : [i]));
  const columns: MetricColumn[] = used.map((i) => {
    const c = schema.value.columns[i]!;
    return { name: c.name, kind: c.kind === 'numeric' ? 'numeric' : 'categorical' };
  });
  const project = (raw: RawTable): Cell[][] => raw.rows.map((row) => used.map((i) => row[i] ?? null));
  return {
    train: { raw: train, schema: schema.value },
    layout,
    columns,
    real: { train: project(train), holdout: project(holdout) },
  };
}

async function trainAndScore(
  { train, columns, real }: Table,
  seed: number,
  scale: number,
  thresholds: PrivacyThresholds,
): Promise<Figures> {
  const settings: TableganTrainingSettings = { ...SETTINGS, seed, privacy: thresholds };
  const created = Run.create({
    table: train,
    settings,
    holdoutShare: 0,
  });
  if (!created.ok) throw new Error(created.error);
  const run = created.value;
  const model = run.model as TableGan;
  const { codec, rows: encoded } = run;
  const start = performance.now();
  let activeSteps = 0;
  const gaps: { mean: number; variance: number }[] = [];
  const pulls: { information: number; classification: number }[] = [];
  // A fixed batch of real rows for measuring the pulls; their noise has its own seed, so measuring
  // changes nothing in training.
  const probe = tf.tensor2d(encoded.features.subarray(0, SETTINGS.batchSize * codec.featureWidth), [
    SETTINGS.batchSize,
    codec.featureWidth,
  ]);
  const chunk = { maxMs: Infinity, maxSteps: READ_EVERY };
  while (run.stepsDone < STEPS) {
    const { losses } = await run.trainChunk({ ...chunk, untilStep: STEPS });
    const step = run.stepsDone;
    for (const l of losses) if (l.values[3]! > 0) activeSteps++;
    if (step > STEPS / 2) gaps.push((await model.statisticsGap())!);
    if (step % PULL_EVERY === 0) {
      const norms = await model.generatorGradientNorms(probe, step);
      pulls.push({
        information: norms.information / norms.adversarial,
        classification: norms.classification / norms.adversarial,
      });
    }
  }
  const msPerStep = (performance.now() - start) / STEPS;
  probe.dispose();

  const synthetic = await run.generate(SYNTHETIC_ROWS, createRng(seed + 1));
  run.dispose();

  const leak = privacy(columns, real.train, real.holdout, synthetic);
  return {
    scale,
    seed,
    thresholds,
    quality: valueOf(qualityReport(columns, real.train, synthetic).score) ?? NaN,
    dcrTrainMean: mean(leak.dcrToTrain),
    dcrTrainMedian: median(leak.dcrToTrain),
    dcrHoldoutMean: mean(leak.dcrToHoldout),
    copyRate: leak.copyRate,
    active: activeSteps / STEPS,
    gap: { mean: mean(gaps.map((g) => g.mean)), variance: mean(gaps.map((g) => g.variance)) },
    pull: {
      information: mean(pulls.map((p) => p.information)),
      classification: mean(pulls.map((p) => p.classification)),
    },
    msPerStep,
  };
}

function report(results: Figures[]): void {
  const atScale = (scale: number) => results.filter((r) => r.scale === scale);
  console.log(
    '\n| δ level (× gaps at δ = 0) | δ_mean | δ_sd | hinge active | information pull | gap mean | gap var | quality | mean DCR to training | median DCR | mean DCR to held-out | copies |',
  );
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const scale of SCALES) {
    const rows = atScale(scale);
    const avg = (pick: (f: Figures) => number) => mean(rows.map(pick));
    console.log(
      `| ${scale} | ${avg((f) => f.thresholds.deltaMean).toFixed(4)} | ${avg((f) => f.thresholds.deltaSd).toFixed(5)} | ` +
        `${(avg((f) => f.active) * 100).toFixed(0)}% | ${percent(avg((f) => f.pull.information))} | ${avg((f) => f.gap.mean).toFixed(4)} | ${avg((f) => f.gap.variance).toFixed(5)} | ` +
        `${avg((f) => f.quality).toFixed(4)} | ${avg((f) => f.dcrTrainMean).toFixed(4)} | ${avg((f) => f.dcrTrainMedian).toFixed(4)} | ` +
        `${avg((f) => f.dcrHoldoutMean).toFixed(4)} | ${(avg((f) => f.copyRate) * 100).toFixed(1)}% |`,
    );
  }
  // Paired by seed: each level against the same seed's run at δ = 0.
  console.log(`\nChange from δ = 0, paired by seed (mean ± sd over ${SEEDS.length} seeds; s.e. = sd/√n):`);
  console.log('| δ level | gap mean | gap var | quality | mean DCR to training | verdict |');
  console.log('|---:|---:|---:|---:|---:|---|');
  const base = atScale(SCALES[0]!);
  for (const scale of SCALES.slice(1)) {
    const pairs = atScale(scale).map((r) => ({ r, b: base.find((b) => b.seed === r.seed)! }));
    const change = (pick: (f: Figures) => number) => pairs.map(({ r, b }) => pick(r) - pick(b));
    const show = (changes: number[], digits = 4) =>
      `${signed(mean(changes), digits)} ± ${sd(changes).toFixed(digits)}`;
    const gapMean = change((f) => f.gap.mean);
    const gapVariance = change((f) => f.gap.variance);
    const quality = change((f) => f.quality);
    const dcr = change((f) => f.dcrTrainMean);
    console.log(
      `| ${scale} | ${show(gapMean)} | ${show(gapVariance, 5)} | ${show(quality)} | ${show(dcr)} | ` +
        `gap mean ${verdict(gapMean, 'rose')}; gap var ${verdict(gapVariance, 'rose')}; ` +
        `quality ${verdict(quality, 'fell')}; DCR ${verdict(dcr, 'rose')} |`,
    );
  }
}

/** A change counts only beyond twice its standard error over the seeds: GAN runs differ a lot by seed. */
function verdict(changes: number[], expected: 'fell' | 'rose'): string {
  const m = mean(changes);
  const se = changes.length > 1 ? sd(changes) / Math.sqrt(changes.length) : Infinity;
  const seen = Math.abs(m) <= 2 * se ? 'no clear change' : m < 0 ? 'fell' : 'rose';
  return seen === expected
    ? `${seen}, as expected`
    : `${seen} (expected it to ${expected === 'fell' ? 'fall' : 'rise'})`;
}

function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  return values.length > 0 ? sum / values.length : NaN;
}

function sd(values: number[]): number {
  const m = mean(values);
  return Math.sqrt(values.reduce((sum, v) => sum + (v - m) ** 2, 0) / Math.max(values.length - 1, 1));
}

function median(values: Float64Array): number {
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const percent = (x: number) => `${(x * 100).toFixed(1)}%`;
const signed = (x: number, digits = 4) => `${x >= 0 ? '+' : ''}${x.toFixed(digits)}`;

await main();

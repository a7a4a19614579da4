/**
 * `npm run bench:tablegan`: does table-GAN's privacy knob do what it says? On Adult (a seeded
 * subsample, so it finishes in about ten minutes on two cores), table-GAN trains once per δ level
 * (δ_mean = δ_sd = δ), same seed and budget, and prints per level:
 *   - fidelity: the SDMetrics quality score of its rows against the training rows (src/metrics/quality);
 *   - privacy: the distance to the closest training record (DCR, src/metrics/privacy: per cell
 *     |a − b| / range or 0/1, averaged over the columns), mean and median over the synthetic rows, the
 *     same to held-out rows, and the share of synthetic rows that copy a training row;
 *   - what the knob acts on: the gaps ‖Δmean‖ and ‖Δsd‖ between real and generated feature statistics
 *     at the end, and the information loss (the part of the gaps beyond the thresholds).
 * Expected: quality falls and DCR rises as δ grows. The figures are printed as measured.
 *
 *   npm run bench:tablegan                                   # the stated budget
 *   npm run bench:tablegan -- --steps 300 --deltas 0,0.5     # a quick look
 *   npm run bench:tablegan -- --seeds 1,2                    # average over seeds
 *
 * Reads Adult from ../shared/data (never copied into the repository).
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { inferSchema } from '../../src/data/infer';
import { parseTableFile } from '../../src/data/load';
import type { Cell, RawTable } from '../../src/data/table';
import { fitImageCodec } from '../../src/engine/models/tablegan/imageCodec';
import { TableGan } from '../../src/engine/models/tablegan/tablegan';
import { createRng, permutation } from '../../src/engine/rng';
import { TABLEGAN_DEFAULTS } from '../../src/engine/settings';
import * as tf from '../../src/engine/tf';
import { Trainer } from '../../src/engine/trainer';
import { privacy } from '../../src/metrics/privacy';
import { qualityReport, type MetricColumn } from '../../src/metrics/quality';
import { useNodeBackend } from '../../src/node/backend';

const DATA = resolve(import.meta.dirname, '../../../shared/data');

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? (process.argv[at + 1] ?? fallback) : fallback;
}
const numbers = (text: string) => text.split(',').map(Number);

const TRAIN_ROWS = Number(option('rows', '4000'));
const HOLDOUT_ROWS = 1000;
const SYNTHETIC_ROWS = 1000;
const STEPS = Number(option('steps', '1500'));
const DELTAS = numbers(option('deltas', '0,0.05,0.1,0.3'));
const SEEDS = numbers(option('seeds', '42,7,2026'));
const SETTINGS = { ...TABLEGAN_DEFAULTS, batchSize: 128 };

interface Figures {
  delta: number;
  seed: number;
  quality: number;
  dcrTrainMean: number;
  dcrTrainMedian: number;
  dcrHoldoutMean: number;
  copyRate: number;
  information: number;
  gap: { mean: number; sd: number };
  msPerStep: number;
}

async function main(): Promise<void> {
  const file = resolve(DATA, 'adult.csv');
  if (!existsSync(file)) {
    console.warn(`bench:tablegan skipped: ${file} is not there.`);
    return;
  }
  await useNodeBackend('wasm');
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
  const codec = fitImageCodec(train, schema.value);
  const used = schema.value.columns.flatMap((c, i) => (c.kind === 'ignored' ? [] : [i]));
  const columns: MetricColumn[] = used.map((i) => {
    const c = schema.value.columns[i]!;
    return { name: c.name, kind: c.kind === 'numeric' ? 'numeric' : 'categorical' };
  });
  const project = (raw: RawTable): Cell[][] => raw.rows.map((row) => used.map((i) => row[i] ?? null));
  const real = { train: project(train), holdout: project(holdout) };
  const encoded = codec.encodeRows(train);

  console.log(
    `table-GAN on Adult: ${train.rows.length} training rows, ${holdout.rows.length} held out, ` +
      `${columns.length} columns → ${codec.layout.side}×${codec.layout.side} images; ` +
      `${STEPS} steps of ${SETTINGS.batchSize} rows, ${SETTINGS.channels} filters, wasm backend.`,
  );
  const results: Figures[] = [];
  for (const seed of SEEDS) {
    for (const delta of DELTAS) {
      const settings = { ...SETTINGS, seed, privacy: { deltaMean: delta, deltaSd: delta } };
      const model = new TableGan(codec.layout, settings, createRng(seed));
      const trainer = new Trainer(model, encoded, settings.batchSize, seed);
      const start = performance.now();
      let information: number[] = [];
      for (let step = 1; step <= STEPS; step++) {
        trainer.step();
        if (step % 50 === 0) {
          const losses = await trainer.readLosses();
          if (step > STEPS - 200) information.push(...losses.map((l) => l.values[3]!));
        }
      }
      const last = await trainer.readLosses();
      information = [...information, ...last.map((l) => l.values[3]!)];
      const msPerStep = (performance.now() - start) / STEPS;
      const gap = (await model.statisticsGap()) ?? { mean: NaN, sd: NaN };

      const noiseCount = tf.zeros([SYNTHETIC_ROWS, 0]) as tf.Tensor2D;
      const generated = model.generate(noiseCount, createRng(seed + 1));
      const synthetic = codec.decodeRows((await generated.data()) as Float32Array, new Float32Array(0));
      tf.dispose([noiseCount, generated]);
      trainer.dispose();
      model.dispose();

      const quality = qualityReport(columns, real.train, synthetic).score;
      const leak = privacy(columns, real.train, real.holdout, synthetic);
      const figures: Figures = {
        delta,
        seed,
        quality,
        dcrTrainMean: mean(leak.dcrToTrain),
        dcrTrainMedian: median(leak.dcrToTrain),
        dcrHoldoutMean: mean(leak.dcrToHoldout),
        copyRate: leak.copyRate,
        information: mean(information),
        gap,
        msPerStep,
      };
      results.push(figures);
      console.log(
        `  seed ${seed}, δ ${delta.toFixed(2)}: quality ${quality.toFixed(4)}, ` +
          `DCR to training ${figures.dcrTrainMean.toFixed(4)} (median ${figures.dcrTrainMedian.toFixed(4)}), ` +
          `to held-out ${figures.dcrHoldoutMean.toFixed(4)}, copies ${(figures.copyRate * 100).toFixed(1)}%, ` +
          `feature gaps ‖Δmean‖ ${gap.mean.toFixed(3)} ‖Δsd‖ ${gap.sd.toFixed(3)}, ` +
          `information loss ${figures.information.toFixed(4)}, ${msPerStep.toFixed(0)} ms/step`,
      );
    }
  }

  console.log(
    '\n| δ_mean = δ_sd | ‖Δmean‖ | ‖Δsd‖ | quality score | mean DCR to training | median DCR | mean DCR to held-out | copies |',
  );
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const delta of DELTAS) {
    const rows = results.filter((r) => r.delta === delta);
    const avg = (pick: (f: Figures) => number) => mean(Float64Array.from(rows, pick));
    console.log(
      `| ${delta} | ${avg((f) => f.gap.mean).toFixed(3)} | ${avg((f) => f.gap.sd).toFixed(3)} | ${avg((f) => f.quality).toFixed(4)} | ${avg((f) => f.dcrTrainMean).toFixed(4)} | ` +
        `${avg((f) => f.dcrTrainMedian).toFixed(4)} | ${avg((f) => f.dcrHoldoutMean).toFixed(4)} | ` +
        `${(avg((f) => f.copyRate) * 100).toFixed(1)}% |`,
    );
  }
  // Paired by seed: each seed's run at the largest δ against its run at the smallest.
  const paired = SEEDS.map((seed) => {
    const at = (delta: number | undefined) => results.find((r) => r.seed === seed && r.delta === delta)!;
    const low = at(DELTAS[0]);
    const high = at(DELTAS.at(-1));
    return { seed, quality: high.quality - low.quality, dcr: high.dcrTrainMean - low.dcrTrainMean };
  });
  for (const p of paired) {
    console.log(
      `seed ${p.seed}, δ ${DELTAS[0]} → ${DELTAS.at(-1)}: quality ${signed(p.quality)}, mean DCR to training ${signed(p.dcr)}`,
    );
  }
  // A change counts only beyond twice its standard error over the seeds: GAN runs differ a lot by seed.
  const verdict = (name: string, changes: number[], expected: 'fell' | 'rose') => {
    const m = mean(changes);
    const se = changes.length > 1 ? sd(changes) / Math.sqrt(changes.length) : Infinity;
    const seen = Math.abs(m) <= 2 * se ? 'no clear change' : m < 0 ? 'fell' : 'rose';
    return `${name} ${signed(m)} ± ${se.toFixed(4)} (s.e.): ${seen}${seen === expected ? ', as expected' : `, expected it to ${expected === 'fell' ? 'fall' : 'rise'}`}`;
  };
  console.log(
    `Mean over seeds, δ ${DELTAS[0]} → ${DELTAS.at(-1)}: ` +
      `${verdict(
        'quality',
        paired.map((p) => p.quality),
        'fell',
      )}; ` +
      `${verdict(
        'mean DCR to training',
        paired.map((p) => p.dcr),
        'rose',
      )}.`,
  );
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

const signed = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(4)}`;

await main();

/** The fidelity benchmark itself; fidelity.ts is its entry point (see there). */
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { DATA, lastSeries, option, runPerTable } from './perTable';
import { inferSchema } from '../../src/data/infer';
import { parseTableFile } from '../../src/data/load';
import type { Schema } from '../../src/data/schema';
import type { Cell, RawTable } from '../../src/data/table';
import type { EncoderCodec } from '../../src/encoding/codec';
import { fitEncoder } from '../../src/encoding/encoder';
import type { EncoderFit } from '../../src/encoding/encoderCache';
import { createRng, permutation } from '../../src/rng';
import * as tf from '../../src/nn/tf';
import { Run } from '../../src/train/run';
import { targetLinkReport } from './fidelityLink';
import { valueOf } from '../../src/eval/measure';
import { qualityReport, type MetricColumn, type QualityReport } from '../../src/eval/metrics/quality';
import { classificationScores, encodeClasses } from '../../src/eval/ml';
import {
  encodeSdgymFeatures,
  fitSdgymFeatures,
  SDGYM_CLASSIFIERS,
  trainSdgymClassifier,
} from '../../src/eval/ml/sdgym';
import { useNodeBackend } from '../../src/worker/nodeBackends';
import { type TrainingSettings, defaultSettings } from '../../src/models/catalog';
import type { CtganTrainingSettings } from '../../src/models/ctgan/description';

/** Fixes the held-out split and the classifiers: the measurement stays the same across model seeds. */
const SEED = 42;
/** The model's and generation's seed: `--seed N` (default 42) repeats the run with other random draws. */
const MODEL_SEED = Number(option('seed') ?? SEED);
/** The stated budget: epochs per model and table (CTGAN's own runs use 300 epochs). */
const BUDGET = { ctgan: 20, cgan: 6 };
const TABLES = ['adult', 'bank'] as const;
/** The CTGAN paper's classifiers for binary tables, as its benchmark (SDGym) configures them; F1 is their mean. */
const CLASSIFIERS = SDGYM_CLASSIFIERS;
const F1_COLUMNS = [...CLASSIFIERS, 'mean'];

interface TableCase {
  name: string;
  train: RawTable;
  test: RawTable;
  schema: Schema;
  /** The minority class, scored for F1 (>50K on Adult, yes on bank-full). */
  positive: string;
  /** Mean F1 of the same four classifiers as published for other synthesizers, where there is a figure. */
  published?: string;
}

/**
 * The CTGAN paper's Adult F1 (300 epochs, mean of the four classifiers), as SDGym's leaderboard lists it
 * (sdv-dev/SDGym, SYNTHESIZERS.md at 1f55939): its real-rows row, 0.669, is the mean of the paper's four
 * real-data F1s (0.680, 0.658, 0.661, 0.676).
 */
const ADULT_PUBLISHED =
  'CTGAN 0.601, TVAE 0.626, real rows 0.669 (CTGAN paper / SDGym leaderboard, 300 epochs)';

function parse(file: string): RawTable {
  const parsed = parseTableFile(readFileSync(resolve(DATA, file)), file);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

function typed(raw: RawTable): Schema {
  const schema = inferSchema(raw);
  if (!schema.ok) throw new Error(schema.error);
  return schema.value;
}

function adult(): TableCase {
  const train = parse('adult.csv');
  // The test file writes its labels as the training file does (">50K", "<=50K").
  return {
    name: 'Adult',
    train,
    test: parse('adult.test.csv'),
    schema: typed(train),
    positive: '>50K',
    published: ADULT_PUBLISHED,
  };
}

/** bank-full has no test file: a seeded 20% of its rows is held out. */
function bank(): TableCase {
  const all = parse('bank-full.csv');
  const order = permutation(all.rows.length, createRng(SEED));
  const cut = Math.round(all.rows.length * 0.8);
  const pick = (from: number, to: number) => ({
    ...all,
    rows: Array.from(order.subarray(from, to), (i) => all.rows[i]!),
  });
  const train = pick(0, cut);
  return {
    name: 'bank-full',
    train,
    test: pick(cut, all.rows.length),
    schema: typed(train),
    positive: 'yes',
  };
}

interface Figures {
  model: string;
  epochs: number;
  encoderFitS: number;
  secondsPerEpoch: number;
  /** CPU seconds per epoch: steadier than wall time when other jobs share the machine. */
  cpuSecondsPerEpoch: number;
  quality: QualityReport;
  f1: Record<string, number>;
}

/**
 * Trains for the largest of `checkpoints` epochs and measures the rows generated at each checkpoint, so a
 * long run reports how fidelity grows with the budget (and leaves figures behind if it is stopped).
 * The CGAN baseline trains with the app's CGAN defaults.
 */
async function run(table: TableCase, settings: TrainingSettings, checkpoints: number[]): Promise<Figures[]> {
  let encoderFitS = 0;
  const timedFit: EncoderFit = (raw, schema, numeric) => {
    const start = performance.now();
    const encoder = fitEncoder(raw, schema, numeric);
    encoderFitS = (performance.now() - start) / 1000;
    return encoder;
  };
  const created = Run.create({
    table: { raw: table.train, schema: table.schema },
    settings: { ...(settings.model === 'ctgan' ? settings : defaultSettings('cgan')), seed: MODEL_SEED },
    holdoutShare: 0,
    fit: timedFit,
  });
  if (!created.ok) throw new Error(created.error);
  const trained = created.value;
  const { encoder } = trained.codec as EncoderCodec;
  const modes = encoder.features.flatMap((e) =>
    e.kind === 'numeric' && e.scaling.kind === 'modes'
      ? [`${table.schema.columns[e.column]!.name} ${e.scaling.modes.length}`]
      : [],
  );
  if (modes.length > 0)
    console.log(`  encoder fitted in ${encoderFitS.toFixed(2)} s; modes: ${modes.join(', ')}`);

  const figures: Figures[] = [];
  let trainMs = 0;
  let cpuUs = 0;
  const epochs = Math.max(...checkpoints);
  for (let epoch = 0; epoch < epochs; epoch++) {
    const trainStart = performance.now();
    const cpuStart = process.cpuUsage();
    let last = '';
    await trained.trainUntil(
      (epoch + 1) * trained.trainer.stepsPerEpoch,
      { afterChunk: (chunk) => void (last = lastSeries(chunk)) },
      { maxMs: Infinity, maxSteps: 16 },
    );
    trainMs += performance.now() - trainStart;
    const cpu = process.cpuUsage(cpuStart);
    cpuUs += cpu.user + cpu.system;
    process.stdout.write(`  ${settings.model} epoch ${epoch + 1}/${epochs}: ${last}\n`);
    if (!checkpoints.includes(epoch + 1)) continue;
    const measured = await measure(table, trained);
    const timing = {
      secondsPerEpoch: trainMs / 1000 / (epoch + 1),
      cpuSecondsPerEpoch: cpuUs / 1e6 / (epoch + 1),
    };
    figures.push({ model: settings.model, epochs: epoch + 1, encoderFitS, ...timing, ...measured });
    if (epoch + 1 < epochs) report(table, figures, null);
  }
  trained.dispose();
  return figures;
}

/**
 * Quality and efficacy of as many generated rows as the table has training rows, their targets drawn
 * in their real proportions (as the app does).
 */
async function measure(table: TableCase, trained: Run): Promise<Pick<Figures, 'quality' | 'f1'>> {
  const synthetic = await trained.generate(trained.rows.count, createRng(MODEL_SEED + 1));

  const used = table.schema.columns.flatMap((c, i) => (c.kind === 'ignored' ? [] : [i]));
  const columns: MetricColumn[] = used.map((i) => {
    const c = table.schema.columns[i]!;
    return { name: c.name, kind: c.kind === 'numeric' ? 'numeric' : 'categorical' };
  });
  const project = (raw: RawTable): Cell[][] => raw.rows.map((row) => used.map((i) => row[i] ?? null));
  const real = project(table.train);
  const quality = qualityReport(columns, real, synthetic);
  const target = used.indexOf(table.schema.target);
  const f1 = efficacy(columns, real, synthetic, project(table.test), target, table);
  console.log(targetLinkReport(columns, real, synthetic, target, table.positive).join('\n'));
  return { quality, f1 };
}

/**
 * F1 of the minority class on the real test rows, per classifier trained on `trainRows`, and their mean:
 * the CTGAN paper's machine-learning efficacy. `reference` (the real training rows) sets the numbers'
 * ranges, as SDGym's metadata does.
 */
function efficacy(
  columns: MetricColumn[],
  reference: Cell[][],
  trainRows: Cell[][],
  testRows: Cell[][],
  target: number,
  table: TableCase,
): Record<string, number> {
  const classes = [...new Set(testRows.map((r) => r[target]!))].sort();
  const positive = classes.indexOf(table.positive);
  const features = fitSdgymFeatures(columns, reference, trainRows, [target]);
  const data = {
    x: encodeSdgymFeatures(features, trainRows),
    y: encodeClasses(trainRows, target, classes),
    classCount: classes.length,
  };
  const testX = encodeSdgymFeatures(features, testRows);
  const truth = encodeClasses(testRows, target, classes);
  const f1 = Object.fromEntries(
    CLASSIFIERS.map((name) => {
      const model = trainSdgymClassifier(name, data, SEED);
      return [name, classificationScores(truth, model.predictProba(testX), classes.length, positive).f1];
    }),
  );
  return { ...f1, mean: CLASSIFIERS.reduce((s, name) => s + f1[name]!, 0) / CLASSIFIERS.length };
}

function realBaseline(table: TableCase): Record<string, number> {
  const used = table.schema.columns.flatMap((c, i) => (c.kind === 'ignored' ? [] : [i]));
  const columns: MetricColumn[] = used.map((i) => ({
    name: table.schema.columns[i]!.name,
    kind: table.schema.columns[i]!.kind === 'numeric' ? 'numeric' : 'categorical',
  }));
  const project = (raw: RawTable): Cell[][] => raw.rows.map((row) => used.map((i) => row[i] ?? null));
  const real = project(table.train);
  return efficacy(columns, real, real, project(table.test), used.indexOf(table.schema.target), table);
}

/** The figures so far as a table; `real` (the classifiers on real rows) once the run is done. */
function report(table: TableCase, figures: Figures[], real: Record<string, number> | null): void {
  const f = (x: number, d = 3) => x.toFixed(d);
  console.log(
    `\n${table.name}: ${table.train.rows.length} training rows, ${table.test.rows.length} test rows`,
  );
  console.log(
    'model   epochs  fit(s)  s/epoch  cpu-s/epoch  quality  shapes  pairs   KS     TV     corr   contingency  ' +
      F1_COLUMNS.map((k) => `F1 ${k}`).join('  '),
  );
  const metric = (q: QualityReport, name: string) => {
    const all = [...q.shapes, ...q.pairs].flatMap((s) =>
      s.metric === name && s.score.ok ? [s.score.value] : [],
    );
    return all.length > 0 ? f(all.reduce((s, v) => s + v, 0) / all.length) : '  -  ';
  };
  for (const r of figures) {
    const q = r.quality;
    console.log(
      [
        r.model.padEnd(7),
        String(r.epochs).padStart(6),
        f(r.encoderFitS, 2).padStart(7),
        f(r.secondsPerEpoch, 1).padStart(8),
        f(r.cpuSecondsPerEpoch, 1).padStart(11),
        f(valueOf(q.score) ?? NaN).padStart(8),
        f(valueOf(q.shapeScore) ?? NaN).padStart(7),
        f(valueOf(q.pairScore) ?? NaN).padStart(6),
        metric(q, 'KSComplement'),
        metric(q, 'TVComplement'),
        metric(q, 'CorrelationSimilarity'),
        metric(q, 'ContingencySimilarity').padStart(11),
        ...F1_COLUMNS.map((k) => f(r.f1[k]!).padStart(k.length + 3)),
      ].join('  '),
    );
  }
  if (!real) return;
  console.log(
    `real rows (reference)${' '.repeat(101)}${F1_COLUMNS.map((k) => f(real[k]!).padStart(k.length + 3)).join('  ')}`,
  );
  if (table.published) console.log(`published mean F1: ${table.published}`);
}

async function main(): Promise<void> {
  if (!existsSync(DATA)) {
    console.warn(`The fidelity benchmark needs the reference tables in ${DATA}; not found.`);
    return;
  }
  const epochs = option('epochs');
  const only = option('table');
  const onlyModel = option('model');
  // e.g. --ctgan '{"batchSize": 100}' to try other CTGAN-style settings against the same budget.
  const ctgan = {
    ...defaultSettings('ctgan'),
    ...(JSON.parse(option('ctgan') ?? '{}') as Partial<CtganTrainingSettings>),
  };
  if (!only) {
    await runPerTable(TABLES);
    return;
  }
  await useNodeBackend('wasm');
  console.log(
    `Fidelity benchmark: ${tf.getBackend()} backend in Node, model seed ${MODEL_SEED} (split and classifiers ${SEED}), load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`,
  );
  const table = only === 'bank' ? bank() : adult();
  const figures: Figures[] = [];
  // --epochs 20,60,100 measures at each of those epochs of one run.
  const budget = (fallback: number) => (epochs ? epochs.split(',').map(Number) : [fallback]);
  const ctganEpochs = budget(BUDGET.ctgan);
  const cganEpochs = budget(BUDGET.cgan);
  if (onlyModel !== 'cgan') {
    console.log(`\n${table.name}: CTGAN-style, ${ctganEpochs.join(', ')} epochs of batch ${ctgan.batchSize}`);
    figures.push(...(await run(table, ctgan, ctganEpochs)));
  }
  if (onlyModel !== 'ctgan') {
    console.log(
      `${table.name}: CGAN, ${cganEpochs.join(', ')} epochs of batch ${defaultSettings('cgan').batchSize}`,
    );
    figures.push(...(await run(table, defaultSettings('cgan'), cganEpochs)));
  }
  report(table, figures, realBaseline(table));
}

await main();

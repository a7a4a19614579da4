/**
 * Our report beside the field's reference implementations, on Adult. Trains the default CGAN through the
 * app's session (wasm backend), hands the report the same capped sample the app would (5,000 training,
 * 2,000 held-out and 5,000 synthetic rows), computes the report, and writes the rows and the report where
 * `sdmetrics_check.py` (our own implementation of SDMetrics' definitions, with scikit-learn's logistic
 * regression) and ../shared/peer/evaluate.py can read them:
 *
 *   node --import tsx --import ./tools/bench/esmHooks.mjs tools/agreement/adult.ts [--steps 1500] [--out DIR]
 *   /usr/bin/python3 tools/agreement/sdmetrics_check.py DIR
 *
 * Adult is read from ../shared/data (never copied into the repository). docs/report.md holds the figures.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseTableFile } from '../../src/data/load';
import type { Cell } from '../../src/data/table';
import {
  classificationScores,
  encodeClasses,
  encodeFeatures,
  fitFeatureEncoder,
  trainClassifier,
} from '../../src/eval/ml/index';
import { evaluate } from '../../src/eval/report/evaluate';
import { defaultSettings } from '../../src/models/catalog';
import { nodeSessionEnvironment } from '../../src/worker/nodeBackends';
import { unpack } from '../../src/worker/packed';
import { EngineSession } from '../../src/worker/session';

const option = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : process.argv[i + 1]!;
};
const STEPS = Number(option('steps', '1500'));
const OUT = resolve(option('out', '/tmp/agreement'));
const ADULT = resolve(import.meta.dirname, '../../../shared/data/adult.csv');
const ADULT_TEST = resolve(import.meta.dirname, '../../../shared/data/adult.test.csv');

if (!existsSync(ADULT)) {
  console.warn(`${ADULT} is absent: nothing to compare.`);
  process.exit(0);
}
const session = new EngineSession(nodeSessionEnvironment('wasm'));
await session.init(() => {});
const loaded = await session.loadFile(new Uint8Array(readFileSync(ADULT)), 'adult.csv');
if (!loaded.ok) throw new Error(loaded.error);
const started = performance.now();
for (let i = 0; i < STEPS; i++) await session.step(defaultSettings('cgan'));
console.log(
  `trained ${STEPS} steps of the default CGAN in ${((performance.now() - started) / 1000).toFixed(0)} s`,
);

const handed = await session.evaluationData();
if (!handed.ok) throw new Error(handed.error);
const data = unpack(handed.value);
const report = evaluate(data);
if (!report.ok) throw new Error(report.error);

mkdirSync(OUT, { recursive: true });
const csv = (rows: readonly Cell[][]) =>
  [data.columns.map((c) => c.name), ...rows]
    .map((row) =>
      row
        .map((cell) => (cell == null ? '' : /[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell))
        .join(','),
    )
    .join('\n') + '\n';
writeFileSync(resolve(OUT, 'train.csv'), csv(data.train));
writeFileSync(resolve(OUT, 'holdout.csv'), csv(data.holdout));
writeFileSync(resolve(OUT, 'synthetic.csv'), csv(data.synthetic));
writeFileSync(
  resolve(OUT, 'report.json'),
  JSON.stringify({ columns: data.columns, target: data.target, steps: STEPS, report: report.value }, null, 1),
);
// The same logistic regression the report trains, on the same synthetic rows (and on every real training
// row), tested on the official adult.test: the rows ../shared/peer/evaluate.py scores scikit-learn's on.
const test = parseTableFile(new Uint8Array(readFileSync(ADULT_TEST)), 'adult.test.csv');
const full = parseTableFile(new Uint8Array(readFileSync(ADULT)), 'adult.csv');
if (!test.ok || !full.ok) throw new Error('adult.csv and adult.test.csv must parse');
const project = (raw: typeof test.value) =>
  raw.rows.map((row) => data.columns.map((c) => row[raw.columns.indexOf(c.name)] ?? null));
const testRows = project(test.value);
const positive = '>50K';
const f1On = (rows: Cell[][]) => {
  const classes = ['<=50K', positive];
  const encoder = fitFeatureEncoder(data.columns, rows, [data.target]);
  const model = trainClassifier(
    'linear',
    { x: encodeFeatures(encoder, rows), y: encodeClasses(rows, data.target, classes), classCount: 2 },
    { seed: data.seed },
  );
  const truth = encodeClasses(testRows, data.target, classes);
  return classificationScores(truth, model.predictProba(encodeFeatures(encoder, testRows)), 2, 1).f1;
};
const onTest = {
  synthetic: f1On(data.synthetic),
  realFull: f1On(project(full.value)),
  testRows: testRows.length,
};
writeFileSync(resolve(OUT, 'adult-test-f1.json'), JSON.stringify(onTest, null, 1));
console.log(`logistic regression F1 of ${positive} on adult.test: ${JSON.stringify(onTest)}`);

const q = report.value.fidelity.quality.score;
console.log(`quality ${q.ok ? q.value.toFixed(4) : q.reason}; rows and report written to ${OUT}`);

/**
 * How long the evaluation report takes, through the app's real path in Node: the training worker's session
 * (wasm backend) loads a table, trains the default CGAN for a few steps and hands over `evaluationData()`
 * (a capped, seeded sample of training and held-out rows plus as many fresh synthetic rows), then
 * `evaluate` computes fidelity, utility and privacy as the report worker does. One core, like one worker.
 *
 *   node --import tsx --import ./tools/bench/esmHooks.mjs tools/bench/report.ts            # penguins and Adult
 *   node --import tsx --import ./tools/bench/esmHooks.mjs tools/bench/report.ts penguins   # one table
 *
 * Adult is read from ../shared/data (never copied into the repository) and skipped when it is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { nodeSessionEnvironment } from '../../src/worker/nodeBackends';
import type { Measure } from '../../src/eval/measure';
import { evaluate } from '../../src/eval/report/evaluate';
import { EngineSession } from '../../src/worker/session';
import { unpack } from '../../src/worker/packed';
import { defaultSettings } from '../../src/models/catalog';

const cases = [
  {
    name: 'penguins',
    file: resolve(import.meta.dirname, '../../public/demos/penguins.csv'),
    target: 'Species',
  },
  {
    name: 'seattle-weather',
    file: resolve(import.meta.dirname, '../../public/demos/seattle-weather.csv'),
    target: 'weather',
  },
  { name: 'adult', file: resolve(import.meta.dirname, '../../../shared/data/adult.csv'), target: 'income' },
];
/** `--steps N` trains longer before the report (default 20: a barely trained generator). */
const TRAINING_STEPS = (() => {
  const i = process.argv.indexOf('--steps');
  return i === -1 ? 20 : Number(process.argv[i + 1]);
})();
const REPEATS = 3;

async function bench(name: string, file: string, target: string): Promise<void> {
  if (!existsSync(file)) {
    console.warn(`${name}: ${file} is absent, skipped.`);
    return;
  }
  const session = new EngineSession(nodeSessionEnvironment('wasm'));
  await session.init(() => {});
  const loaded = await session.loadFile(new Uint8Array(readFileSync(file)), `${name}.csv`);
  if (!loaded.ok) throw new Error(loaded.error);
  const targetIndex = loaded.value.columns.findIndex((c) => c.name === target);
  if (targetIndex !== loaded.value.target) {
    const changed = await session.setTarget(targetIndex);
    if (!changed.ok) throw new Error(changed.error);
  }
  for (let i = 0; i < TRAINING_STEPS; i++) await session.step(defaultSettings('cgan'));

  const handOver = performance.now();
  const packed = await session.evaluationData();
  if (!packed.ok) throw new Error(packed.error);
  // Packing happens in the training worker, unpacking in the report worker: both are hand-over time.
  const data = unpack(packed.value);
  const handOverMs = performance.now() - handOver;

  const totals: number[] = [];
  const cpu: number[] = [];
  let last = null;
  for (let r = 0; r < REPEATS; r++) {
    const before = process.cpuUsage();
    const report = evaluate(data);
    if (!report.ok) throw new Error(report.error);
    const used = process.cpuUsage(before);
    cpu.push((used.user + used.system) / 1000);
    totals.push(report.value.timingsMs.total);
    last = report.value;
  }
  if (!last) return;
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const t = last.timingsMs;
  console.log(
    `${name}: ${loaded.value.rowCount.toLocaleString('en')} rows, ${last.sample.note}\n` +
      `  hand-over (sample + generate ${last.sample.synthetic} rows): ${(handOverMs / 1000).toFixed(2)} s\n` +
      `  report: median ${(median(totals) / 1000).toFixed(2)} s wall, ${(median(cpu) / 1000).toFixed(2)} s CPU ` +
      `of ${REPEATS} runs (fidelity ${(t.fidelity / 1000).toFixed(2)} s, ` +
      `utility ${(t.utility / 1000).toFixed(2)} s, privacy ${(t.privacy / 1000).toFixed(2)} s in the last)\n` +
      `  quality ${text(last.fidelity.quality.score)} (held-out real rows ${text(last.fidelity.qualityReference.heldOut)}), ` +
      `detection ${text(last.fidelity.detection.score)} (fold AUCs ${last.fidelity.detection.foldAucs.map((a) => text(a)).join(', ')}), ` +
      `χ² ${text(last.utility.chiSquare.estimate)}, DCR overfitting protection ${last.privacy.score.toFixed(3)} ` +
      `(after ${TRAINING_STEPS} training steps)\n` +
      Object.entries(last.verdicts)
        .map(([figure, v]) => `  ${figure}: ${v ? `${v.words} (${v.detail})` : 'no verdict'}`)
        .join('\n') +
      last.warnings.map((w) => `\n  warning (${w.kind}): ${w.text}`).join(''),
  );
}

// The report is single-threaded: on a busy machine the wall time grows, the CPU time does not.
console.log(
  `load average ${(await import('node:os'))
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
const only = process.argv.slice(2).find((a, i, all) => !a.startsWith('--') && all[i - 1] !== '--steps');
for (const c of cases) if (!only || c.name === only) await bench(c.name, c.file, c.target);

function text(measure: Measure): string {
  return measure.ok ? measure.value.toFixed(3) : `not computable (${measure.reason})`;
}

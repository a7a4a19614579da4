/**
 * Where a training step's time goes, in Node: per kernel type, the count and time per step (tf.profile),
 * beside the wall-clock time of the same steps (kernels plus JavaScript: random numbers, autodiff
 * bookkeeping). With --compare it also runs tfjs's stock wasm kernels in the same process, alternating,
 * and prints the ratio.
 *
 *   node --import tsx --import ./tools/bench/esmHooks.mjs tools/bench/kernels.ts [wasm|cpu] [demo|ctgan] [--compare]
 */
import { performance } from 'node:perf_hooks';
import * as tf from '../../src/nn/tf';
import { installWasmKernels, restoreStockWasmKernels } from '../../src/nn/wasmKernels';
import { median } from './figures';
import { startNodeBackend, type NodeBenchBackend } from './nodeBackends';
import { SIZES, type SizeId } from './sizes';
import { buildRun, stepAndRead } from './workload';

const backend = (process.argv[2] ?? 'wasm') as NodeBenchBackend;
const size = SIZES[(process.argv[3] ?? 'ctgan') as SizeId];
const compare = process.argv.includes('--compare');
const STEPS = 3;

const started = await startNodeBackend(backend);
if (!started.ok) throw new Error(started.error);
const run = buildRun(size);
await stepAndRead(run, 3);

async function measure() {
  const start = performance.now();
  await stepAndRead(run, STEPS);
  const wallMs = (performance.now() - start) / STEPS;
  const profile = await tf.profile(() => stepAndRead(run, STEPS));
  const byName = new Map<string, { count: number; ms: number }>();
  let kernelMs = 0;
  for (const k of profile.kernels) {
    const ms = typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
    const entry = byName.get(k.name) ?? { count: 0, ms: 0 };
    entry.count++;
    entry.ms += ms;
    kernelMs += ms;
    byName.set(k.name, entry);
  }
  return { wallMs, kernelMs: kernelMs / STEPS, kernels: profile.kernels.length / STEPS, byName };
}

if (compare) {
  const stock: number[] = [];
  const ours: number[] = [];
  for (let round = 0; round < 3; round++) {
    restoreStockWasmKernels();
    stock.push((await measure()).wallMs);
    installWasmKernels();
    ours.push((await measure()).wallMs);
  }
  const [s, o] = [median(stock), median(ours)];
  console.log(
    `${size.label} on ${backend}: stock kernels ${s.toFixed(1)} ms/step, ours ${o.toFixed(1)} ms/step`,
  );
  console.log(`ratio ${(s / o).toFixed(2)}x (medians of 3 alternating rounds of ${STEPS} steps)`);
} else {
  const m = await measure();
  console.log(
    `${size.label} on ${backend}: ${m.kernels} kernels/step, ${m.kernelMs.toFixed(1)} ms/step in kernels, ` +
      `${m.wallMs.toFixed(1)} ms/step wall`,
  );
  for (const [name, { count, ms }] of [...m.byName].sort((a, b) => b[1].ms - a[1].ms)) {
    console.log(
      `${name.padEnd(14)} ${String(count / STEPS).padStart(6)} ${(ms / STEPS).toFixed(2).padStart(9)} ms`,
    );
  }
}
run.dispose();

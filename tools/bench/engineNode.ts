/**
 * The engine alone, in Node, on one backend: ms per training step, kernels per step, tensors and heap
 * after 100 and 1,000 steps. Run by tools/bench/run.ts in a child process per backend (WebGPU needs its
 * Vulkan environment set before the process starts); prints one JSON line starting with RESULT.
 *
 *   node --import tsx --import ./tools/bench/esmHooks.mjs tools/bench/engineNode.ts <wasm|cpu|webgpu> [demo,ctgan,ctgan-model]
 *     [--quick] [--no-memory]
 */
import { performance } from 'node:perf_hooks';
import * as tf from '../../src/nn/tf';
import { startNodeBackend, type NodeBenchBackend } from './nodeBackends';
import { median, type EngineFigures, type MemoryFigures } from './figures';
import { SIZE_IDS, SIZES, sizeUnavailable, type Size, type SizeId } from './sizes';
import { buildRun, stepAndRead } from './workload';

/** How long each backend may spend timing one size, and how few steps make a figure. */
const BUDGET_MS: Record<NodeBenchBackend, number> = { wasm: 20_000, cpu: 12_000, webgpu: 10_000 };

/** Past this, a backend is timed on a single further step. */
const SLOW_FIRST_STEP_MS = 15_000;

function perRow(size: Size, trainer: { stepsPerEpoch: number }, msPerStep: number) {
  return {
    rowsPerSecond: (size.settings.batchSize * 1000) / msPerStep,
    secondsPerEpoch: (trainer.stepsPerEpoch * msPerStep) / 1000,
    stepsPerEpoch: trainer.stepsPerEpoch,
  };
}

async function measureSize(
  backend: NodeBenchBackend,
  sizeId: SizeId,
  quick: boolean,
): Promise<EngineFigures> {
  const size = SIZES[sizeId];
  const unavailable = sizeUnavailable(size);
  if (unavailable) return { size: sizeId, unavailable };
  const run = buildRun(size);
  const { trainer } = run;
  try {
    // The first steps compile shaders or warm caches: timed apart.
    let start = performance.now();
    await stepAndRead(run, 1);
    const firstStepMs = performance.now() - start;
    if (firstStepMs > SLOW_FIRST_STEP_MS) {
      // A software adapter (SwiftShader WebGPU) or plain JS at the large size: one more step is enough
      // to say how slow, and keeps the whole bench within minutes.
      start = performance.now();
      await stepAndRead(run, 1);
      const msPerStep = performance.now() - start;
      return { size: sizeId, msPerStep, samples: 1, firstStepMs, ...perRow(size, trainer, msPerStep) };
    }
    if (backend !== 'webgpu') await stepAndRead(run, 2);

    const profile = await tf.profile(() => stepAndRead(run, 1));
    const kernels = new Map<string, number>();
    for (const k of profile.kernels) kernels.set(k.name, (kernels.get(k.name) ?? 0) + 1);

    // Chunks of k steps with one read-back, as the worker runs them; the median chunk gives ms/step.
    const budget = quick ? BUDGET_MS[backend] / 4 : BUDGET_MS[backend];
    const began = performance.now();
    const perStep: number[] = [];
    // CPU time as well: on a machine shared with other jobs it moves far less than the wall clock.
    const cpuPerStep: number[] = [];
    let chunk = 1;
    while (perStep.length < 2 || (perStep.length < 15 && performance.now() - began < budget)) {
      start = performance.now();
      const cpu = process.cpuUsage();
      await stepAndRead(run, chunk);
      const ms = (performance.now() - start) / chunk;
      const used = process.cpuUsage(cpu);
      cpuPerStep.push((used.user + used.system) / 1000 / chunk);
      perStep.push(ms);
      // Aim for chunks of about 100 ms, like the worker's loop.
      chunk = Math.max(1, Math.min(16, Math.round(100 / ms)));
    }
    const msPerStep = median(perStep);
    return {
      size: sizeId,
      msPerStep,
      cpuMsPerStep: median(cpuPerStep),
      samples: perStep.length,
      ...perRow(size, trainer, msPerStep),
      firstStepMs,
      kernelsPerStep: profile.kernels.length,
      kernelTypes: Object.fromEntries([...kernels].sort((a, b) => b[1] - a[1])),
    };
  } finally {
    run.dispose();
  }
}

/** Tensors and heap after 100 and after 1,000 steps of the demo setup: both should be flat. */
async function measureMemory(): Promise<MemoryFigures> {
  const run = buildRun(SIZES.demo);
  const gc = (globalThis as { gc?: () => void }).gc;
  const snapshot = (step: number) => {
    gc?.();
    return { step, tensors: tf.memory().numTensors, heapBytes: process.memoryUsage().heapUsed };
  };
  try {
    const points = [];
    for (const until of [100, 1000]) {
      await run.trainUntil(until, {}, { maxMs: Infinity, maxSteps: 20 });
      points.push(snapshot(until));
    }
    return { points, heapNote: gc ? 'after a forced GC' : 'no forced GC (run node with --expose-gc)' };
  } finally {
    run.dispose();
  }
}

async function main() {
  const backend = (process.argv[2] ?? 'wasm') as NodeBenchBackend;
  const sizes = (process.argv[3] ?? SIZE_IDS.join(',')).split(',') as SizeId[];
  const quick = process.argv.includes('--quick');
  const started = await startNodeBackend(backend);
  if (!started.ok) {
    console.log(`RESULT ${JSON.stringify({ backend, unavailable: started.error })}`);
    return;
  }
  const figures: EngineFigures[] = [];
  for (const size of sizes) {
    figures.push(await measureSize(backend, size, quick));
    console.error(`node ${backend} ${size}: ${JSON.stringify(figures.at(-1))}`);
  }
  // 1,000 steps on wasm, the backend the app uses here (cpu and SwiftShader WebGPU would take minutes).
  const memory =
    backend !== 'wasm' || process.argv.includes('--no-memory') ? undefined : await measureMemory();
  console.log(`RESULT ${JSON.stringify({ backend, adapter: started.value, sizes: figures, memory })}`);
}

await main();
// Dawn keeps the process alive; the figures are out.
process.exit(0);

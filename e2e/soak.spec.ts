import { expect, test } from './fixtures';
import { workerDiagnostics } from './workerMemory';

/*
 * A long run in the real training worker, in Chromium: thousands of steps of the demo model (chunks,
 * checkpoints every 200 steps, verdict snapshots, chart events) keep the worker's tensor count flat and
 * its JS heap (after a forced collection, through DevTools: e2e/workerMemory.ts says why not
 * performance.memory) within a bound that does not grow with the steps. src/worker/soak.test.ts does the
 * same for every model in Node.
 */
const SAMPLES_AT = [300, 1_500, 3_000];
/** Heap growth allowed from the first sample to the last: a leak of 1 KB a step would keep 2.6 MB. */
const HEAP_SLACK_BYTES = 1024 * 1024;

test('soak: the training worker trains 3,000 steps with a flat tensor count and a bounded heap', async ({
  playground,
  page,
}) => {
  test.setTimeout(240_000);
  const { training } = playground;
  await playground.open();
  await playground.model.epochs.fill('1000');
  const worker = page.workers().find((w) => w.url().includes('engine.worker'));
  expect(worker, 'the training worker runs').toBeTruthy();

  const samples: { step: number; tensors: number; heapBytes: number | null }[] = [];
  await training.train();
  for (const step of SAMPLES_AT) {
    await expect.poll(() => training.stepsDone(), { timeout: 120_000 }).toBeGreaterThanOrEqual(step);
    // Between chunks, paused: what the run keeps, not what a step holds for a moment.
    await training.pause();
    samples.push({ step: await training.stepsDone(), ...(await workerDiagnostics(page, worker!)) });
    if (step !== SAMPLES_AT.at(-1)) await training.resumeButton.click();
  }
  console.log(`worker soak: ${JSON.stringify(samples)}`);
  const first = samples[0]!;
  const last = samples.at(-1)!;
  expect(new Set(samples.map((s) => s.tensors)).size, 'tensor counts differ between samples').toBe(1);
  expect(last.heapBytes, 'the worker heap could not be read through DevTools').not.toBeNull();
  expect(last.heapBytes! - first.heapBytes!, 'worker heap growth, bytes').toBeLessThan(HEAP_SLACK_BYTES);
});

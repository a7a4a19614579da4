import { expect, it } from 'vitest';
import { SMALL_RUNS } from '../../test-support/smallRuns';
import { soak } from '../../test-support/soak';

/*
 * Long runs: thousands of steps of every family through the worker's session (chunks, checkpoints every
 * 200 steps, verdict snapshots), with a flat tensor count and a heap that does not grow with the steps.
 * Sized for the suite; `npm run soak` runs the longer variant and prints the figures.
 */
const STEPS = 2_000;
/** Heap growth allowed between step 300 and the end: far below what 1,700 steps of leaks would keep. */
const HEAP_SLACK_MB = 8;

it.each(Object.entries(SMALL_RUNS))(
  `%s trains ${STEPS.toLocaleString('en')} steps with a flat tensor count and a bounded heap`,
  async (_, settings) => {
    const result = await soak(settings, STEPS);
    console.log(JSON.stringify(result));
    expect(result.steps).toBeGreaterThanOrEqual(STEPS);
    expect(result.tensors.max - result.tensors.min, 'live tensors varied across chunks').toBe(0);
    expect(result.heapMb.end - result.heapMb.start, 'heap growth, MB').toBeLessThan(HEAP_SLACK_MB);
  },
  300_000,
);

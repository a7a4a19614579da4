/**
 * The long soak: every model family through the worker's session for STEPS steps (20,000 by default),
 * printing the live tensor range after the warm-up, the heap at the warm-up and at the end, and the
 * time. `npm run soak` (STEPS=100000 npm run soak for a night's run). The suite runs 2,000 steps
 * (src/worker/soak.test.ts).
 */
import { SMALL_RUNS } from '../test-support/smallRuns';
import { soak } from '../test-support/soak';

const steps = Number(process.env.STEPS ?? 20_000);
console.log(`model     steps   tensors (min-max)   heap MB (warm → end)   seconds`);
for (const [model, settings] of Object.entries(SMALL_RUNS)) {
  const r = await soak(settings, steps);
  console.log(
    `${model.padEnd(9)} ${String(r.steps).padStart(6)}   ${`${r.tensors.min}-${r.tensors.max}`.padStart(17)}   ` +
      `${`${r.heapMb.start} → ${r.heapMb.end}`.padStart(20)}   ${String(r.seconds).padStart(7)}`,
  );
}

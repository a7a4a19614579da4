import type { TypedTable } from '../data/schema';
import type { RowSplit } from '../data/split';
import { evaluationSample, type EvaluationSample } from '../eval/report/sample';
import { createRng } from '../rng';
import type { Run } from '../train/run';
import type { UtilitySample } from './utilityProtocol';

/**
 * Small on purpose: generating these rows is all the training worker does for a live utility figure, so
 * it costs a few milliseconds between training chunks; the fitting happens in the utility worker.
 */
export const LIVE_SAMPLE = { synthetic: 1_000, holdout: 1_000 } as const;

/** The current model's rows and held-out real rows, drawn from seeds fixed by the run and the step. */
export async function utilitySample(table: TypedTable, run: Run): Promise<UtilitySample> {
  const seed = run.seeds.evaluation;
  const real = heldOutSample(table, run.split, seed);
  const step = run.stepsDone;
  // Its own stream: a live figure must not change which rows "Generate" gives later.
  const synthetic = await run.generate(LIVE_SAMPLE.synthetic, createRng(seed + step));
  return {
    step,
    columns: real.columns,
    target: real.target,
    synthetic,
    holdout: real.holdout,
    seed: real.seed,
  };
}

/** The held-out side is the same for a whole run: drawn once per split, not at every measurement. */
const heldOut = new WeakMap<RowSplit, EvaluationSample>();

function heldOutSample(table: TypedTable, split: RowSplit, seed: number): EvaluationSample {
  let sample = heldOut.get(split);
  if (!sample) {
    sample = evaluationSample(table, split, seed, { train: 0, holdout: LIVE_SAMPLE.holdout });
    heldOut.set(split, sample);
  }
  return sample;
}

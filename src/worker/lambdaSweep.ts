import { splitTable } from '../data/split';
import { fail, ok, type Cell, type Result } from '../data/table';
import type { MetricColumn } from '../eval/columns';
import { heldOutUtility } from '../eval/metrics/heldOutUtility';
import { qualityReport } from '../eval/metrics/quality';
import { evaluationSample } from '../eval/report/sample';
import type { FeedbackTrainingSettings } from '../models/catalog';
import { createRng } from '../rng';
import { Run, runSeeds } from '../train/run';
import type { FrontierScores, SweepEvent, SweepOutcome, SweepRequest } from './sweepProtocol';
import { sweepProblems } from './sweepRequest';

/**
 * The λ sweep: short DSF-GAN runs that differ only in λ (same seed, split, weights, batches and noise),
 * each scored on fidelity (the quality score of its rows against real training rows) and utility (a model
 * trained on its rows, tested on held-out real rows). λ = 0 is the base model alone (CGAN or CTGAN-style). Plotted together they trace
 * the realism/utility frontier the paper claims: more feedback, more utility, a little less realism.
 */

/** Real training rows the quality score compares against, and held-out rows utility is tested on. */
const SWEEP_CAPS = { train: 2_000, holdout: 2_000 } as const;
/** Steps between checks for cancellation and progress reports. */
const CHUNK = { maxMs: Infinity, maxSteps: 25 } as const;

/**
 * Runs the sweep, reporting the real-data reference first, then each λ's point as soon as its run is
 * scored. `cancelled` is asked between chunks of steps; a cancelled sweep keeps the points it reported.
 */
export async function runLambdaSweep(
  request: SweepRequest,
  onEvent: (event: SweepEvent) => void,
  cancelled: () => boolean,
): Promise<Result<SweepOutcome>> {
  const problems = sweepProblems(request);
  if (problems.length > 0) return fail(problems.join(' '));
  const { table, settings, holdoutShare } = request;
  // The same split as the user's run: the run's seeds, drawn from the same seed.
  const seeds = runSeeds(settings.seed);
  const split = splitTable(table, holdoutShare, seeds.split);
  const real = evaluationSample(table, split, seeds.evaluation, SWEEP_CAPS);

  const score = (rows: readonly Cell[][], fidelityOf: readonly Cell[][]): Result<FrontierScores> => {
    const utility = heldOutUtility(real.columns, real.target, rows, real.holdout, real.seed, 'linear');
    if (!utility.ok) return utility;
    return ok({ quality: qualityOf(real.columns, real.train, fidelityOf), utility: utility.value });
  };
  const reference = score(real.train, real.holdout);
  if (!reference.ok) return reference;
  onEvent({ type: 'reference', reference: reference.value });

  for (const [index, lambda] of request.lambdas.entries()) {
    const start = performance.now();
    const runSettings: FeedbackTrainingSettings = { ...settings, feedback: { ...settings.feedback, lambda } };
    const created = Run.create({ table, settings: runSettings, holdoutShare });
    if (!created.ok) return created;
    const run = created.value;
    try {
      const ended = await run.trainUntil(
        request.steps,
        {
          keepGoing: () => !cancelled(),
          afterChunk: ({ diverged }) =>
            onEvent(
              diverged
                ? { type: 'diverged', lambda, step: diverged.step }
                : {
                    type: 'progress',
                    lambda,
                    run: index,
                    runs: request.lambdas.length,
                    step: run.stepsDone,
                    steps: request.steps,
                  },
            ),
        },
        CHUNK,
      );
      if (ended === 'stopped' || cancelled()) return ok('cancelled');
      if (ended === 'diverged') continue;
      const rows = await run.generate(real.train.length, createRng(seeds.generation));
      const scores = score(rows, rows);
      if (!scores.ok) return scores;
      onEvent({
        type: 'point',
        point: { lambda, steps: request.steps, ms: performance.now() - start, ...scores.value },
      });
    } finally {
      run.dispose();
    }
  }
  return ok('finished');
}

/** NaN when no column could be scored: the frontier plots no point for it. */
function qualityOf(columns: MetricColumn[], real: Cell[][], rows: readonly Cell[][]): number {
  const { score } = qualityReport(columns, real, rows);
  return score.ok ? score.value : NaN;
}

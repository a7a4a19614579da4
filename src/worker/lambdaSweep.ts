import { fail, ok, type Cell, type Result } from '../data/table';
import { generateCells } from '../train/generateCells';
import { createModel } from '../models/registry';
import { createRng } from '../rng';
import { splitTable } from '../data/split';
import { Trainer } from '../train/trainer';
import { heldOutUtility } from '../eval/metrics/heldOutUtility';
import { qualityReport, type MetricColumn } from '../eval/metrics/quality';
import type { ModelKind } from '../eval/ml/index';
import { evaluationSample } from '../eval/report/sample';
import type { FrontierScores, SweepEvent, SweepOutcome, SweepRequest } from './sweepProtocol';
import { sweepProblems } from './sweepRequest';
import { yieldToMessages } from './yieldToMessages';

/**
 * The λ sweep: short DSF-GAN runs that differ only in λ (same seed, split, weights, batches and noise),
 * each scored on fidelity (the quality score of its rows against real training rows) and utility (a model
 * trained on its rows, tested on held-out real rows). λ = 0 is the plain CGAN. Plotted together they trace
 * the realism/utility frontier the paper claims: more feedback, more utility, a little less realism.
 */

/** Real training rows the quality score compares against, and held-out rows utility is tested on. */
const SWEEP_CAPS = { train: 2_000, holdout: 2_000 } as const;
/** Steps between checks for cancellation and progress reports. */
const CHUNK_STEPS = 25;

/**
 * Runs the sweep, reporting the real-data reference first, then each λ's point as soon as its run is
 * scored. `cancelled` is asked between chunks of steps; a cancelled sweep keeps the points it reported.
 */
export async function runLambdaSweep(
  request: SweepRequest,
  onEvent: (event: SweepEvent) => void,
  cancelled: () => boolean,
  evaluator: ModelKind = 'linear',
): Promise<Result<SweepOutcome>> {
  const problems = sweepProblems(request);
  if (problems.length > 0) return fail(problems.join(' '));
  const { table, settings } = request;
  // Seeds derived in the order EngineSession.ensureRun derives them, so a sweep shares the user's split.
  const seeds = createRng(settings.seed);
  const split = splitTable(table, request.holdoutShare, seeds.seed());
  const modelSeed = seeds.seed();
  const trainerSeed = seeds.seed();
  const generationSeed = seeds.seed();
  const real = evaluationSample(table, split, seeds.seed(), SWEEP_CAPS);

  const score = (rows: readonly Cell[][], fidelityOf: readonly Cell[][]): Result<FrontierScores> => {
    const utility = heldOutUtility(real.columns, real.target, rows, real.holdout, real.seed, evaluator);
    if (!utility.ok) return utility;
    return ok({ quality: qualityOf(real.columns, real.train, fidelityOf), utility: utility.value });
  };
  const reference = score(real.train, real.holdout);
  if (!reference.ok) return reference;
  onEvent({ type: 'reference', reference: reference.value });

  for (const [run, lambda] of request.lambdas.entries()) {
    const start = performance.now();
    const runSettings = { ...settings, feedback: { ...settings.feedback, lambda } };
    const { model, codec } = createModel(runSettings, split.training, createRng(modelSeed));
    const trainer = new Trainer(model, codec.encodeRows(split.training.raw), settings.batchSize, trainerSeed);
    try {
      let diverged = false;
      for (let step = 0; step < request.steps && !diverged; ) {
        const chunk = Math.min(CHUNK_STEPS, request.steps - step);
        for (let i = 0; i < chunk; i++) trainer.step();
        step += chunk;
        const losses = await trainer.readLosses();
        const bad = losses.find((l) => l.values.some((v) => !Number.isFinite(v)));
        if (bad) {
          onEvent({ type: 'diverged', lambda, step: bad.step });
          diverged = true;
        } else {
          onEvent({
            type: 'progress',
            lambda,
            run,
            runs: request.lambdas.length,
            step,
            steps: request.steps,
          });
        }
        // Let a Cancel message in between chunks.
        await yieldToMessages();
        if (cancelled()) return ok('cancelled');
      }
      if (diverged) continue;
      const rows = await generateCells(model, trainer, codec, real.train.length, createRng(generationSeed));
      const scores = score(rows, rows);
      if (!scores.ok) return scores;
      onEvent({
        type: 'point',
        point: { lambda, steps: request.steps, ms: performance.now() - start, ...scores.value },
      });
    } finally {
      trainer.dispose();
      model.dispose();
    }
  }
  return ok('finished');
}

/** NaN when no column could be scored: the frontier plots no point for it. */
function qualityOf(columns: MetricColumn[], real: Cell[][], rows: readonly Cell[][]): number {
  const { score } = qualityReport(columns, real, rows);
  return score.ok ? score.value : NaN;
}

import { fail, ok, type Cell, type Result } from '../../data/table';
import { createRng, permutation } from '../../rng';
import { CHI_SQUARE_CAVEAT, detect } from '../metrics/detection';
import { membershipInference } from '../metrics/membership';
import { privacy } from '../metrics/privacy';
import { qualityReport } from '../metrics/quality';
import { utility } from '../metrics/utility';
import { columnFigure, correlationFigure, dcrFigure, summarise } from './figures';
import {
  detectionVerdict,
  privacyVerdict,
  qualityVerdict,
  tailFigures,
  unseenLevels,
  utilityVerdict,
  warnings,
} from './readings';
import type { EvaluationData, EvaluationReport, QualityReference, ReportProgress } from './types';

/**
 * The whole report: fidelity (do the rows look like mine?), utility (are they useful for learning?) and
 * privacy (do they leak my rows?), from one hand-over of real and synthetic rows. Runs in the report worker;
 * pure, so tests and benchmarks call it directly.
 */
export function evaluate(
  data: EvaluationData,
  onProgress: (progress: ReportProgress) => void = () => {},
): Result<EvaluationReport> {
  const { columns, target, train, holdout, synthetic } = data;
  const targetColumn = columns[target];
  if (!targetColumn) return fail('The report needs a target column.');
  if (train.length < 2 || synthetic.length < 2 || holdout.length < 1) {
    return fail(
      `The report needs at least two training rows, two synthetic rows and one held-out row; ` +
        `it got ${train.length}, ${synthetic.length} and ${holdout.length}.`,
    );
  }
  const rng = createRng(data.seed);
  const seeds = { detection: rng.seed(), utility: rng.seed(), membership: rng.seed(), reference: rng.seed() };
  const start = performance.now();

  onProgress({ fraction: 0, stage: 'Column shapes and pair trends' });
  const quality = qualityReport(columns, train, synthetic);
  const qualityReference = referenceQuality(data, seeds.reference);
  const columnFigures = columns.map((column, i) =>
    columnFigure(
      column,
      train.map((r) => r[i] ?? null),
      synthetic.map((r) => r[i] ?? null),
    ),
  );
  const correlation = correlationFigure(columns, train, synthetic);
  const tails = tailFigures(columns, train, synthetic);
  const unseen = unseenLevels(columns, train, synthetic);
  onProgress({ fraction: 0.1, stage: 'Detection: real against synthetic' });
  const detection = detect(columns, train, synthetic, seeds.detection);
  const fidelityDone = performance.now();

  const utilityStart = 0.3;
  const utilitySpan = 0.55;
  const utilityResult = utility(
    columns,
    target,
    train,
    synthetic,
    holdout,
    seeds.utility,
    (done, total, label) =>
      onProgress({ fraction: utilityStart + (utilitySpan * done) / total, stage: `Utility: ${label}` }),
  );
  const chiSquare = { estimate: detection.chiSquare, caveat: CHI_SQUARE_CAVEAT };
  const usable = utilityResult.ok ? utilityResult.value : null;
  const utilityDone = performance.now();

  onProgress({ fraction: utilityStart + utilitySpan, stage: 'Privacy: distances to closest records' });
  const leak = privacy(columns, train, holdout, synthetic);
  onProgress({ fraction: 0.95, stage: 'Privacy: membership inference' });
  const membership = membershipInference(columns, train, holdout, synthetic, seeds.membership);
  const end = performance.now();
  onProgress({ fraction: 1, stage: 'Done' });

  const capped = data.totals.train > train.length || data.totals.holdout > holdout.length;
  const count = (n: number) => n.toLocaleString('en');
  const note = capped
    ? `Computed on a seeded subsample: ${count(train.length)} of ${count(data.totals.train)} training rows ` +
      `(cap ${count(data.caps.train)}), ${count(holdout.length)} of ${count(data.totals.holdout)} held-out rows ` +
      `(cap ${count(data.caps.holdout)}) and ${count(synthetic.length)} synthetic rows.`
    : `Computed on all ${count(train.length)} training rows, all ${count(holdout.length)} held-out rows and ` +
      `${count(synthetic.length)} synthetic rows.`;

  return ok({
    table: data.table,
    model: data.model,
    target: {
      name: targetColumn.name,
      task: targetColumn.kind === 'numeric' ? 'regression' : 'classification',
    },
    sample: {
      train: train.length,
      holdout: holdout.length,
      synthetic: synthetic.length,
      totals: data.totals,
      caps: data.caps,
      capped,
      note,
    },
    fidelity: {
      quality,
      qualityReference,
      detection: { score: detection.score, foldAucs: detection.foldAucs },
      columns: columnFigures,
      correlation,
      tails,
      unseenLevels: unseen,
    },
    verdicts: {
      quality: qualityVerdict(qualityReference),
      detection: detectionVerdict(detection),
      utility: usable && utilityVerdict(usable),
      privacy: privacyVerdict(leak, synthetic.length),
    },
    warnings: warnings({ columns, target, holdout, utility: usable, tails, unseen }),
    utility: utilityResult.ok
      ? { ok: true, chiSquare, ...utilityResult.value }
      : { ok: false, error: utilityResult.error, chiSquare },
    privacy: {
      ...leak,
      dcrToTrain: summarise(leak.dcrToTrain),
      dcrToHoldout: summarise(leak.dcrToHoldout),
      figure: dcrFigure(leak.dcrToTrain, leak.dcrToHoldout),
      membership,
    },
    timingsMs: {
      fidelity: fidelityDone - start,
      utility: utilityDone - fidelityDone,
      privacy: end - utilityDone,
      total: end - start,
    },
  });
}

/**
 * The quality score a fresh sample of real rows gets: the held-out rows against the training rows, beside
 * as many synthetic rows (a seeded subsample) scored the same way, so the sample size weighs on both alike.
 */
function referenceQuality(data: EvaluationData, seed: number): QualityReference {
  const { columns, train, holdout, synthetic } = data;
  const rows = Math.min(holdout.length, synthetic.length);
  const order = permutation(synthetic.length, createRng(seed)).subarray(0, rows);
  const sample: Cell[][] = Array.from(order, (i) => synthetic[i]!);
  return {
    rows,
    heldOut: qualityReport(columns, train, holdout.slice(0, rows)).score,
    synthetic: qualityReport(columns, train, sample).score,
  };
}

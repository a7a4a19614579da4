import type { Cell } from '../../data/table';
import { createRng, permutation } from '../../rng';
import type { MetricColumn } from '../columns';
import { measured, notComputable, type Measure } from '../measure';
import { encodeFeatures, fitFeatureEncoder, rocAuc, trainClassifier } from '../ml/index';

/**
 * Can a classifier tell real rows from synthetic ones? A logistic regression is trained in 3-fold cross
 * validation (research notes, section 4); each fold's ROC AUC becomes 2·max(AUC, 0.5) − 1 and the detection
 * score is 1 minus their mean, so 1 means indistinguishable. The same out-of-fold probabilities give a
 * density-ratio estimate of the χ² divergence between the real and synthetic feature distributions
 * (utility theory, research notes section 3).
 */

export interface DetectionResult {
  /** 1 − mean(2·max(AUC, 0.5) − 1) over the folds. */
  score: Measure;
  foldAucs: Measure[];
  /** Estimate of χ²(P_real ‖ P_syn) = E_syn[(r − 1)²], r the estimated density ratio p_real / p_syn. */
  chiSquare: Measure;
}

export const DETECTION_FOLDS = 3;
/** Probabilities are clipped here so one confident row cannot send the ratio to infinity. */
export const PROBABILITY_CLIP = 0.01;

export const CHI_SQUARE_CAVEAT =
  'Read it as a lower bound: it is averaged over the synthetic rows with out-of-fold logistic-regression ' +
  `probabilities clipped to [${PROBABILITY_CLIP}, ${1 - PROBABILITY_CLIP}], so it misses differences a linear ` +
  'model cannot see and regions of the real data the generator never samples.';

export function detect(
  columns: readonly MetricColumn[],
  real: readonly Cell[][],
  synthetic: readonly Cell[][],
  seed: number,
): DetectionResult {
  if (real.length < DETECTION_FOLDS || synthetic.length < DETECTION_FOLDS) {
    const reason = `needs at least ${DETECTION_FOLDS} real and ${DETECTION_FOLDS} synthetic rows, one per fold`;
    return { score: notComputable(reason), foldAucs: [], chiSquare: notComputable(reason) };
  }
  const rows = [...real, ...synthetic];
  const isReal = rows.map((_, i) => i < real.length);
  // Stratified folds: real and synthetic rows are dealt to the folds separately.
  const rng = createRng(seed);
  const fold = new Int32Array(rows.length);
  const deal = (start: number, count: number) =>
    permutation(count, rng).forEach((r, position) => (fold[start + r] = position % DETECTION_FOLDS));
  deal(0, real.length);
  deal(real.length, synthetic.length);

  const pReal = new Float64Array(rows.length);
  const foldAucs: Measure[] = [];
  for (let f = 0; f < DETECTION_FOLDS; f++) {
    const trainRows = rows.filter((_, i) => fold[i] !== f);
    const testIndex = rows.flatMap((_, i) => (fold[i] === f ? [i] : []));
    const encoder = fitFeatureEncoder(columns, trainRows);
    const y = Int32Array.from(rows.flatMap((_, i) => (fold[i] !== f ? [isReal[i] ? 1 : 0] : [])));
    const model = trainClassifier(
      'linear',
      { x: encodeFeatures(encoder, trainRows), y, classCount: 2 },
      {
        seed: rng.seed(),
      },
    );
    const proba = model.predictProba(
      encodeFeatures(
        encoder,
        testIndex.map((i) => rows[i]!),
      ),
    );
    testIndex.forEach((row, j) => (pReal[row] = proba[j * 2 + 1]!));
    const auc = rocAuc(
      testIndex.map((_, j) => proba[j * 2 + 1]!),
      testIndex.map((i) => isReal[i]!),
    );
    foldAucs.push(auc);
  }
  // A fold that could not be scored makes the whole score unknown: its reason is the score's.
  const failed = foldAucs.find((auc) => !auc.ok);
  if (failed) return { score: failed, foldAucs, chiSquare: failed };
  const aucs = foldAucs.flatMap((auc) => (auc.ok ? [auc.value] : []));
  const score = 1 - aucs.reduce((s, auc) => s + (2 * Math.max(auc, 0.5) - 1), 0) / aucs.length;
  return {
    score: measured(score),
    foldAucs,
    chiSquare: measured(chiSquareFromProbabilities(pReal.subarray(real.length), real.length)),
  };
}

/**
 * χ²(P_real ‖ P_syn) = E_syn[(r − 1)²] with r = p/(1 − p) · n_syn/n_real: Bayes' rule turns the
 * classifier's P(real | x) into the density ratio once the class sizes are divided out.
 */
export function chiSquareFromProbabilities(pRealOfSynthetic: ArrayLike<number>, realCount: number): number {
  const n = pRealOfSynthetic.length;
  if (n === 0 || realCount === 0) return 0;
  const prior = n / realCount;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const p = Math.min(Math.max(pRealOfSynthetic[i]!, PROBABILITY_CLIP), 1 - PROBABILITY_CLIP);
    sum += ((p / (1 - p)) * prior - 1) ** 2;
  }
  return sum / n;
}

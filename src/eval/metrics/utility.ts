import { hasValue, type MetricColumn } from '../columns';
import type { Cell } from '../../data/table';
import { fail, ok, type Result } from '../../data/table';
import {
  MODEL_KINDS,
  classificationScores,
  encodeClasses,
  encodeFeatures,
  encodeValues,
  fitFeatureEncoder,
  modelName,
  regressionScores,
  trainClassifier,
  trainRegressor,
  type ClassificationScores,
  type ModelKind,
  type RegressionScores,
  classLevels,
} from '../ml/index';
import { rankByRisk, rankingConsistency, type RankingConsistency } from './ranking';

/**
 * Utility as "Utility Theory of Synthetic Data Generation" (Xu, Sun and Cheng, 2023) defines it: each model
 * class is trained once on the real training rows and once on as many synthetic rows, and both are tested on
 * the held-out real rows. The utility gap of a class is |risk(trained on synthetic) − risk(trained on real)|;
 * model-comparison consistency asks whether the classes rank the same way on both.
 * Risk: the error rate (0–1 loss) for classes, the mean squared error for numbers.
 */

export interface ModelUtility<S> {
  kind: ModelKind;
  name: string;
  /** Scores on the held-out rows of the model trained on real rows, and of the one trained on synthetic rows. */
  real: S;
  synthetic: S;
  riskReal: number;
  riskSynthetic: number;
  /** |riskSynthetic − riskReal|. */
  gap: number;
  /**
   * Half-width of the 95% interval of `riskReal` over the held-out rows (Wilson's for an error rate, 1.96
   * standard errors for a mean squared error): how far chance alone moves a risk measured on so few rows,
   * and so the smallest gap worth reading.
   */
  margin: number;
}

interface UtilityBase {
  target: string;
  trainRows: number;
  syntheticRows: number;
  testRows: number;
  consistency: RankingConsistency;
  /** Model names from lowest risk to highest, as learned from real and from synthetic rows. */
  realRanking: string[];
  syntheticRanking: string[];
  /** The held-out risk of a model that learns nothing from the rows, and what it answers. */
  baseline: { risk: number; rule: string };
}

export type UtilityResult =
  | (UtilityBase & {
      task: 'classification';
      risk: 'error rate';
      classes: string[];
      /** The class scored by precision, recall and F1 when there are two (the rarer in the real rows). */
      positiveClass: string | null;
      models: ModelUtility<ClassificationScores>[];
    })
  | (UtilityBase & {
      task: 'regression';
      risk: 'mean squared error';
      models: ModelUtility<RegressionScores>[];
    });

/** Called after each model is trained and tested: `done` of `total`, and what was just done. */
export type UtilityProgress = (done: number, total: number, label: string) => void;

export function utility(
  columns: readonly MetricColumn[],
  target: number,
  train: readonly Cell[][],
  synthetic: readonly Cell[][],
  holdout: readonly Cell[][],
  seed: number,
  onProgress: UtilityProgress = () => {},
): Result<UtilityResult> {
  const targetColumn = columns[target];
  if (!targetColumn) return fail('The report has no target column.');
  const withTarget = (rows: readonly Cell[][]) => rows.filter((r) => hasValue(r[target], targetColumn));
  const sets = { real: withTarget(train), synthetic: withTarget(synthetic), test: withTarget(holdout) };
  if (sets.real.length < 2 || sets.synthetic.length < 2 || sets.test.length < 1) {
    return fail(
      `Utility needs rows with a '${targetColumn.name}' value on every side: ${sets.real.length} real training, ` +
        `${sets.synthetic.length} synthetic and ${sets.test.length} held-out rows have one.`,
    );
  }
  const base = {
    target: targetColumn.name,
    trainRows: sets.real.length,
    syntheticRows: sets.synthetic.length,
    testRows: sets.test.length,
  };
  const total = MODEL_KINDS.length * 2;
  let done = 0;
  const step = (label: string) => onProgress(++done, total, label);

  // Each side gets its own feature encoding, fitted on the rows it trains on.
  const encode = (rows: Cell[][]) => {
    const encoder = fitFeatureEncoder(columns, rows, [target]);
    return { x: encodeFeatures(encoder, rows), test: encodeFeatures(encoder, sets.test) };
  };
  const real = encode(sets.real);
  const syn = encode(sets.synthetic);

  if (targetColumn.kind === 'categorical') {
    const classes = classLevels([sets.real, sets.synthetic, sets.test], target);
    const count = (rows: Cell[][], level: string) => rows.filter((r) => r[target] === level).length;
    const positiveClass =
      classes.length === 2
        ? count(sets.real, classes[0]!) < count(sets.real, classes[1]!)
          ? classes[0]!
          : classes[1]!
        : null;
    const positive = positiveClass === null ? 1 : classes.indexOf(positiveClass);
    const truth = encodeClasses(sets.test, target, classes);
    const scoreOf = (kind: ModelKind, side: typeof real, rows: Cell[][], label: string) => {
      const data = { x: side.x, y: encodeClasses(rows, target, classes), classCount: classes.length };
      const proba = trainClassifier(kind, data, { seed }).predictProba(side.test);
      step(label);
      return classificationScores(truth, proba, classes.length, positive);
    };
    const n = sets.test.length;
    const models = MODEL_KINDS.map((kind) => {
      const name = modelName(kind, 'classification');
      const r = scoreOf(kind, real, sets.real, `${name} on real rows`);
      const s = scoreOf(kind, syn, sets.synthetic, `${name} on synthetic rows`);
      const risk = 1 - r.accuracy;
      return withGap(kind, name, r, s, risk, 1 - s.accuracy, wilsonHalfWidth(risk, n));
    });
    // Always answering the training rows' most frequent class.
    const majority = classLevels([sets.real], target)[0]!;
    const baseline = { risk: 1 - count(sets.test, majority) / n, rule: `always answering "${majority}"` };
    return ok({
      ...base,
      ...rankings(models),
      baseline,
      task: 'classification',
      risk: 'error rate',
      classes,
      positiveClass,
      models,
    });
  }

  const truth = encodeValues(sets.test, target, targetColumn);
  const scoreOf = (kind: ModelKind, side: typeof real, rows: Cell[][], label: string) => {
    const y = encodeValues(rows, target, targetColumn);
    const predicted = trainRegressor(kind, { x: side.x, y }, { seed }).predict(side.test);
    step(label);
    return regressionScores(truth, predicted);
  };
  const models = MODEL_KINDS.map((kind) => {
    const name = modelName(kind, 'regression');
    const r = scoreOf(kind, real, sets.real, `${name} on real rows`);
    const s = scoreOf(kind, syn, sets.synthetic, `${name} on synthetic rows`);
    return withGap(kind, name, r, s, r.rmse ** 2, s.rmse ** 2, Z95 * r.mseStandardError);
  });
  // Always predicting the training rows' mean.
  const trainMean =
    encodeValues(sets.real, target, targetColumn).reduce((sum, v) => sum + v, 0) / sets.real.length;
  const meanRisk = truth.reduce((sum, v) => sum + (v - trainMean) ** 2, 0) / truth.length;
  const baseline = { risk: meanRisk, rule: 'always predicting the training mean' };
  return ok({
    ...base,
    ...rankings(models),
    baseline,
    task: 'regression',
    risk: 'mean squared error',
    models,
  });
}

/** The normal distribution's 97.5% quantile: ±1.96 standard errors hold 95% of estimates. */
const Z95 = 1.96;

/**
 * Half-width of the 95% Wilson score interval of a rate p measured on n rows (Wilson, 1927): unlike p ± 1.96·SE,
 * it does not shrink to nothing when a model makes no error on a few rows.
 */
export function wilsonHalfWidth(p: number, n: number): number {
  const z2 = Z95 * Z95;
  return (Z95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
}

function withGap<S>(
  kind: ModelKind,
  name: string,
  real: S,
  synthetic: S,
  riskReal: number,
  riskSynthetic: number,
  margin: number,
) {
  return {
    kind,
    name,
    real,
    synthetic,
    riskReal,
    riskSynthetic,
    gap: Math.abs(riskSynthetic - riskReal),
    margin,
  };
}

function rankings(models: { name: string; riskReal: number; riskSynthetic: number }[]) {
  const realRisks = models.map((m) => m.riskReal);
  const synRisks = models.map((m) => m.riskSynthetic);
  return {
    consistency: rankingConsistency(realRisks, synRisks),
    realRanking: rankByRisk(realRisks).map((i) => models[i]!.name),
    syntheticRanking: rankByRisk(synRisks).map((i) => models[i]!.name),
  };
}

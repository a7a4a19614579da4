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
  type FeatureColumn,
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
  columns: readonly FeatureColumn[],
  target: number,
  train: readonly Cell[][],
  synthetic: readonly Cell[][],
  holdout: readonly Cell[][],
  seed: number,
  onProgress: UtilityProgress = () => {},
): Result<UtilityResult> {
  const withTarget = (rows: readonly Cell[][]) => rows.filter((r) => r[target] != null);
  const sets = { real: withTarget(train), synthetic: withTarget(synthetic), test: withTarget(holdout) };
  const targetColumn = columns[target];
  if (!targetColumn) return fail('The report has no target column.');
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
    const models = MODEL_KINDS.map((kind) => {
      const name = modelName(kind, 'classification');
      const r = scoreOf(kind, real, sets.real, `${name} on real rows`);
      const s = scoreOf(kind, syn, sets.synthetic, `${name} on synthetic rows`);
      return withGap(kind, name, r, s, 1 - r.accuracy, 1 - s.accuracy);
    });
    return ok({
      ...base,
      ...rankings(models),
      task: 'classification',
      risk: 'error rate',
      classes,
      positiveClass,
      models,
    });
  }

  const truth = encodeValues(sets.test, target);
  const scoreOf = (kind: ModelKind, side: typeof real, rows: Cell[][], label: string) => {
    const predicted = trainRegressor(kind, { x: side.x, y: encodeValues(rows, target) }, { seed }).predict(
      side.test,
    );
    step(label);
    return regressionScores(truth, predicted);
  };
  const models = MODEL_KINDS.map((kind) => {
    const name = modelName(kind, 'regression');
    const r = scoreOf(kind, real, sets.real, `${name} on real rows`);
    const s = scoreOf(kind, syn, sets.synthetic, `${name} on synthetic rows`);
    return withGap(kind, name, r, s, r.rmse ** 2, s.rmse ** 2);
  });
  return ok({ ...base, ...rankings(models), task: 'regression', risk: 'mean squared error', models });
}

function withGap<S>(
  kind: ModelKind,
  name: string,
  real: S,
  synthetic: S,
  riskReal: number,
  riskSynthetic: number,
) {
  return { kind, name, real, synthetic, riskReal, riskSynthetic, gap: Math.abs(riskSynthetic - riskReal) };
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

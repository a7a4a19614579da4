import { hasValue, type MetricColumn } from '../columns';
import { fail, ok, type Cell, type Result } from '../../data/table';
import {
  classificationScores,
  encodeClasses,
  encodeFeatures,
  encodeValues,
  fitFeatureEncoder,
  regressionScores,
  trainClassifier,
  trainRegressor,
  type Matrix,
  type ModelKind,
  classLevels,
} from '../ml/index';
import { predictRidge, trainRidge } from '../ml/ridge';

/**
 * One quick utility figure: a downstream model trained on some rows (synthetic, or real for the
 * reference) and tested on held-out real rows. Precision, recall and F1 for a categorical target (of the
 * rarer class with two classes, macro-averaged with more), RMSE and R² for a numeric one. Cheap with the
 * linear models, so it can follow training live and score every run of a λ sweep.
 */
export type HeldOutUtility =
  | {
      task: 'classification';
      accuracy: number;
      precision: number;
      recall: number;
      f1: number;
      /** The class precision, recall and F1 are of (two classes), or null when macro-averaged. */
      positiveClass: string | null;
    }
  | { task: 'regression'; rmse: number; r2: number };

/**
 * The model trained on the rows: one of src/eval/ml's classes, or 'least-squares', a linear model fitted in
 * closed form (ridge regression; for classes, one ridge per class on 0/1 targets, the highest score
 * wins). Least squares costs a few milliseconds where logistic regression's 1,500 updates cost
 * hundreds, which is what a figure measured over and over during training can afford.
 */
export type UtilityModel = ModelKind | 'least-squares';

export function heldOutUtility(
  columns: readonly MetricColumn[],
  target: number,
  train: readonly Cell[][],
  holdout: readonly Cell[][],
  seed: number,
  kind: UtilityModel = 'linear',
): Result<HeldOutUtility> {
  const targetColumn = columns[target];
  if (!targetColumn) return fail('There is no target column to predict.');
  const withTarget = (rows: readonly Cell[][]) => rows.filter((r) => hasValue(r[target], targetColumn));
  const trainRows = withTarget(train);
  const testRows = withTarget(holdout);
  if (trainRows.length < 2 || testRows.length < 1) {
    return fail(
      `Utility needs rows with a '${targetColumn.name}' value: ${trainRows.length} training and ` +
        `${testRows.length} held-out rows have one.`,
    );
  }
  const encoder = fitFeatureEncoder(columns, trainRows, [target]);
  const x = encodeFeatures(encoder, trainRows);
  const test = encodeFeatures(encoder, testRows);

  if (targetColumn.kind === 'numeric') {
    const y = encodeValues(trainRows, target, targetColumn);
    const predicted =
      kind === 'least-squares'
        ? predictRidge(trainRidge(x, y, RIDGE_LAMBDA), test)
        : trainRegressor(kind, { x, y }, { seed }).predict(test);
    const { rmse, r2 } = regressionScores(encodeValues(testRows, target, targetColumn), predicted);
    if (!r2.ok) return fail(`R² is not computable: ${r2.reason}.`);
    return ok({ task: 'regression', rmse, r2: r2.value });
  }
  // Classes in held-out order of frequency, so the positive class (the rarer of two) is fixed by the real
  // rows alone and every run of a sweep is scored on the same one.
  const classes = classLevels([testRows, trainRows], target);
  const positiveClass = classes.length === 2 ? classes[1]! : null;
  const y = encodeClasses(trainRows, target, classes);
  const proba =
    kind === 'least-squares'
      ? leastSquaresScores(x, y, classes.length, test)
      : trainClassifier(kind, { x, y, classCount: classes.length }, { seed }).predictProba(test);
  const scores = classificationScores(encodeClasses(testRows, target, classes), proba, classes.length, 1);
  const { accuracy, precision, recall, f1 } = scores;
  return ok({ task: 'classification', accuracy, precision, recall, f1, positiveClass });
}

const RIDGE_LAMBDA = 1;

/** Row-major scores, one per class: a ridge regression per class on its 0/1 indicator. */
function leastSquaresScores(x: Matrix, y: Int32Array, classCount: number, test: Matrix): Float64Array {
  const out = new Float64Array(test.rows * classCount);
  for (let k = 0; k < classCount; k++) {
    const model = trainRidge(
      x,
      Float64Array.from(y, (c) => (c === k ? 1 : 0)),
      RIDGE_LAMBDA,
    );
    predictRidge(model, test).forEach((score, r) => (out[r * classCount + k] = score));
  }
  return out;
}

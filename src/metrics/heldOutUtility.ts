import { fail, ok, type Cell, type Result } from '../data/table';
import {
  classificationScores,
  encodeClasses,
  encodeFeatures,
  encodeValues,
  fitFeatureEncoder,
  regressionScores,
  trainClassifier,
  trainRegressor,
  type FeatureColumn,
  type ModelKind,
} from '../ml/index';

/**
 * One quick utility figure: a downstream model trained on some rows (synthetic, or real for the
 * reference) and tested on held-out real rows. Precision, recall and F1 for a categorical target (of the
 * rarer class with two classes, macro-averaged with more), RMSE and R² for a numeric one. Cheap with the
 * 'linear' model, so it can follow training live and score every run of a λ sweep.
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

/** The one number a frontier plots: F1 for classes, R² for numbers. */
export function utilityScore(utility: HeldOutUtility): number {
  return utility.task === 'classification' ? utility.f1 : utility.r2;
}

export function heldOutUtility(
  columns: readonly FeatureColumn[],
  target: number,
  train: readonly Cell[][],
  holdout: readonly Cell[][],
  seed: number,
  kind: ModelKind = 'linear',
): Result<HeldOutUtility> {
  const targetColumn = columns[target];
  if (!targetColumn) return fail('There is no target column to predict.');
  const withTarget = (rows: readonly Cell[][]) => rows.filter((r) => r[target] != null);
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
    const model = trainRegressor(kind, { x, y: encodeValues(trainRows, target) }, { seed });
    const { rmse, r2 } = regressionScores(encodeValues(testRows, target), model.predict(test));
    return ok({ task: 'regression', rmse, r2 });
  }
  // Classes in held-out order of frequency, so the positive class (the rarer of two) is fixed by the real
  // rows alone and every run of a sweep is scored on the same one.
  const classes = levelsByFrequency([testRows, trainRows], target);
  const positiveClass = classes.length === 2 ? classes[1]! : null;
  const model = trainClassifier(
    kind,
    { x, y: encodeClasses(trainRows, target, classes), classCount: classes.length },
    { seed },
  );
  const scores = classificationScores(
    encodeClasses(testRows, target, classes),
    model.predictProba(test),
    classes.length,
    1,
  );
  const { accuracy, precision, recall, f1 } = scores;
  return ok({ task: 'classification', accuracy, precision, recall, f1, positiveClass });
}

/** Every level in the given row sets, ordered by its count in the first set (then the order met). */
function levelsByFrequency(sets: readonly (readonly Cell[][])[], target: number): string[] {
  const counts = new Map<string, number>();
  sets.forEach((rows, s) => {
    for (const row of rows) {
      const level = row[target]!;
      counts.set(level, (counts.get(level) ?? 0) + (s === 0 ? 1 : 0));
    }
  });
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([level]) => level);
}

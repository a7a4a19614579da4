/** Shared shapes of the downstream models: a dense row-major matrix and the two kinds of labelled data. */

/** Row-major numbers: cell (r, c) is `data[r * cols + c]`. */
export interface Matrix {
  rows: number;
  cols: number;
  data: Float64Array;
}

/** Rows with a class index in [0, classCount) each. */
export interface ClassificationData {
  x: Matrix;
  y: Int32Array;
  classCount: number;
}

/** Rows with a number each. */
export interface RegressionData {
  x: Matrix;
  y: Float64Array;
}

export type Task = 'classification' | 'regression';

/** The downstream model classes; "linear" is logistic regression for classes and ridge for numbers. */
export type ModelKind = 'linear' | 'tree' | 'forest' | 'mlp' | 'knn';

export interface Classifier {
  kind: ModelKind;
  classCount: number;
  /** Row-major probabilities, `classCount` per row. */
  predictProba(x: Matrix): Float64Array;
}

export interface Regressor {
  kind: ModelKind;
  predict(x: Matrix): Float64Array;
}

export function matrix(rows: number, cols: number, data = new Float64Array(rows * cols)): Matrix {
  if (data.length !== rows * cols) throw new Error(`A ${rows}×${cols} matrix needs ${rows * cols} numbers.`);
  return { rows, cols, data };
}

/** Index of the largest of `width` values starting at `start`; the first on ties. */
export function argmax(values: ArrayLike<number>, start: number, width: number): number {
  let best = 0;
  for (let i = 1; i < width; i++) if (values[start + i]! > values[start + best]!) best = i;
  return best;
}

import { numericExtent, type Cell } from '../../data/table';
import { numericValue, type MetricColumn, type NumericMetricColumn } from '../columns';

/**
 * Does the generator leak its training rows? As SDMetrics defines it (research notes, section 4):
 * the distance to the closest record (DCR) of each synthetic row, where two cells differ by
 * |a − b| / range (capped at 1) for numbers and by 0 or 1 for categories, averaged over the columns.
 * A generator that learned the distribution lands as close to held-out rows it never saw as to its
 * training rows; one that memorised lands closer to the training rows.
 *
 * SDMetrics scores the share of synthetic rows closer to training rows as min(2·(1 − share), 1), which assumes
 * as many held-out rows as training rows. With fewer held-out rows (20% by default) the nearest real row is a
 * training row more often by chance alone: for a generator that copies nothing, every real row is equally
 * likely to be the nearest, so the expected share is b = n_train / (n_train + n_holdout). The score here is
 * min((1 − share) / (1 − b), 1): SDMetrics' formula when the sizes are equal, and fair when they are not.
 */

export interface PrivacyResult {
  /** Per synthetic row, DCR to the training rows and to the held-out rows. */
  dcrToTrain: Float64Array;
  dcrToHoldout: Float64Array;
  /** Share of synthetic rows closer to a training row than to any held-out row (ties count half). */
  shareCloserToTrain: number;
  /** The share expected of a generator that copies nothing: n_train / (n_train + n_holdout). */
  expectedShare: number;
  /** DCR overfitting protection, corrected for the sizes: min((1 − share) / (1 − expectedShare), 1). */
  score: number;
  /** SDMetrics' uncorrected score, min(2·(1 − share), 1), for comparison with its reports. */
  sdmetricsScore: number;
  /** Share of synthetic rows that copy a training row (numbers within 1%, like NewRowSynthesis). */
  copyRate: number;
  /** NewRowSynthesis: share of synthetic rows that match no real row, training or held out. */
  newRowSynthesis: number;
}

/** Numbers match within this share of the synthetic value (SDMetrics' numerical_match_tolerance). */
export const MATCH_TOLERANCE = 0.01;

export function privacy(
  columns: readonly MetricColumn[],
  train: readonly Cell[][],
  holdout: readonly Cell[][],
  synthetic: readonly Cell[][],
): PrivacyResult {
  const space = distanceSpace(columns, [...train, ...holdout]);
  const dcrToTrain = closestDistances(space, train, synthetic);
  const dcrToHoldout = closestDistances(space, holdout, synthetic);
  let closer = 0;
  for (let i = 0; i < synthetic.length; i++) {
    if (dcrToTrain[i]! < dcrToHoldout[i]!) closer++;
    else if (dcrToTrain[i] === dcrToHoldout[i]) closer += 0.5;
  }
  const shareCloserToTrain = synthetic.length > 0 ? closer / synthetic.length : 0;
  const expectedShare = train.length / Math.max(train.length + holdout.length, 1);
  const copiesOfTrain = matchesAny(columns, train);
  const copiesOfReal = matchesAny(columns, [...train, ...holdout]);
  const share = (test: (row: readonly Cell[]) => boolean) =>
    synthetic.length > 0 ? synthetic.filter(test).length / synthetic.length : 0;
  return {
    dcrToTrain,
    dcrToHoldout,
    shareCloserToTrain,
    expectedShare,
    score: Math.min((1 - shareCloserToTrain) / (1 - expectedShare), 1),
    sdmetricsScore: Math.min(2 * (1 - shareCloserToTrain), 1),
    copyRate: share(copiesOfTrain),
    newRowSynthesis: 1 - share(copiesOfReal),
  };
}

interface DistanceSpace {
  numeric: { index: number; column: NumericMetricColumn }[];
  categorical: number[];
  /** Per numeric column (in `numeric` order), its range over the real rows (0 when constant). */
  ranges: number[];
}

function distanceSpace(columns: readonly MetricColumn[], real: readonly Cell[][]): DistanceSpace {
  const numeric = numericColumns(columns);
  const categorical = columns.flatMap((c, i) => (c.kind === 'categorical' ? [i] : []));
  const ranges = numeric.map(({ index, column }) => {
    const { min, max } = numericExtent(real, index, (cell) => numericValue(cell, column) ?? NaN);
    return max > min ? max - min : 0;
  });
  return { numeric, categorical, ranges };
}

/**
 * Rows as typed arrays for the distance loop: numbers divided by their range (NaN when missing), categories
 * as codes shared by every table encoded with the same dictionary (−1 when missing).
 */
interface EncodedRows {
  count: number;
  numbers: Float64Array;
  codes: Int32Array;
}

function encodeForDistance(
  space: DistanceSpace,
  rows: readonly Cell[][],
  dictionary: Map<string, number>,
): EncodedRows {
  const nNum = space.numeric.length;
  const nCat = space.categorical.length;
  const numbers = new Float64Array(rows.length * nNum);
  const codes = new Int32Array(rows.length * nCat);
  rows.forEach((row, r) => {
    space.numeric.forEach(({ index, column }, k) => {
      const value = numericValue(row[index], column);
      // A constant column scales by 1: any difference from the constant counts in full (capped at 1).
      numbers[r * nNum + k] = value === null ? NaN : value / (space.ranges[k]! || 1);
    });
    space.categorical.forEach((c, k) => {
      const cell = row[c];
      if (cell == null) codes[r * nCat + k] = -1;
      else {
        // Keyed by column too, so equal labels in two columns stay distinct.
        const key = `${k}\u0000${cell}`;
        let code = dictionary.get(key);
        if (code === undefined) dictionary.set(key, (code = dictionary.size));
        codes[r * nCat + k] = code;
      }
    });
  });
  return { count: rows.length, numbers, codes };
}

/** The DCR of each query row to `reference`, numbers scaled by their range over `real`. */
export function distancesToClosest(
  columns: readonly MetricColumn[],
  reference: readonly Cell[][],
  query: readonly Cell[][],
  real: readonly Cell[][],
): Float64Array {
  return closestDistances(distanceSpace(columns, real), reference, query);
}

function closestDistances(
  space: DistanceSpace,
  reference: readonly Cell[][],
  query: readonly Cell[][],
): Float64Array {
  const nNum = space.numeric.length;
  const nCat = space.categorical.length;
  const width = nNum + nCat;
  const dictionary = new Map<string, number>();
  const ref = encodeForDistance(space, reference, dictionary);
  const q = encodeForDistance(space, query, dictionary);
  const out = new Float64Array(query.length);
  for (let i = 0; i < q.count; i++) {
    let best = Infinity;
    for (let r = 0; r < ref.count && best > 0; r++) {
      let sum = 0;
      // Categories first (cheap), and stop summing a row once it cannot beat the best so far.
      for (let k = 0; k < nCat && sum < best; k++) {
        const a = q.codes[i * nCat + k]!;
        if (a !== ref.codes[r * nCat + k]!) sum += 1;
      }
      for (let k = 0; k < nNum && sum < best; k++) {
        const a = q.numbers[i * nNum + k]!;
        const b = ref.numbers[r * nNum + k]!;
        if (a !== a || b !== b) sum += a !== a && b !== b ? 0 : 1;
        else sum += Math.min(Math.abs(a - b), 1);
      }
      if (sum < best) best = sum;
    }
    out[i] = ref.count > 0 && width > 0 ? best / width : 1;
  }
  return out;
}

/**
 * A test for "this row copies one of `real`": every category equal, every number within 1% of the
 * synthetic value, missing matching missing. Real rows are bucketed by their categories first.
 */
function matchesAny(
  columns: readonly MetricColumn[],
  real: readonly Cell[][],
): (row: readonly Cell[]) => boolean {
  const categorical = columns.flatMap((c, i) => (c.kind === 'categorical' ? [i] : []));
  const numeric = numericColumns(columns);
  const key = (row: readonly Cell[]) => JSON.stringify(categorical.map((i) => row[i] ?? null));
  // Each real row's numbers read once (null when missing), not once per comparison: dates are parsed text.
  const numbers = (row: readonly Cell[]) =>
    numeric.map(({ index, column }) => numericValue(row[index], column));
  const buckets = new Map<string, (number | null)[][]>();
  for (const row of real) {
    const k = key(row);
    const bucket = buckets.get(k);
    if (bucket) bucket.push(numbers(row));
    else buckets.set(k, [numbers(row)]);
  }
  const close = (a: number | null, b: number | null) =>
    a === null || b === null ? a === b : Math.abs(b - a) <= Math.abs(MATCH_TOLERANCE * a);
  return (row) => {
    const values = numbers(row);
    return (buckets.get(key(row)) ?? []).some((r) => values.every((v, k) => close(v, r[k] ?? null)));
  };
}

function numericColumns(columns: readonly MetricColumn[]): { index: number; column: NumericMetricColumn }[] {
  return columns.flatMap((column, index) => (column.kind === 'numeric' ? [{ index, column }] : []));
}

import { measured, notComputable, type Measure } from '../measure';
import { argmax } from './types';

/**
 * How well predictions match held-out truth. Classification: accuracy; balanced accuracy (the mean recall
 * of the classes in the truth, scikit-learn's balanced_accuracy_score), which a model that always answers
 * the majority class cannot push above 1/classes; precision, recall and F1 of the positive class for two
 * classes, macro-averaged over the classes seen in truth or prediction otherwise (as scikit-learn does);
 * ROC AUC, one-vs-rest macro for several classes. Regression: RMSE, MAE, R².
 */

export interface ClassificationScores {
  accuracy: number;
  balancedAccuracy: number;
  precision: number;
  recall: number;
  f1: number;
  /** Not computable when the truth holds a single class: no ranking can be judged. */
  rocAuc: Measure;
}

export interface RegressionScores {
  rmse: number;
  mae: number;
  /** Standard error of the mean squared error over these rows (the spread of squared errors / √n). */
  mseStandardError: number;
  /** Not computable when the truth is constant: there is no variance to explain. */
  r2: Measure;
}

/**
 * `proba` is row-major with `classCount` values per row. `positive` is the class scored for precision,
 * recall and F1 when there are two classes (the rarer one is the usual choice).
 */
export function classificationScores(
  truth: Int32Array,
  proba: Float64Array,
  classCount: number,
  positive = 1,
): ClassificationScores {
  const n = truth.length;
  const predicted = Int32Array.from({ length: n }, (_, i) => argmax(proba, i * classCount, classCount));
  const tp = new Float64Array(classCount);
  const actual = new Float64Array(classCount);
  const guessed = new Float64Array(classCount);
  let correct = 0;
  for (let i = 0; i < n; i++) {
    actual[truth[i]!]!++;
    guessed[predicted[i]!]!++;
    if (truth[i] === predicted[i]) {
      correct++;
      tp[truth[i]!]!++;
    }
  }
  const perClass = (k: number) => {
    const precision = guessed[k]! > 0 ? tp[k]! / guessed[k]! : 0;
    const recall = actual[k]! > 0 ? tp[k]! / actual[k]! : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    return { precision, recall, f1 };
  };
  let averaged: { precision: number; recall: number; f1: number };
  if (classCount === 2) averaged = perClass(positive);
  else {
    const seen = Array.from({ length: classCount }, (_, k) => k).filter((k) => actual[k]! + guessed[k]! > 0);
    const all = seen.map(perClass);
    const mean = (pick: (s: (typeof all)[number]) => number) =>
      all.reduce((s, v) => s + pick(v), 0) / Math.max(all.length, 1);
    averaged = { precision: mean((s) => s.precision), recall: mean((s) => s.recall), f1: mean((s) => s.f1) };
  }
  const present = Array.from({ length: classCount }, (_, k) => k).filter((k) => actual[k]! > 0);
  return {
    accuracy: n > 0 ? correct / n : 0,
    balancedAccuracy: present.reduce((sum, k) => sum + tp[k]! / actual[k]!, 0) / Math.max(present.length, 1),
    ...averaged,
    rocAuc: multiclassAuc(truth, proba, classCount, positive),
  };
}

function multiclassAuc(
  truth: Int32Array,
  proba: Float64Array,
  classCount: number,
  positive: number,
): Measure {
  const aucFor = (k: number) =>
    rocAuc(
      Float64Array.from(truth, (_, i) => proba[i * classCount + k]!),
      Array.from(truth, (t) => t === k),
    );
  if (classCount === 2) return aucFor(positive);
  // One-vs-rest over the classes the truth holds (scikit-learn refuses a class absent from the truth).
  const aucs = Array.from({ length: classCount }, (_, k) => aucFor(k)).flatMap((a) =>
    a.ok ? [a.value] : [],
  );
  return aucs.length > 1
    ? measured(aucs.reduce((s, a) => s + a, 0) / aucs.length)
    : notComputable(NEEDS_TWO_CLASSES);
}

const NEEDS_TWO_CLASSES = 'needs at least two classes in the held-out rows';

/**
 * Area under the ROC curve as the Mann–Whitney statistic: the chance that a random positive scores above a
 * random negative, ties counting half. Not computable without both positives and negatives, or when a
 * score is not a finite number (no order can be read from it).
 */
export function rocAuc(scores: ArrayLike<number>, positive: ArrayLike<boolean>): Measure {
  const n = scores.length;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(scores[i]!)) return notComputable('the classifier gave scores that are not numbers');
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1]!] === scores[order[i]!]) j++;
    // Tied scores share the mean of their ranks (1-based).
    const rank = (i + j) / 2 + 1;
    for (let t = i; t <= j; t++) {
      if (positive[order[t]!]) {
        positives++;
        rankSum += rank;
      }
    }
    i = j + 1;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return notComputable(NEEDS_TWO_CLASSES);
  return measured((rankSum - (positives * (positives + 1)) / 2) / (positives * negatives));
}

export function regressionScores(truth: ArrayLike<number>, predicted: ArrayLike<number>): RegressionScores {
  const n = truth.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += truth[i]! / n;
  let squared = 0;
  let fourth = 0;
  let absolute = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const e = truth[i]! - predicted[i]!;
    squared += e * e;
    fourth += e ** 4;
    absolute += Math.abs(e);
    total += (truth[i]! - mean) ** 2;
  }
  const mse = n > 0 ? squared / n : 0;
  return {
    rmse: Math.sqrt(mse),
    mae: n > 0 ? absolute / n : 0,
    mseStandardError: n > 1 ? Math.sqrt(Math.max(fourth / n - mse * mse, 0) / n) : 0,
    r2: total > 0 ? measured(1 - squared / total) : notComputable('the held-out target is constant'),
  };
}

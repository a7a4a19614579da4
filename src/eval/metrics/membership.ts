import type { Cell } from '../../data/table';
import { createRng, permutation, type Rng } from '../../rng';
import { rocAuc } from '../ml/scores';
import { distancesToClosest } from './privacy';
import type { MetricColumn } from '../columns';

/**
 * A membership-inference attack, run for real: can someone holding only the synthetic rows tell which
 * real rows the generator trained on? The attacker scores each candidate row by the distance to its
 * closest synthetic row (the DCR of privacy.ts), guessing "member" the closer it is: the full
 * black-box attack of GAN-Leaks (Chen et al., 2020), which needs no access to the model. Members are
 * training rows, non-members held-out rows the generator never saw, as many of each (a seeded sample
 * of the larger side). The result is the attack's ROC AUC: 0.5 means no membership signal, 1 that
 * every member is found. Its 95% interval is a percentile bootstrap, members and non-members resampled
 * separately, seeded. A differentially private generator bounds any such attack: at (ε, δ), an
 * attacker's true-positive rate is at most e^ε times its false-positive rate plus δ.
 */
export interface MembershipResult {
  auc: number;
  /** 95% percentile-bootstrap interval of the AUC. */
  interval: [number, number];
  /** Candidates on each side. */
  members: number;
  nonMembers: number;
  resamples: number;
}

export function membershipInference(
  columns: readonly MetricColumn[],
  train: readonly Cell[][],
  holdout: readonly Cell[][],
  synthetic: readonly Cell[][],
  seed: number,
  resamples = 200,
): MembershipResult {
  const rng = createRng(seed);
  const count = Math.min(train.length, holdout.length);
  const sample = (rows: readonly Cell[][]) =>
    Array.from(permutation(rows.length, rng).subarray(0, count), (i) => rows[i]!);
  const members = sample(train);
  const nonMembers = sample(holdout);
  // Distances scaled by the real rows' ranges, as DCR is; a closer synthetic row scores higher.
  const distances = distancesToClosest(
    columns,
    synthetic,
    [...members, ...nonMembers],
    [...train, ...holdout],
  );
  const scores = distances.map((d) => -d);
  const memberScores = scores.subarray(0, count);
  const nonMemberScores = scores.subarray(count);
  const auc = attackAuc(memberScores, nonMemberScores);
  const bootstrap = Float64Array.from({ length: resamples }, () =>
    attackAuc(resample(memberScores, rng), resample(nonMemberScores, rng)),
  ).sort();
  const at = (p: number) => bootstrap[Math.min(resamples - 1, Math.floor(p * resamples))]!;
  return { auc, interval: [at(0.025), at(0.975)], members: count, nonMembers: count, resamples };
}

function attackAuc(members: Float64Array, nonMembers: Float64Array): number {
  const scores = new Float64Array(members.length + nonMembers.length);
  scores.set(members);
  scores.set(nonMembers, members.length);
  const isMember = Array.from(scores, (_, i) => i < members.length);
  const auc = rocAuc(scores, isMember);
  // Both sides hold at least one row (the report needs a held-out row) and distances are finite numbers,
  // so the AUC always exists; a failure here is a bug, not a figure.
  if (!auc.ok) throw new Error(`The membership attack's AUC: ${auc.reason}.`);
  return auc.value;
}

function resample(values: Float64Array, rng: Rng): Float64Array {
  return Float64Array.from(values, () => values[rng.int(values.length)]!);
}

import { measured, notComputable, type Measure } from '../measure';

/**
 * Model-comparison consistency (utility theory, research notes section 3): do the model classes rank the
 * same when trained on synthetic rows as when trained on real rows? Over every pair of models, a pair is
 * concordant when both risks order the two models the same way and discordant when they disagree; pairs
 * tied on either side count as neither.
 */
export interface RankingConsistency {
  concordant: number;
  discordant: number;
  pairs: number;
  /** concordant / (concordant + discordant); not computable when every pair is tied on a side. */
  concordance: Measure;
  /** Kendall's τ-b, which corrects for ties; not computable when either side is all ties. */
  kendallTau: Measure;
}

export function rankingConsistency(a: readonly number[], b: readonly number[]): RankingConsistency {
  if (a.length !== b.length) throw new Error('Both rankings must score the same models.');
  let concordant = 0;
  let discordant = 0;
  let tiedA = 0;
  let tiedB = 0;
  let pairs = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = i + 1; j < a.length; j++) {
      pairs++;
      const da = Math.sign(a[i]! - a[j]!);
      const db = Math.sign(b[i]! - b[j]!);
      if (da === 0) tiedA++;
      if (db === 0) tiedB++;
      if (da !== 0 && db !== 0) {
        if (da === db) concordant++;
        else discordant++;
      }
    }
  }
  const decided = concordant + discordant;
  const denominator = Math.sqrt((pairs - tiedA) * (pairs - tiedB));
  return {
    concordant,
    discordant,
    pairs,
    concordance: decided > 0 ? measured(concordant / decided) : notComputable(ALL_TIED),
    kendallTau: denominator > 0 ? measured((concordant - discordant) / denominator) : notComputable(ALL_TIED),
  };
}

const ALL_TIED = 'every pair of models is tied on one side: there is no order to compare';

/** Indices of `risks` from lowest risk (best) to highest; ties keep their order. */
export function rankByRisk(risks: readonly number[]): number[] {
  return risks.map((_, i) => i).sort((i, j) => risks[i]! - risks[j]! || i - j);
}

import type { EvaluationReport } from '../../src/eval/report/types';
import { amount, percent, score } from './format';

/**
 * The report's numbers as labelled facts and table rows: the page and the HTML export lay out the same
 * facts, so the two never disagree.
 */

export interface Fact {
  label: string;
  value: string;
  /** What the number means, in one line. */
  hint: string;
}

export function fidelityFacts(report: EvaluationReport): Fact[] {
  const { quality, detection } = report.fidelity;
  return [
    {
      label: 'Quality score',
      value: score(quality.score),
      hint: 'Mean of column shapes and pair trends; 1 is a perfect match.',
    },
    {
      label: 'Column shapes',
      value: score(quality.shapeScore),
      hint: 'KSComplement for numbers, TVComplement for categories.',
    },
    {
      label: 'Pair trends',
      value: score(quality.pairScore),
      hint: 'CorrelationSimilarity and ContingencySimilarity over column pairs.',
    },
    {
      label: 'Detection score',
      value: score(detection.score),
      hint: `1 − mean(2·max(AUC, 0.5) − 1) of a logistic regression telling real from synthetic, 3-fold (AUCs ${detection.foldAucs.map((a) => a.toFixed(2)).join(', ')}); 1 means indistinguishable.`,
    },
  ];
}

export function privacyFacts(report: EvaluationReport): Fact[] {
  const p = report.privacy;
  return [
    {
      label: 'DCR to training rows',
      value: `median ${score(p.dcrToTrain.median)}, mean ${score(p.dcrToTrain.mean)}`,
      hint: 'Distance to the closest training row; 0 is an exact copy.',
    },
    {
      label: 'DCR to held-out rows',
      value: `median ${score(p.dcrToHoldout.median)}, mean ${score(p.dcrToHoldout.mean)}`,
      hint: 'Distance to the closest held-out row, which the generator never saw.',
    },
    {
      label: 'Closer to training',
      value: percent(p.shareCloserToTrain),
      hint: `Share of synthetic rows nearer a training row than any held-out row; ${percent(p.expectedShare)} is expected by chance with these sizes.`,
    },
    {
      label: 'Overfitting protection',
      value: score(p.score),
      hint: `min((1 − share) / (1 − ${p.expectedShare.toFixed(2)}), 1); 1 means no sign of memorised rows. SDMetrics' min(2·(1 − share), 1), which assumes equal sizes: ${score(p.sdmetricsScore)}.`,
    },
    {
      label: 'Exact-copy rate',
      value: percent(p.copyRate),
      hint: 'Synthetic rows equal to a training row (numbers within 1%).',
    },
    {
      label: 'Membership inference AUC',
      value: `${score(p.membership.auc)} (95% CI ${score(p.membership.interval[0])} to ${score(p.membership.interval[1])})`,
      hint: `An attacker holding the synthetic rows guesses which of ${p.membership.members.toLocaleString('en')} training and ${p.membership.nonMembers.toLocaleString('en')} held-out rows were trained on, by each one's distance to its closest synthetic row; 0.5 means no membership signal, 1 every member found.`,
    },
    {
      label: 'NewRowSynthesis',
      value: score(p.newRowSynthesis),
      hint: 'Share of synthetic rows matching no real row, training or held out.',
    },
  ];
}

export interface UtilityTable {
  headers: string[];
  /** Per model class, the row trained on real rows and the row trained on synthetic rows. */
  models: { name: string; real: string[]; synthetic: string[]; gap: string }[];
}

export function utilityTable(utility: Extract<EvaluationReport['utility'], { ok: true }>): UtilityTable {
  if (utility.task === 'classification') {
    return {
      headers: ['Accuracy', 'Precision', 'Recall', 'F1', 'ROC AUC', 'Risk'],
      models: utility.models.map((m) => {
        const cells = (s: typeof m.real, risk: number) => [
          score(s.accuracy),
          score(s.precision),
          score(s.recall),
          score(s.f1),
          score(s.rocAuc),
          score(risk),
        ];
        return {
          name: m.name,
          real: cells(m.real, m.riskReal),
          synthetic: cells(m.synthetic, m.riskSynthetic),
          gap: score(m.gap),
        };
      }),
    };
  }
  return {
    headers: ['RMSE', 'MAE', 'R²', 'Risk'],
    models: utility.models.map((m) => {
      const cells = (s: typeof m.real, risk: number) => [
        amount(s.rmse),
        amount(s.mae),
        score(s.r2),
        amount(risk),
      ];
      return {
        name: m.name,
        real: cells(m.real, m.riskReal),
        synthetic: cells(m.synthetic, m.riskSynthetic),
        gap: amount(m.gap),
      };
    }),
  };
}

/** One line on what was trained and how it is scored. */
export function utilityIntro(utility: Extract<EvaluationReport['utility'], { ok: true }>): string {
  const averaging =
    utility.task === 'classification'
      ? utility.positiveClass !== null
        ? ` Precision, recall and F1 are of the class "${utility.positiveClass}".`
        : ' Precision, recall, F1 and ROC AUC are macro-averaged (one-vs-rest AUC).'
      : '';
  return (
    `Each model class is trained on ${utility.trainRows.toLocaleString('en')} real training rows and on ` +
    `${utility.syntheticRows.toLocaleString('en')} synthetic rows, and both are tested on ` +
    `${utility.testRows.toLocaleString('en')} held-out real rows to predict "${utility.target}" ` +
    `(${utility.task}). Risk is the ${utility.risk}; the utility gap is |risk(synthetic) − risk(real)|.${averaging}`
  );
}

/** "2 of 4 pairs that both sides order (6 tied)": concordance counts only pairs neither side ties. */
export function concordanceText(consistency: {
  concordant: number;
  discordant: number;
  pairs: number;
}): string {
  const decided = consistency.concordant + consistency.discordant;
  const tied = consistency.pairs - decided;
  return `${consistency.concordant} of ${decided} pairs that both rankings order${tied > 0 ? ` (${tied} tied)` : ''}`;
}

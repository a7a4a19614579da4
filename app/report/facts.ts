import { privacyLabel, valueText, type EvaluationReport, type Measure, type Verdict } from '../../src/api';
import { amount, measure, NOT_COMPUTABLE, percent, score } from './format';

/**
 * The report's numbers as labelled facts and table rows: the page and the HTML export lay out the same
 * facts, so the two never disagree.
 */

export interface Fact {
  label: string;
  value: string;
  /** What the number means, in one line; for a figure that could not be computed, why. */
  hint: string;
  /** The figure in plain words (a headline figure), with the band it falls in. */
  verdict?: Verdict | null;
}

/** The hint of a figure: why it is missing, or what it means. */
const hintFor = (m: Measure, meaning: string): string => (m.ok ? meaning : `Not computable: ${m.reason}.`);

type UsableUtility = Extract<EvaluationReport['utility'], { ok: true }>;

export function fidelityFacts(report: EvaluationReport): Fact[] {
  const { quality, detection } = report.fidelity;
  const aucs = detection.foldAucs.map((a) => measure(a, (v) => v.toFixed(2))).join(', ');
  return [
    {
      label: 'Quality score',
      value: measure(quality.score),
      verdict: report.verdicts.quality,
      hint: hintFor(quality.score, 'Mean of column shapes and pair trends; 1 is a perfect match.'),
    },
    {
      label: 'Column shapes',
      value: measure(quality.shapeScore),
      hint: hintFor(quality.shapeScore, 'KSComplement for numbers, TVComplement for categories.'),
    },
    {
      label: 'Pair trends',
      value: measure(quality.pairScore),
      hint: hintFor(quality.pairScore, 'CorrelationSimilarity and ContingencySimilarity over column pairs.'),
    },
    {
      label: 'Detection score',
      value: measure(detection.score),
      verdict: report.verdicts.detection,
      hint: hintFor(
        detection.score,
        `1 − mean(2·max(AUC, 0.5) − 1) of a logistic regression telling real from synthetic, 3-fold ` +
          `(AUCs ${aucs}); 1 means indistinguishable.`,
      ),
    },
  ];
}

export function utilityFacts(report: EvaluationReport, utility: UsableUtility): Fact[] {
  const models: { gap: number }[] = utility.models;
  const gap = models.reduce((sum, m) => sum + m.gap, 0) / models.length;
  return [
    {
      label: 'Utility gap',
      value: utility.task === 'classification' ? score(gap) : amount(gap),
      verdict: report.verdicts.utility,
      hint:
        `|risk trained on synthetic − risk trained on real|, mean over the ${models.length} model classes ` +
        `(risk: ${utility.risk}); 0 means the synthetic rows teach as much as the real ones.`,
    },
  ];
}

/** The (ε, δ) the synthetic rows were trained under, in the report's summary line: "trained under (ε = …)-DP". */
export function trainingPrivacyText(model: EvaluationReport['model']): string {
  return model.privacy
    ? `trained under ${privacyLabel(model.privacy)}`
    : 'trained without differential privacy';
}

export function privacyFacts(report: EvaluationReport): Fact[] {
  const p = report.privacy;
  const dp = report.model.privacy;
  return [
    {
      label: 'Differential privacy',
      value: dp ? privacyLabel(dp) : 'none',
      hint: dp
        ? `The generator was trained with DP-SGD: any attack on these rows, the one below included, flags training rows as members at most e^ε times as often as held-out rows, plus δ. This report reads real rows and is itself not private.`
        : 'Trained without differential privacy: the figures below describe these rows, they guarantee nothing.',
    },
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
      verdict: report.verdicts.privacy,
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
  /** Why a cell reads "not computable", one line per distinct reason. */
  notes: string[];
}

export function utilityTable(utility: UsableUtility): UtilityTable {
  const notes = new Set<string>();
  const cell = (header: string, m: Measure, format?: (v: number) => string) => {
    if (!m.ok) notes.add(`${header} is ${NOT_COMPUTABLE}: ${m.reason}.`);
    return measure(m, format);
  };
  if (utility.task === 'classification') {
    const models = utility.models.map((m) => {
      const cells = (s: typeof m.real, risk: number) => [
        score(s.accuracy),
        score(s.balancedAccuracy),
        score(s.precision),
        score(s.recall),
        score(s.f1),
        cell('ROC AUC', s.rocAuc),
        score(risk),
      ];
      return {
        name: m.name,
        real: cells(m.real, m.riskReal),
        synthetic: cells(m.synthetic, m.riskSynthetic),
        gap: score(m.gap),
      };
    });
    return {
      headers: ['Accuracy', 'Balanced accuracy', 'Precision', 'Recall', 'F1', 'ROC AUC', 'Risk'],
      models,
      notes: [...notes],
    };
  }
  const models = utility.models.map((m) => {
    const cells = (s: typeof m.real, risk: number) => [
      amount(s.rmse),
      amount(s.mae),
      cell('R²', s.r2),
      amount(risk),
    ];
    return {
      name: m.name,
      real: cells(m.real, m.riskReal),
      synthetic: cells(m.synthetic, m.riskSynthetic),
      gap: amount(m.gap),
    };
  });
  return { headers: ['RMSE', 'MAE', 'R²', 'Risk'], models, notes: [...notes] };
}

/** One line on what was trained and how it is scored. */
export function utilityIntro(utility: UsableUtility): string {
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

/** Model-comparison consistency as one line: concordance and Kendall's τ, or why they are not computable. */
export function consistencyText(consistency: UsableUtility['consistency']): string {
  const { concordance, kendallTau } = consistency;
  const decided = consistency.concordant + consistency.discordant;
  const tied = consistency.pairs - decided;
  const pairs = `${consistency.concordant} of ${decided} pairs that both rankings order${tied > 0 ? ` (${tied} tied)` : ''}`;
  const concordanceText = concordance.ok
    ? `${score(concordance.value)} (${pairs})`
    : `${NOT_COMPUTABLE}: ${concordance.reason}`;
  const tau = kendallTau.ok ? score(kendallTau.value) : `${NOT_COMPUTABLE} (${kendallTau.reason})`;
  return `Concordant pairs: ${concordanceText} · Kendall τ: ${tau}`;
}

/** The numeric columns' ends, real against synthetic, as table rows. */
export function tailRows(
  report: EvaluationReport,
): { column: string; real: string[]; synthetic: string[] }[] {
  return report.fidelity.tails.map((t) => {
    const cells = (side: typeof t.real) =>
      [side.min, side.p1, side.p99, side.max].map((v) => valueText(v, t));
    return { column: t.column, real: cells(t.real), synthetic: cells(t.synthetic) };
  });
}

export const TAIL_HEADERS = ['Minimum', '1st percentile', '99th percentile', 'Maximum'];

/** The χ² estimate as one line. */
export function chiSquareText(utility: EvaluationReport['utility']): { value: string; text: string } {
  const { estimate, caveat } = utility.chiSquare;
  return {
    value: measure(estimate),
    text: estimate.ok
      ? '— the χ² divergence between the real and synthetic feature distributions, estimated from the density ' +
        `ratio of a real-vs-synthetic classifier (0 means the same distribution). ${caveat}`
      : `— the χ² divergence could not be estimated: ${estimate.reason}.`,
  };
}

/**
 * Where each verdict of the report draws its lines, and on whose authority: the report's help, the HTML
 * export and docs/report.md all state these, so a reader can check every word against its source.
 */

export interface Band {
  /** The words the report shows for a figure in this band. */
  words: string;
  tone: 'good' | 'fair' | 'poor';
  /** The band itself, in the figure's own terms ("AUC below 0.6"). */
  range: string;
}

export interface BandSet {
  figure: string;
  bands: Band[];
  source: string;
}

/**
 * Detection: the mean ROC AUC of the real-vs-synthetic logistic regression (the detection score is
 * 2 − 2·AUC). Kleinbaum and Klein grade a classifier's AUC as 0.5–0.6 fail, 0.6–0.7 poor, 0.7–0.8 fair,
 * 0.8–0.9 good and 0.9–1 excellent; a detector that fails is what a generator wants.
 */
export const DETECTION_BANDS = {
  figure: 'Detection score (from the mean AUC of a logistic regression telling real from synthetic rows)',
  bands: [
    { words: 'hard to tell apart', tone: 'good', range: 'AUC below 0.6 (score above 0.8)' },
    { words: 'a simple model tells them apart', tone: 'fair', range: 'AUC 0.6 to 0.8 (score 0.4 to 0.8)' },
    { words: 'easy to tell apart', tone: 'poor', range: 'AUC 0.8 or more (score 0.4 or less)' },
  ],
  source:
    'AUC grades of Kleinbaum and Klein, Logistic Regression: A Self-Learning Text, 3rd ed. (Springer, 2010), ' +
    'chapter 10: 0.5–0.6 fail, 0.6–0.7 poor, 0.7–0.8 fair, 0.8–0.9 good, 0.9–1 excellent discrimination; ' +
    'Hosmer, Lemeshow and Sturdivant, Applied Logistic Regression, 3rd ed. (Wiley, 2013), section 5.2.4, ' +
    'call 0.7–0.8 acceptable and 0.8 or more excellent.',
} as const satisfies BandSet;

/**
 * Quality: no fixed number says "good" for every table (SDV's documentation reads the score only against
 * 100% for identical data), so the score is read against held-out real rows scored the same way.
 */
export const QUALITY_BANDS = {
  figure:
    'Quality score, against held-out real rows scored the same way (as many synthetic rows as held-out rows)',
  bands: [
    {
      words: 'as close as real rows',
      tone: 'good',
      range: 'within 0.02 of the held-out rows’ score, or above it',
    },
    {
      words: 'somewhat less like the real rows',
      tone: 'fair',
      range: '0.02 to 0.10 below the held-out rows’ score',
    },
    {
      words: 'clearly less like the real rows',
      tone: 'poor',
      range: 'more than 0.10 below the held-out rows’ score',
    },
  ],
  source:
    'The reference follows MOSTLY AI’s open synthetic-data QA report (mostlyai-qa), which reads synthetic ' +
    'rows’ accuracy against a holdout of real rows; the 0.02 and 0.10 margins are this project’s choice ' +
    '(docs/report.md).',
} as const satisfies BandSet;

/** Utility: the mean utility gap against the noise of the held-out rows and against a model that learns nothing. */
export const UTILITY_BANDS = {
  figure: 'Utility gap, mean over the model classes',
  bands: [
    {
      words: 'as useful as the real rows',
      tone: 'good',
      range: 'gap within the 95% margin of a risk measured on the held-out rows',
    },
    {
      words: 'less useful than the real rows',
      tone: 'fair',
      range: 'gap beyond the margin; the best model trained on synthetic rows still beats the baseline',
    },
    {
      words: 'no more useful than guessing',
      tone: 'poor',
      range:
        'no model trained on synthetic rows beats the baseline (majority class, or the mean) by the margin',
    },
  ],
  source:
    'Utility gap as defined by Xu, Sun and Cheng, Utility Theory of Synthetic Data Generation (2023); the margin ' +
    'is the half-width of the 95% interval of the held-out risk: Wilson’s score interval (Wilson, 1927) for an ' +
    'error rate, 1.96 standard errors of the squared errors’ mean for a mean squared error.',
} as const satisfies BandSet;

/** Privacy: the share of synthetic rows nearer a training row than a held-out row, against chance. */
export const PRIVACY_BANDS = {
  figure: 'Share of synthetic rows closer to a training row than to any held-out row',
  bands: [
    {
      words: 'no sign of copied rows',
      tone: 'good',
      range: 'share within what chance gives (one-sided binomial test, 5%)',
    },
    {
      words: 'closer to the training rows than chance',
      tone: 'poor',
      range: 'share above what chance gives',
    },
  ],
  source:
    'DCR overfitting protection as SDMetrics defines it, with the share expected by chance, ' +
    'n_train / (n_train + n_holdout), as the reference; a one-sided binomial test at the 5% level.',
} as const satisfies BandSet;

/** The warnings' thresholds, stated once. */
export const WARNING_RULES = {
  imbalance:
    'A target whose scored class is under 20% of the held-out rows (two classes), or any class under 5% ' +
    '(more classes): Google’s Machine Learning Crash Course calls a minority of 1–20% moderate imbalance. F1 ' +
    'then says little on its own; balanced accuracy (the mean recall of the classes) is shown beside it.',
  holdout:
    'A held-out split too small to tell models apart: the 95% margin of the best real-trained model’s risk ' +
    'is above 0.05 (error rate), or above 10% of it (mean squared error).',
  tail:
    'A numeric column whose synthetic rows never reach the real rows’ top or bottom 1% (synthetic maximum ' +
    'below the real 99th percentile, or minimum above the 1st) and stop short of the real extreme by more ' +
    'than a tenth of the real range. A generator that matched the distribution would miss the top 1% of n ' +
    'synthetic rows with chance 0.99^n (under 5% from 300 rows); the tenth keeps a near miss quiet.',
  categories:
    'A category of the training rows that no synthetic row has, though at least 3 would be expected from ' +
    'its share (a generator that matched the shares would miss it with chance under 5%).',
} as const;

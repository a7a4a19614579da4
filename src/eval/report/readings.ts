import type { Cell } from '../../data/table';
import { formatTime } from '../../data/time';
import { numericValues, type MetricColumn } from '../columns';
import type { DetectionResult } from '../metrics/detection';
import type { PrivacyResult } from '../metrics/privacy';
import type { UtilityResult } from '../metrics/utility';
import { DETECTION_BANDS, PRIVACY_BANDS, QUALITY_BANDS, UTILITY_BANDS, type Band } from './bands';
import { MISSING_LEVEL } from './figures';
import type { QualityReference, ReportWarning, Tail, TailFigure, UnseenLevels, Verdict } from './types';

/**
 * What the report's figures mean: a verdict in plain words beside each headline figure (bands and sources
 * in bands.ts), and warnings where a figure would mislead on its own.
 */

const verdict = (band: Band, detail: string): Verdict => ({ words: band.words, tone: band.tone, detail });

export function detectionVerdict(detection: Pick<DetectionResult, 'score'>): Verdict | null {
  if (!detection.score.ok) return null;
  // The score is 1 − mean(2·max(AUC, 0.5) − 1): the mean (floored) AUC is 1 − score / 2.
  const auc = 1 - detection.score.value / 2;
  const [hard, simple, easy] = DETECTION_BANDS.bands;
  const band = auc < 0.6 ? hard : auc < 0.8 ? simple : easy;
  return verdict(band, `mean AUC ${auc.toFixed(2)}`);
}

export function qualityVerdict(reference: QualityReference): Verdict | null {
  const { heldOut, synthetic } = reference;
  if (!heldOut.ok || !synthetic.ok) return null;
  const below = heldOut.value - synthetic.value;
  const [close, somewhat, clearly] = QUALITY_BANDS.bands;
  const band = below <= 0.02 ? close : below <= 0.1 ? somewhat : clearly;
  return verdict(
    band,
    `${reference.rows.toLocaleString('en')} held-out real rows score ${heldOut.value.toFixed(3)}, ` +
      `as many synthetic rows ${synthetic.value.toFixed(3)}`,
  );
}

export function utilityVerdict(utility: UtilityResult): Verdict {
  const models: { gap: number; margin: number; riskSynthetic: number }[] = utility.models;
  const mean = (pick: (m: (typeof models)[number]) => number) =>
    models.reduce((sum, m) => sum + pick(m), 0) / models.length;
  const gap = mean((m) => m.gap);
  const margin = mean((m) => m.margin);
  const bestSynthetic = Math.min(...models.map((m) => m.riskSynthetic));
  const [useful, less, guessing] = UTILITY_BANDS.bands;
  const format = (v: number) => (utility.task === 'classification' ? v.toFixed(3) : v.toPrecision(3));
  const detail = `mean gap ${format(gap)}, margin ±${format(margin)}; ${utility.baseline.rule} risks ${format(utility.baseline.risk)}`;
  if (gap <= margin) return verdict(useful, detail);
  if (bestSynthetic >= utility.baseline.risk - margin) return verdict(guessing, detail);
  return verdict(less, detail);
}

export function privacyVerdict(
  privacy: Pick<PrivacyResult, 'shareCloserToTrain' | 'expectedShare'>,
  rows: number,
): Verdict {
  const b = privacy.expectedShare;
  // One-sided binomial test at 5% (normal approximation): z = 1.645.
  const limit = b + 1.645 * Math.sqrt((b * (1 - b)) / Math.max(rows, 1));
  const [fine, closer] = PRIVACY_BANDS.bands;
  const detail = `${percent(privacy.shareCloserToTrain)} closer to a training row; chance gives ${percent(b)}, up to ${percent(limit)}`;
  return verdict(privacy.shareCloserToTrain <= limit ? fine : closer, detail);
}

/** Per numeric column, both ends of the real (training) and synthetic distributions. */
export function tailFigures(
  columns: readonly MetricColumn[],
  real: readonly Cell[][],
  synthetic: readonly Cell[][],
): TailFigure[] {
  return columns.flatMap((column, c) => {
    if (column.kind !== 'numeric') return [];
    const r = numericValues(real, c, column);
    const s = numericValues(synthetic, c, column);
    if (r.length === 0 || s.length === 0) return [];
    return [
      {
        column: column.name,
        ...(column.time ? { time: column.time } : {}),
        real: tail(r),
        synthetic: tail(s),
      },
    ];
  });
}

function tail(values: number[]): Tail {
  const sorted = Float64Array.from(values).sort();
  return { min: sorted[0]!, p1: quantile(sorted, 0.01), p99: quantile(sorted, 0.99), max: sorted.at(-1)! };
}

/** The q-quantile of sorted values, interpolating linearly between order statistics (NumPy's default). */
export function quantile(sorted: Float64Array, q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** Per categorical column, the training rows' categories that no synthetic row has, most common first. */
export function unseenLevels(
  columns: readonly MetricColumn[],
  real: readonly Cell[][],
  synthetic: readonly Cell[][],
): UnseenLevels[] {
  return columns.flatMap((column, c) => {
    if (column.kind !== 'categorical' || real.length === 0) return [];
    const generated = new Set(synthetic.map((row) => row[c] ?? MISSING_LEVEL));
    const counts = new Map<string, number>();
    for (const row of real) {
      const level = row[c] ?? MISSING_LEVEL;
      counts.set(level, (counts.get(level) ?? 0) + 1);
    }
    const levels = [...counts]
      .filter(([level]) => !generated.has(level))
      .sort((a, b) => b[1] - a[1])
      .map(([level, count]) => ({
        level,
        share: count / real.length,
        expected: (count / real.length) * synthetic.length,
      }));
    return levels.length > 0 ? [{ column: column.name, levels }] : [];
  });
}

/** A missed tail is reported when the synthetic rows stop this share of the real range short of its end. */
const TAIL_REACH = 0.1;

/** At least this many synthetic rows expected for an absent category to be worth a warning (e^−3 ≈ 5%). */
const EXPECTED_FOR_WARNING = 3;

export function warnings(input: {
  columns: readonly MetricColumn[];
  target: number;
  holdout: readonly Cell[][];
  /** Null when the rows could not support the model comparison. */
  utility: UtilityResult | null;
  tails: readonly TailFigure[];
  unseen: readonly UnseenLevels[];
}): ReportWarning[] {
  const out: ReportWarning[] = [];
  const { utility } = input;
  if (utility?.task === 'classification') {
    const imbalance = imbalanceWarning(utility, input.holdout, input.target);
    if (imbalance) out.push(imbalance);
  }
  if (utility) {
    const holdout = holdoutWarning(utility);
    if (holdout) out.push(holdout);
  }
  for (const t of input.tails) {
    const ends: string[] = [];
    const reach = TAIL_REACH * (t.real.max - t.real.min);
    if (t.synthetic.max < t.real.p99 && t.real.max - t.synthetic.max > reach)
      ends.push(
        `the synthetic rows top out at ${valueText(t.synthetic.max, t)}, below the real 99th percentile ` +
          `${valueText(t.real.p99, t)} (real maximum ${valueText(t.real.max, t)})`,
      );
    if (t.synthetic.min > t.real.p1 && t.synthetic.min - t.real.min > reach)
      ends.push(
        `the synthetic rows start at ${valueText(t.synthetic.min, t)}, above the real 1st percentile ` +
          `${valueText(t.real.p1, t)} (real minimum ${valueText(t.real.min, t)})`,
      );
    if (ends.length > 0)
      out.push({
        kind: 'tail',
        column: t.column,
        text: `'${t.column}': ${ends.join('; ')}. The column's score hides a missing tail.`,
      });
  }
  for (const u of input.unseen) {
    const telling = u.levels.filter((l) => l.expected >= EXPECTED_FOR_WARNING);
    if (telling.length === 0) continue;
    const shown = telling
      .slice(0, 5)
      .map(
        (l) =>
          `"${l.level}" (${percent(l.share)} of the real rows, about ${Math.round(l.expected)} expected)`,
      );
    const more = telling.length > shown.length ? ` and ${telling.length - shown.length} more` : '';
    out.push({
      kind: 'categories',
      column: u.column,
      text:
        `'${u.column}': no synthetic row has ${shown.join(', ')}${more}; "expected" is the count a ` +
        'generator that kept the real shares would make.',
    });
  }
  return out;
}

function imbalanceWarning(
  utility: Extract<UtilityResult, { task: 'classification' }>,
  holdout: readonly Cell[][],
  target: number,
): ReportWarning | null {
  const rows = holdout.filter((r) => r[target] != null);
  const share = (level: string) => rows.filter((r) => r[target] === level).length / Math.max(rows.length, 1);
  const two = utility.classes.length === 2;
  const scored = two ? utility.positiveClass! : [...utility.classes].sort((a, b) => share(a) - share(b))[0]!;
  const limit = two ? 0.2 : 0.05;
  if (share(scored) >= limit) return null;
  const noneFound = utility.models.every((m) => m.real.f1 === 0);
  return {
    kind: 'imbalance',
    text:
      `The target '${utility.target}' is imbalanced: "${scored}" is ${percent(share(scored))} of the ` +
      `held-out rows. ` +
      (noneFound
        ? `Every model, the ones trained on real rows too, scores F1 = 0 for it: none predicts "${scored}" ` +
          'for a held-out row it should, so F1 cannot compare real and synthetic rows here. '
        : `F1 ${two ? `of "${scored}"` : 'averaged over the classes'} rests on few rows and says little on its own. `) +
      'Read balanced accuracy (the mean recall of the classes; guessing the majority gives ' +
      `${(1 / utility.classes.length).toFixed(2)}) and ROC AUC beside it.`,
  };
}

function holdoutWarning(utility: UtilityResult): ReportWarning | null {
  const models: { riskReal: number; margin: number; name: string }[] = utility.models;
  const best = models.reduce((a, b) => (b.riskReal < a.riskReal ? b : a));
  const tooWide = utility.task === 'classification' ? best.margin > 0.05 : best.margin > 0.1 * best.riskReal;
  if (!tooWide) return null;
  const margin = utility.task === 'classification' ? best.margin.toFixed(3) : best.margin.toPrecision(3);
  return {
    kind: 'holdout',
    text:
      `Only ${utility.testRows.toLocaleString('en')} held-out rows: the best real-trained model's ${utility.risk} ` +
      `is known to ±${margin} (95%), so utility gaps and rankings closer than that are chance. A larger ` +
      'held-out share (Data panel) narrows it.',
  };
}

const percent = (v: number) => `${(v * 100).toFixed(1)}%`;

/** A value of a numeric column as its cells write it: a date as a date, a number with a few digits. */
export function valueText(value: number, column: { time?: TailFigure['time'] }): string {
  if (column.time) return formatTime(value, column.time);
  return Math.abs(value) >= 1000
    ? Math.round(value).toLocaleString('en')
    : String(Number(value.toPrecision(4)));
}

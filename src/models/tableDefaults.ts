/*
 * Settings that fit the loaded table: which model to start on and how large to make it, each with the
 * one-line reason the Model panel shows. Plain data, no TensorFlow.js: the page derives them (through
 * src/api) from the table view the worker sends. Figures behind the rules: docs/benchmarks.md
 * ("Defaults that fit the table", `npm run bench:defaults`).
 */
import type { ColumnSchema } from '../data/schema';
import { defaultSettings, type ModelId, type TrainingSettings } from './catalog';

/** What the rules read of a table. */
export interface TableFacts {
  /** Rows with a target value that the generator trains on, after the hold-out (data/readiness.ts). */
  trainingRows: number;
  columns: readonly ColumnSchema[];
  target: number;
}

export interface DerivedSettings {
  settings: TrainingSettings;
  /** One line per derived setting, by field path; 'model' says why the model was chosen. */
  reasons: Record<string, string>;
}

/** Below this many training rows, the quick defaults (the demo tables' and any table as small). */
export const QUICK_TABLE_ROWS = 2000;
/** A large table's run is planned at about this many steps (epochs follow from the batch size). */
export const PLANNED_STEPS = 3000;
/**
 * Batches are at most this share of the training rows: a large table's epoch has at least ten steps (so
 * checks and early stopping see several epochs); a small table's batch keeps its quick default unless it
 * would not leave two steps an epoch.
 */
const MAX_BATCH_SHARE = { large: 0.1, small: 0.5 } as const;
/** The CGAN's (and DSF-GAN's) settings on a large table, measured on Adult. */
const LARGE_TABLE_CGAN = {
  gumbelTau: 0.2,
  learningRates: { generator: 2e-4, discriminator: 2e-4 },
} as const;
/** Early stopping's patience on a large table, in epochs. */
const LARGE_TABLE_PATIENCE = 10;

const count = (n: number) => n.toLocaleString('en');

/** The facts of the worker's table view: its readiness counts the training rows after the hold-out. */
export function tableFacts(view: {
  readiness: { trainingRows: number };
  columns: readonly ColumnSchema[];
  target: number;
}): TableFacts {
  return { trainingRows: view.readiness.trainingRows, columns: view.columns, target: view.target };
}

/**
 * The model a table starts on: the CGAN, with the quick defaults on a small table and CTGAN's ideas for
 * large ones (Gumbel-softmax categories, mode-specific numbers, slower steps) from QUICK_TABLE_ROWS up.
 * At the same CPU time it beat the CTGAN-style model on Adult, bank-full and the bench's generated table
 * (docs/benchmarks.md, "Defaults at the same CPU time"): its steps cost a thirtieth as much, so it takes
 * many more of them in the minutes a user waits.
 */
export function suggestedModel(facts: TableFacts): { model: ModelId; reason: string } {
  if (facts.trainingRows < QUICK_TABLE_ROWS)
    return {
      model: 'cgan',
      reason: `A small table (${count(facts.trainingRows)} training rows): the CGAN learns it in well under a minute.`,
    };
  const rarest = rarestTargetShare(facts);
  const rare =
    rarest !== null && rarest < 0.1 ? `; its rarest target class is ${percent(rarest)} of rows` : '';
  return {
    model: 'cgan',
    reason:
      `${count(facts.trainingRows)} training rows${rare}: the CGAN with CTGAN's ideas for large tables ` +
      "learns a table this size best in the minutes you wait: its steps are far cheaper than the CTGAN-style model's.",
  };
}

/** Settings for `model` (by default the suggested one) that fit the table, with their reasons. */
export function derivedSettings(facts: TableFacts, model?: ModelId): DerivedSettings {
  const suggested = suggestedModel(facts);
  const chosen = model ?? suggested.model;
  const settings: TrainingSettings = defaultSettings(chosen);
  const reasons: Record<string, string> = {};
  if (chosen === suggested.model) reasons.model = suggested.reason;
  if (facts.trainingRows < QUICK_TABLE_ROWS) {
    const batch = fitBatch(settings, facts.trainingRows, MAX_BATCH_SHARE.small);
    if (batch.reason) reasons.batchSize = batch.reason;
    settings.batchSize = batch.size;
    return { settings, reasons };
  }
  if (settings.model === 'ctgan') {
    const width = encodedWidth(facts.columns);
    const sizes = width <= 64 ? [128, 128] : [256, 256];
    settings.generatorSizes = sizes;
    settings.criticSizes = [...sizes];
    reasons.generatorSizes = `${sizes.join(', ')}: rows about ${count(width)} numbers wide once encoded.`;
    reasons.criticSizes = reasons.generatorSizes;
    reasons.noiseSize = "CTGAN's 128.";
  }
  if (settings.model === 'cgan' || settings.model === 'dsfgan') {
    // Adult, 1,500 steps (docs/benchmarks.md, "The CGAN on a large table"): 0.744 quality with the quick
    // defaults, 0.880 with these three; the demo tables keep the quick ones (mode-specific numbers cost
    // penguins 0.04, and Gumbel-softmax gained nothing there).
    settings.gumbelTau = LARGE_TABLE_CGAN.gumbelTau;
    settings.numericEncoding = 'modes';
    settings.learningRates = { ...LARGE_TABLE_CGAN.learningRates };
    reasons.gumbelTau =
      `${LARGE_TABLE_CGAN.gumbelTau}: categories drawn as Gumbel-softmax samples, as CTGAN does; a plain ` +
      'softmax writes the likeliest level of every column ever more often on a table this size.';
    reasons.numericEncoding =
      'Mode-specific: a Gaussian mixture per number column, so long tails and spikes (a capital gain ' +
      'mostly 0) are not one z-score.';
    reasons['learningRates.generator'] =
      `${LARGE_TABLE_CGAN.learningRates.generator}: slower, steadier steps; at the quick 0.001 the ` +
      'quality on a large table rose, then fell.';
    reasons['learningRates.discriminator'] = reasons['learningRates.generator'];
  }
  const batch = fitBatch(settings, facts.trainingRows, MAX_BATCH_SHARE.large);
  settings.batchSize = batch.size;
  reasons.batchSize =
    batch.reason ??
    (settings.model === 'ctgan'
      ? `${settings.batchSize}, CTGAN's batch size.`
      : `${settings.batchSize}: small batches, many cheap steps in the minutes you wait.`);
  const stepsPerEpoch = Math.ceil(facts.trainingRows / settings.batchSize);
  settings.epochs = Math.min(300, Math.max(10, Math.round(PLANNED_STEPS / stepsPerEpoch)));
  reasons.epochs =
    `About ${count(settings.epochs * stepsPerEpoch)} steps (${count(stepsPerEpoch)} an epoch): minutes on a ` +
    "laptop's CPU, not hours.";
  settings.patience = LARGE_TABLE_PATIENCE;
  reasons.patience = `Ends the run once the fixed batch's quality has not improved for ${LARGE_TABLE_PATIENCE} epochs.`;
  if ('likelihoodEpochs' in settings) {
    // PPO-GAN: its likelihood stage kept at 40 of fewer epochs left no PPO round, and Train refused.
    const quick = defaultSettings('ppogan');
    const stage1 = Math.round((settings.epochs * quick.likelihoodEpochs) / quick.epochs);
    settings.likelihoodEpochs = Math.max(1, Math.min(settings.epochs - 1, stage1));
    reasons.likelihoodEpochs =
      `${settings.likelihoodEpochs} of the ${settings.epochs} epochs, the default's share ` +
      `(${quick.likelihoodEpochs} of ${quick.epochs}): the rest are PPO rounds.`;
  }
  return { settings, reasons };
}

/**
 * The family's batch size, made to fit: at most `share` of the training rows (and at least one pack of
 * a packed critic), a multiple of its pac.
 */
function fitBatch(
  settings: TrainingSettings,
  trainingRows: number,
  share: number,
): { size: number; reason: string | null } {
  const pac = 'pac' in settings ? settings.pac : 1;
  const cap = Math.floor((trainingRows * share) / pac) * pac;
  if (settings.batchSize <= cap) return { size: settings.batchSize, reason: null };
  const size = Math.max(pac, cap);
  const multiple = pac > 1 ? `, a multiple of pac (${pac})` : '';
  const part = share === 0.5 ? 'half' : 'a tenth';
  return {
    size,
    reason: `${size}: at most ${part} of the ${count(trainingRows)} training rows${multiple}.`,
  };
}

/** Numbers per encoded row, as the tabular encoder writes them (one-hot levels; a value and about ten modes per number). */
export function encodedWidth(columns: readonly ColumnSchema[]): number {
  return columns.reduce((width, c) => {
    if (c.kind === 'categorical') return width + c.levels.length + (c.missing > 0 ? 1 : 0);
    if (c.kind === 'numeric') return width + 11 + (c.missing > 0 ? 2 : 0);
    return width;
  }, 0);
}

function rarestTargetShare({ columns, target }: TableFacts): number | null {
  const column = columns[target];
  if (column?.kind !== 'categorical' || column.counts.length < 2) return null;
  const total = column.counts.reduce((s, n) => s + n, 0);
  return total > 0 ? Math.min(...column.counts) / total : null;
}

const percent = (x: number) => `${x < 0.01 ? (x * 100).toFixed(1) : Math.round(x * 100)}%`;

import { DEFAULT_FEEDBACK, feedbackProblems, type FeedbackSettings } from './dsfgan/feedback';
import type { LearningRates } from './model';
import type { PrivacyThresholds } from './tablegan/information';

/** What every model is set with. */
interface CommonSettings {
  epochs: number;
  batchSize: number;
  learningRates: LearningRates;
  seed: number;
}

/** The course assignment's conditional GAN: MLPs of `hiddenSizes` for both players. */
export interface CganTrainingSettings extends CommonSettings {
  model: 'cgan';
  noiseSize: number;
  hiddenSizes: number[];
  dropout: number;
}

/** wgan-gp: Wasserstein critic with gradient penalty (λ = 10). cross-entropy: the standard discriminator. */
export type CriticLoss = 'wgan-gp' | 'cross-entropy';

/** CTGAN (Xu et al., 2019), as its reference code builds it. */
export interface CtganTrainingSettings extends CommonSettings {
  model: 'ctgan';
  noiseSize: number;
  /** Widths of the generator's residual blocks. */
  generatorSizes: number[];
  criticSizes: number[];
  /** Dropout in the critic (the generator has batch norm instead). */
  dropout: number;
  critic: CriticLoss;
  /** PacGAN: the critic judges this many rows at once; the batch size must be a multiple of it. */
  pac: number;
  /** modes: CTGAN's mode-specific normalisation; standard: z-scores. */
  numericEncoding: 'modes' | 'standard';
  /** Gumbel-softmax temperature of the generator's one-hot outputs. */
  gumbelTau: number;
}

/** DSF-GAN (Perets and Rappoport, 2024): the CGAN plus λ times a downstream model's loss on its rows. */
export interface DsfganTrainingSettings extends Omit<CganTrainingSettings, 'model'> {
  model: 'dsfgan';
  feedback: FeedbackSettings;
}

/** table-GAN (Park et al., 2018): rows as d×d images, convolutional networks, a label classifier. */
export interface TableganTrainingSettings extends CommonSettings {
  model: 'tablegan';
  noiseSize: number;
  /** Filters of the first convolution; the second has twice as many. */
  channels: number;
  /** cross-entropy is the paper's discriminator; wgan-gp a documented variant. */
  critic: CriticLoss;
  classifierLearningRate: number;
  /** The information loss's thresholds δ_mean and δ_sd: larger is a looser copy, more privacy. */
  privacy: PrivacyThresholds;
}

/**
 * Everything a user sets before training, one variant per model, so a setting exists only for the
 * model that reads it. With the same table, settings and seed a run repeats exactly.
 */
export type TrainingSettings =
  | CganTrainingSettings
  | CtganTrainingSettings
  | DsfganTrainingSettings
  | TableganTrainingSettings;
export type ModelId = TrainingSettings['model'];

/** Sized so the demo tables train to a recognisable result in well under a minute on two CPU cores. */
export const DEFAULT_SETTINGS: CganTrainingSettings = {
  model: 'cgan',
  epochs: 300,
  batchSize: 64,
  learningRates: { generator: 1e-3, discriminator: 1e-3 },
  noiseSize: 16,
  hiddenSizes: [64, 64],
  dropout: 0.1,
  seed: 42,
};

/** CTGAN's published defaults (batch 500, Adam 2e-4, pac 10, τ = 0.2), with fewer epochs than its 300. */
export const CTGAN_DEFAULTS: CtganTrainingSettings = {
  model: 'ctgan',
  epochs: 100,
  batchSize: 500,
  learningRates: { generator: 2e-4, discriminator: 2e-4 },
  noiseSize: 128,
  generatorSizes: [256, 256],
  criticSizes: [256, 256],
  dropout: 0.5,
  critic: 'wgan-gp',
  pac: 10,
  numericEncoding: 'modes',
  gumbelTau: 0.2,
  seed: 42,
};

/** Sized like the CGAN's for the demo tables; δ = 0 copies the real statistics as closely as it can. */
export const TABLEGAN_DEFAULTS: TableganTrainingSettings = {
  model: 'tablegan',
  epochs: 200,
  batchSize: 64,
  learningRates: { generator: 1e-3, discriminator: 1e-3 },
  classifierLearningRate: 1e-3,
  noiseSize: 32,
  channels: 16,
  critic: 'cross-entropy',
  privacy: { deltaMean: 0, deltaSd: 0 },
  seed: 42,
};

const DEFAULTS_BY_MODEL: { [M in ModelId]: Extract<TrainingSettings, { model: M }> } = {
  cgan: DEFAULT_SETTINGS,
  ctgan: CTGAN_DEFAULTS,
  dsfgan: { ...DEFAULT_SETTINGS, model: 'dsfgan', feedback: DEFAULT_FEEDBACK },
  tablegan: TABLEGAN_DEFAULTS,
};

/** The chosen model's defaults, keeping the user's seed: a model's settings do not carry to another. */
export function switchModel(settings: TrainingSettings, model: ModelId): TrainingSettings {
  return settings.model === model ? settings : { ...DEFAULTS_BY_MODEL[model], seed: settings.seed };
}

/** Messages naming each setting that is out of range; empty when all are usable. */
export function settingsProblems(s: TrainingSettings): string[] {
  const problems: string[] = [];
  const wholeAtLeast = (value: number, min: number, label: string) => {
    if (!Number.isInteger(value) || value < min)
      problems.push(`${label} must be a whole number of at least ${min}.`);
  };
  const layers = (sizes: number[], label: string) => {
    if (sizes.length === 0) problems.push(`${label} need at least one layer, e.g. "64, 64".`);
    sizes.forEach((size) => wholeAtLeast(size, 1, `Each of the ${label.toLowerCase()}`));
  };
  wholeAtLeast(s.epochs, 1, 'Epochs');
  wholeAtLeast(s.batchSize, 1, 'Batch size');
  wholeAtLeast(s.noiseSize, 1, 'Noise size');
  wholeAtLeast(s.seed, 0, 'Seed');
  if (s.model !== 'tablegan' && !(s.dropout >= 0 && s.dropout < 1))
    problems.push('Dropout must be at least 0 and below 1.');
  switch (s.model) {
    case 'cgan':
      layers(s.hiddenSizes, 'Hidden sizes');
      break;
    case 'dsfgan':
      layers(s.hiddenSizes, 'Hidden sizes');
      problems.push(...feedbackProblems(s.feedback));
      break;
    case 'ctgan':
      layers(s.generatorSizes, 'Generator sizes');
      layers(s.criticSizes, 'Critic sizes');
      wholeAtLeast(s.pac, 1, 'Pac');
      if (
        Number.isInteger(s.pac) &&
        s.pac >= 1 &&
        Number.isInteger(s.batchSize) &&
        s.batchSize % s.pac !== 0
      ) {
        const below = Math.max(s.pac, s.batchSize - (s.batchSize % s.pac));
        problems.push(
          `Batch size (${s.batchSize}) must be a multiple of pac (${s.pac}): the critic judges rows in packs of ${s.pac}. Try ${below}.`,
        );
      }
      if (!(s.gumbelTau > 0 && s.gumbelTau <= 10)) problems.push('Gumbel τ must be above 0 and at most 10.');
      break;
  }
  if (s.model === 'tablegan') problems.push(...tableganProblems(s));
  for (const [who, rate] of Object.entries(s.learningRates)) {
    if (!(rate > 0 && Number.isFinite(rate)))
      problems.push(`The ${who} learning rate must be a positive number.`);
  }
  return problems;
}

function tableganProblems(s: TableganTrainingSettings): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(s.channels) || s.channels < 1)
    problems.push('Filters must be a whole number of at least 1.');
  if (!(s.classifierLearningRate > 0 && Number.isFinite(s.classifierLearningRate)))
    problems.push('The classifier learning rate must be a positive number.');
  for (const [label, delta] of [
    ['δ mean', s.privacy.deltaMean],
    ['δ sd', s.privacy.deltaSd],
  ] as const) {
    if (!(delta >= 0 && Number.isFinite(delta))) problems.push(`${label} must be a number of at least 0.`);
  }
  return problems;
}

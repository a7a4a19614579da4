/*
 * The black-box explorer (the second half of the course assignment, research notes section 3): a random
 * forest trained on the real rows is the black box; a generator learns to write rows the forest scores
 * at the confidence asked for. Its settings as plain data (no tfjs), for the page.
 */
import { GAN_FIELDS, type GanSettings } from '../ganFields';
import type { CommonSettings, ModelDescription } from '../plugin';
import { explorerPicture } from './picture';

/**
 * surrogate: the generator's gradient comes through a small network distilled from the forest and
 * refreshed on the generator's own rows. gradient-free: a score-function estimator on the forest's own
 * answers (the generator is a stochastic policy; each row's cost weighs the gradient of its log-probability).
 */
export type ExplorerTraining = 'surrogate' | 'gradient-free';

export interface ExplorerTrainingSettings extends CommonSettings, GanSettings {
  model: 'explorer';
  hiddenSizes: number[];
  training: ExplorerTraining;
  /**
   * Weight of the discriminator's realism term in the generator's loss (and, through the surrogate, of
   * the moment term beside it); 0 is the assignment's set-up and builds no discriminator at all. Fixed
   * when the model is built.
   */
  realismWeight: number;
}

/** A row counts as a success when the forest's confidence is within this of the asked one, and its class is the asked one. */
export const SUCCESS_MARGIN = 0.05;

/** Names of the explorer's series, shared with the page (the panel reads the MAE and agreement). */
export const EXPLORER_SERIES = {
  generator: 'generator',
  surrogate: 'surrogate',
  discriminator: 'discriminator',
  mae: 'MAE (forest)',
  agreement: 'surrogate agreement',
} as const;

export const explorerDescription: ModelDescription<ExplorerTrainingSettings> = {
  id: 'explorer',
  label: 'Black-box explorer',
  description:
    'A random forest trained on the real rows is the black box; a generator learns to write rows the forest scores at the confidence you ask for (the course assignment’s second half).',
  defaults: {
    model: 'explorer',
    epochs: 300,
    batchSize: 128,
    learningRates: { generator: 2e-3, discriminator: 1e-3 },
    noiseSize: 16,
    hiddenSizes: [128, 128],
    training: 'surrogate',
    realismWeight: 0,
    patience: 0,
    seed: 42,
  },
  fields: [
    ...GAN_FIELDS,
    {
      path: 'hiddenSizes',
      label: 'Hidden sizes',
      help: 'Units per hidden layer of the generator, e.g. 128, 128.',
      control: { kind: 'layers' },
    },
    {
      path: 'training',
      label: 'Training',
      help: 'How the forest, which has no gradient, teaches the generator.',
      control: {
        kind: 'choice',
        options: [
          { value: 'surrogate', label: 'Through a distilled surrogate' },
          { value: 'gradient-free', label: 'Gradient-free (score function)' },
        ],
      },
    },
    {
      path: 'realismWeight',
      label: 'Realism weight',
      help: '0: no discriminator (the assignment). Above 0 a discriminator keeps rows realistic.',
      control: { kind: 'slider', min: 0, max: 2, step: 0.1, digits: 1 },
    },
  ],
  panels: ['explorer', 'verdicts'],
  picture: (settings) => explorerPicture(settings),
  tableNote: (columns, target) =>
    columns[target]?.kind === 'categorical'
      ? null
      : 'The explorer needs a categorical target: the forest’s confidence is the probability of a class.',
};

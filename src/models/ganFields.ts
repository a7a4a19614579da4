import type { SdvParameter, UnmappedSetting } from '../export/pythonProject';
import type { SettingField } from './plugin';

/** Adam step sizes of the two players. */
export interface LearningRates {
  generator: number;
  discriminator: number;
}

/** Settings every GAN family here shares: the generator's noise and the two players' learning rates. */
export interface GanSettings {
  noiseSize: number;
  learningRates: LearningRates;
}

const rate = (who: 'generator' | 'discriminator', label: string): SettingField => ({
  path: `learningRates.${who}`,
  label,
  help: 'Adam step size; changes apply live.',
  control: { kind: 'number', above: 0 },
  live: true,
});

export const GAN_FIELDS: readonly SettingField[] = [
  rate('generator', 'Generator learning rate'),
  rate('discriminator', 'Discriminator learning rate'),
  {
    path: 'noiseSize',
    label: 'Noise size',
    help: 'Random inputs to the generator.',
    control: { kind: 'number', integer: true, min: 1 },
  },
];

/** wgan-gp: Wasserstein critic with gradient penalty (λ = 10). cross-entropy: the standard discriminator. */
export type CriticLoss = 'wgan-gp' | 'cross-entropy';

export const criticField = (help: string): SettingField => ({
  path: 'critic',
  label: 'Critic',
  help,
  control: {
    kind: 'choice',
    options: [
      { value: 'wgan-gp', label: 'Wasserstein + gradient penalty' },
      { value: 'cross-entropy', label: 'Cross-entropy' },
    ],
  },
});

export const dropoutField = (help = 'Share of hidden units dropped while training.'): SettingField => ({
  path: 'dropout',
  label: 'Dropout',
  help,
  control: { kind: 'number', min: 0, below: 1 },
});

/** The shared GAN settings as CTGANSynthesizer parameters (its embedding is the generator's noise). */
export const ganSdvParameters = (settings: GanSettings): SdvParameter[] => [
  { name: 'generator_lr', value: settings.learningRates.generator, from: 'Generator learning rate' },
  {
    name: 'discriminator_lr',
    value: settings.learningRates.discriminator,
    from: 'Discriminator learning rate',
  },
  { name: 'embedding_dim', value: settings.noiseSize, from: 'Noise size' },
];

/** CTGAN's critic fixes its dropout at 0.5: any other value has no counterpart, and is listed. */
const CTGAN_CRITIC_DROPOUT = 0.5;
export const dropoutSdvGaps = (dropout: number): UnmappedSetting[] =>
  dropout === CTGAN_CRITIC_DROPOUT
    ? []
    : [{ setting: `Dropout ${dropout}`, why: `CTGAN's critic fixes dropout at ${CTGAN_CRITIC_DROPOUT}.` }];

/** PacGAN's pac: rows a discriminator (or critic) judges together. */
export const pacField = (who: 'critic' | 'discriminator', help?: string): SettingField => ({
  path: 'pac',
  label: 'Pac',
  help: help ?? `Rows the ${who} judges together; batch size must be a multiple.`,
  control: { kind: 'number', integer: true, min: 1 },
});

/** What a packed discriminator asks of the other settings: whole packs, and pac 1 under privacy. */
export function pacProblems(
  { batchSize, pac, differentialPrivacy }: { batchSize: number; pac: number; differentialPrivacy?: unknown },
  who: 'critic' | 'discriminator',
): string[] {
  if (differentialPrivacy && pac !== 1)
    return [
      `Differential privacy needs Pac = 1 (it is ${pac}): a pack mixes several people’s rows in one gradient, which per-row clipping cannot bound.`,
    ];
  const usable = Number.isInteger(pac) && pac >= 1 && Number.isInteger(batchSize);
  if (!usable || batchSize % pac === 0) return [];
  const below = Math.max(pac, batchSize - (batchSize % pac));
  return [
    `Batch size (${batchSize}) must be a multiple of pac (${pac}): the ${who} judges rows in packs of ${pac}. Try ${below}.`,
  ];
}

/** modes: CTGAN's mode-specific normalisation of numbers; standard: z-scores. */
export type NumericEncodingSetting = 'modes' | 'standard';

export const NUMERIC_ENCODING_FIELD: SettingField = {
  path: 'numericEncoding',
  label: 'Numeric encoding',
  help: 'Modes: a Gaussian mixture per number column, as CTGAN does.',
  control: {
    kind: 'choice',
    options: [
      { value: 'modes', label: 'Mode-specific' },
      { value: 'standard', label: 'Standardised (z-score)' },
    ],
  },
};

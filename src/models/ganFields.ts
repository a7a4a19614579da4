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

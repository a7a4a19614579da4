import { dropoutField, GAN_FIELDS, type GanSettings } from '../ganFields';
import type { CommonSettings, ModelDescription, PrivacySupport, SettingField } from '../plugin';

/** The course assignment's conditional GAN: MLPs of `hiddenSizes` for both players. */
export interface CganTrainingSettings extends CommonSettings, GanSettings {
  model: 'cgan';
  hiddenSizes: number[];
  dropout: number;
}

export const HIDDEN_SIZES_FIELD: SettingField = {
  path: 'hiddenSizes',
  label: 'Hidden sizes',
  help: 'Units per hidden layer, e.g. 64, 64.',
  control: { kind: 'layers' },
};

export const cganDescription: ModelDescription<CganTrainingSettings> = {
  id: 'cgan',
  label: 'CGAN',
  description:
    'Conditional GAN: generator and discriminator both see the target, so rows can be asked for by class.',
  // Sized so the demo tables train to a recognisable result in well under a minute on two CPU cores.
  defaults: {
    model: 'cgan',
    epochs: 300,
    batchSize: 64,
    learningRates: { generator: 1e-3, discriminator: 1e-3 },
    noiseSize: 16,
    hiddenSizes: [64, 64],
    dropout: 0.1,
    seed: 42,
  },
  fields: [...GAN_FIELDS, HIDDEN_SIZES_FIELD, dropoutField()],
  panels: ['verdicts'],
  differentialPrivacy: {
    notes: [
      'Each step takes every training row with probability batch size ÷ rows (Poisson sampling), so batches vary in size.',
      'The discriminator clips each real row’s gradient to norm C and adds Gaussian noise of σ·C; generated rows read no real row.',
      'Dropout acts on each row alone, so it stays; neither network has a penalty or batch norm to handle.',
    ],
    readsOutsideBudget: [],
  } satisfies PrivacySupport,
};

import { dropoutField, GAN_FIELDS, type GanSettings } from '../ganFields';
import type { CommonSettings, ModelDescription, SettingField } from '../plugin';

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
    patience: 0,
    seed: 42,
  },
  fields: [...GAN_FIELDS, HIDDEN_SIZES_FIELD, dropoutField()],
  panels: ['verdicts'],
};

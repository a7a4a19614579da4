import type { SdvMapping } from '../../export/pythonProject';
import {
  dropoutSdvGaps,
  dropoutField,
  GAN_FIELDS,
  ganSdvParameters,
  NUMERIC_ENCODING_FIELD,
  pacField,
  pacProblems,
  type GanSettings,
  type NumericEncodingSetting,
} from '../ganFields';
import type { CommonSettings, ModelDescription, PrivacySupport, SettingField } from '../plugin';
import { ganPicture, TARGET_CONDITION, type GanPictureParts } from '../picture';

/** The course assignment's conditional GAN: MLPs of `hiddenSizes` for both players. */
export interface CganTrainingSettings extends CommonSettings, GanSettings {
  model: 'cgan';
  hiddenSizes: number[];
  dropout: number;
  /** Gumbel-softmax temperature of the generated categories; 0: a plain softmax. */
  gumbelTau: number;
  /** PacGAN: the discriminator judges this many rows at once; the batch size must be a multiple. */
  pac: number;
  numericEncoding: NumericEncodingSetting;
}

export const HIDDEN_SIZES_FIELD: SettingField = {
  path: 'hiddenSizes',
  label: 'Hidden sizes',
  help: 'Units per hidden layer, e.g. 64, 64.',
  control: { kind: 'layers' },
};

export const GUMBEL_TAU_FIELD: SettingField = {
  path: 'gumbelTau',
  label: 'Gumbel τ',
  help: 'Categories as Gumbel-softmax samples of this softness (CTGAN: 0.2); 0: a plain softmax.',
  control: { kind: 'number', min: 0, max: 10 },
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
    gumbelTau: 0,
    pac: 1,
    numericEncoding: 'standard',
    patience: 0,
    seed: 42,
  },
  fields: [
    ...GAN_FIELDS,
    HIDDEN_SIZES_FIELD,
    dropoutField(),
    GUMBEL_TAU_FIELD,
    pacField('discriminator'),
    NUMERIC_ENCODING_FIELD,
  ],
  problems: (settings) => pacProblems(settings, 'discriminator'),
  panels: ['verdicts'],
  onePlayerSteps: true,
  picture: (settings) => ganPicture(cganPictureParts(settings)),
  sdv: (settings) => cganSdv(settings),
  differentialPrivacy: {
    notes: [
      'Each step takes every training row with probability batch size ÷ rows (Poisson sampling), so batches vary in size.',
      'The discriminator clips each real row’s gradient to norm C and adds Gaussian noise of σ·C; generated rows read no real row.',
      'Dropout acts on each row alone, so it stays; neither network has a penalty or batch norm to handle.',
    ],
    readsOutsideBudget: [],
  } satisfies PrivacySupport,
};

/** The CGAN as a picture: two MLPs, both given the target. */
export function cganPictureParts(settings: Omit<CganTrainingSettings, 'model'>): GanPictureParts {
  const hint = `an MLP of layers ${settings.hiddenSizes.join(', ')}`;
  return {
    noiseSize: settings.noiseSize,
    condition: TARGET_CONDITION,
    judge: { label: 'Discriminator D', note: 'MLP', hint, series: 'discriminator' },
    generator: { note: 'MLP', hint, series: ['generator'] },
    rowsNote: settings.numericEncoding === 'modes' ? 'one-hot + modes' : 'one-hot + scaled',
  };
}

/** The CGAN's MLPs as CTGAN's layer widths; what CTGAN does differently is said, not hidden. */
export function cganSdv(settings: CganTrainingSettings | Omit<CganTrainingSettings, 'model'>): SdvMapping {
  const unmapped = [
    {
      setting: 'Model: CGAN',
      why:
        'SDV has no plain conditional GAN. CTGAN is its nearest model: a residual generator with batch ' +
        'norm, Gumbel-softmax outputs and mode-specific numbers, a Wasserstein critic judging packs of ' +
        'rows, and training-by-sampling over every categorical column, not only the target.',
    },
  ];
  unmapped.push(...dropoutSdvGaps(settings.dropout));
  return {
    parameters: [
      ...ganSdvParameters(settings),
      { name: 'generator_dim', value: settings.hiddenSizes, from: 'Hidden sizes' },
      { name: 'discriminator_dim', value: settings.hiddenSizes, from: 'Hidden sizes' },
    ],
    unmapped,
    pac: settings.pac,
  };
}

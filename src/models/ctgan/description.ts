import type { UnmappedSetting } from '../../export/pythonProject';
import {
  criticField,
  dropoutField,
  dropoutSdvGaps,
  GAN_FIELDS,
  ganSdvParameters,
  NUMERIC_ENCODING_FIELD,
  pacField,
  pacProblems,
  type NumericEncodingSetting,
  type CriticLoss,
  type GanSettings,
} from '../ganFields';
import type { CommonSettings, ModelDescription, PrivacySupport } from '../plugin';
import { ganPicture, type GanPictureParts } from '../picture';

/** CTGAN (Xu et al., 2019), as its reference code builds it. */
export interface CtganTrainingSettings extends CommonSettings, GanSettings {
  model: 'ctgan';
  /** Widths of the generator's residual blocks. */
  generatorSizes: number[];
  criticSizes: number[];
  /** Dropout in the critic (the generator has batch norm instead). */
  dropout: number;
  critic: CriticLoss;
  /** PacGAN: the critic judges this many rows at once; the batch size must be a multiple of it. */
  pac: number;
  numericEncoding: NumericEncodingSetting;
  /** Gumbel-softmax temperature of the generator's one-hot outputs. */
  gumbelTau: number;
}

export const ctganDescription: ModelDescription<CtganTrainingSettings> = {
  id: 'ctgan',
  label: 'CTGAN-style',
  description:
    'CTGAN (Xu et al., 2019): mode-specific scaling of numbers, conditions drawn to favour rare categories, a packed Wasserstein critic.',
  // CTGAN's published defaults (batch 500, Adam 2e-4, pac 10, τ = 0.2), with fewer epochs than its 300.
  defaults: {
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
    patience: 0,
    seed: 42,
  },
  fields: [
    ...GAN_FIELDS,
    dropoutField('Share of the critic’s units dropped while training.'),
    NUMERIC_ENCODING_FIELD,
    criticField('Wasserstein with gradient penalty (CTGAN), or a classic discriminator.'),
    pacField('critic'),
    {
      path: 'gumbelTau',
      label: 'Gumbel τ',
      help: 'Softness of generated one-hots; lower is closer to discrete.',
      control: { kind: 'number', above: 0, max: 10 },
    },
    {
      path: 'generatorSizes',
      label: 'Generator sizes',
      help: 'Units per residual block, e.g. 256, 256.',
      control: { kind: 'layers' },
    },
    {
      path: 'criticSizes',
      label: 'Critic sizes',
      help: 'Units per critic layer, e.g. 256, 256.',
      control: { kind: 'layers' },
    },
  ],
  problems: (settings) => pacProblems(settings, 'critic'),
  panels: ['verdicts'],
  onePlayerSteps: true,
  picture: (settings) => ganPicture(ctganPictureParts(settings)),
  sdv: (settings) => {
    const unmapped: UnmappedSetting[] = [];
    const none = (setting: string, why: string) => unmapped.push({ setting, why });
    if (settings.critic !== 'wgan-gp')
      none('Critic: cross-entropy', "CTGAN's critic is always Wasserstein with gradient penalty.");
    if (settings.numericEncoding !== 'modes')
      none('Numeric encoding: standard', 'CTGAN always gives numbers its mode-specific normalisation.');
    if (settings.gumbelTau !== CTGAN_GUMBEL_TAU)
      none(`Gumbel τ ${settings.gumbelTau}`, `CTGAN fixes τ at ${CTGAN_GUMBEL_TAU}.`);
    unmapped.push(...dropoutSdvGaps(settings.dropout));
    return {
      parameters: [
        ...ganSdvParameters(settings),
        { name: 'generator_dim', value: settings.generatorSizes, from: 'Generator sizes' },
        { name: 'discriminator_dim', value: settings.criticSizes, from: 'Critic sizes' },
      ],
      unmapped,
      pac: settings.pac,
    };
  },
  differentialPrivacy: {
    notes: [
      'Pac must be 1: a pack mixes several people’s rows in one gradient.',
      'Training-by-sampling is off (it picks rows by their categories’ frequencies at every step); rows join each step by Poisson sampling instead and the conditional vector stays empty.',
      'The critic clips each real row’s gradient to norm C and adds Gaussian noise of σ·C.',
      'Gradient penalty (Wasserstein critic): kept, but taken at generated rows only. They read no real row, so it costs no privacy; WGAN-GP’s usual points between real and generated rows would put real rows into a term the clipping cannot bound.',
    ],
    readsOutsideBudget: ['each number column’s Gaussian-mixture fit (Numeric encoding: mode-specific)'],
  } satisfies PrivacySupport,
};

/** CTGAN fixes its Gumbel-softmax temperature; another value here has no counterpart there. */
const CTGAN_GUMBEL_TAU = 0.2;

/** CTGAN as a picture: a conditional vector beyond the target, a critic judging packs of rows. */
export function ctganPictureParts(settings: Omit<CtganTrainingSettings, 'model'>): GanPictureParts {
  const { pac, critic } = settings;
  return {
    noiseSize: settings.noiseSize,
    condition: {
      label: 'Condition vector',
      note: 'target + a category',
      hint: 'the target and one category of one column, rare categories drawn more often (training by sampling)',
    },
    judge: {
      label: critic === 'wgan-gp' ? 'Critic' : 'Discriminator',
      note: `pac ${pac}`,
      hint: pac > 1 ? `judges packs of ${pac} rows at once (PacGAN)` : 'judges one row at a time',
      series: critic === 'wgan-gp' ? 'critic' : 'discriminator',
    },
    generator: {
      note: 'residual MLP',
      hint: 'residual layers with batch norm; Gumbel-softmax for categories; pays a condition loss when a row misses its category',
      series: ['generator', 'condition'],
    },
    rowsNote: settings.numericEncoding === 'modes' ? 'one-hot + modes' : 'one-hot + z-scores',
  };
}

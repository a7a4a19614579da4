import { criticField, GAN_FIELDS, ganSdvParameters, type CriticLoss, type GanSettings } from '../ganFields';
import type { CommonSettings, ModelDescription, SettingField } from '../plugin';
import { cellCount, imageSide } from './layout';
import { ganPicture } from '../picture';

/** The information loss's thresholds δ_mean and δ_sd: larger is a looser copy, more privacy. */
export interface PrivacyThresholds {
  deltaMean: number;
  deltaSd: number;
}

/** table-GAN (Park et al., 2018): rows as d×d images, convolutional networks, a label classifier. */
export interface TableganTrainingSettings extends CommonSettings, GanSettings {
  model: 'tablegan';
  /** Filters of the first convolution; the second has twice as many. */
  channels: number;
  /** cross-entropy is the paper's discriminator; wgan-gp a documented variant. */
  critic: CriticLoss;
  classifierLearningRate: number;
  privacy: PrivacyThresholds;
}

/**
 * The privacy sliders' range. δ bounds the average gap per discriminator feature: trained on Adult
 * with δ = 0, about 0.02 for the means and 0.004 for the variances, so the loss acts only at small δ
 * and the step must be fine enough to reach them; the authors' "high privacy" was 0.2.
 */
const delta = (key: keyof PrivacyThresholds, label: string, help: string): SettingField => ({
  path: `privacy.${key}`,
  label,
  help,
  control: { kind: 'slider', min: 0, max: 0.5, step: 0.001, digits: 3 },
});

export const tableganDescription: ModelDescription<TableganTrainingSettings> = {
  id: 'tablegan',
  label: 'table-GAN',
  description:
    'table-GAN (Park et al., 2018): each row as a small image for convolutional networks, a classifier that keeps labels consistent, and δ thresholds meant for privacy (a heuristic, not a guarantee).',
  // Sized like the CGAN's for the demo tables; δ = 0 copies the real statistics as closely as it can.
  defaults: {
    model: 'tablegan',
    epochs: 200,
    batchSize: 64,
    learningRates: { generator: 1e-3, discriminator: 1e-3 },
    classifierLearningRate: 1e-3,
    noiseSize: 32,
    channels: 16,
    critic: 'cross-entropy',
    privacy: { deltaMean: 0, deltaSd: 0 },
    patience: 0,
    seed: 42,
  },
  fields: [
    ...GAN_FIELDS,
    criticField('Cross-entropy as the paper, or Wasserstein with a gradient penalty.'),
    {
      path: 'channels',
      label: 'Filters',
      help: 'In the first convolution; the second has twice as many.',
      control: { kind: 'number', integer: true, min: 1 },
    },
    {
      path: 'classifierLearningRate',
      label: 'Classifier learning rate',
      help: 'Adam step size of the label classifier.',
      control: { kind: 'number', above: 0 },
    },
    delta(
      'deltaMean',
      'δ mean (privacy)',
      'Larger δ = a looser copy of the real rows’ feature means, meant as more privacy; measured on Adult, it had no effect. No guarantee: for one, train CGAN or CTGAN-style with Differential privacy.',
    ),
    delta(
      'deltaSd',
      'δ sd (privacy)',
      'The same for the features’ variances; the same measurement (no effect on Adult).',
    ),
  ],
  panels: ['verdicts'],
  onePlayerSteps: true,
  picture: (settings) =>
    ganPicture({
      noiseSize: settings.noiseSize,
      condition: null,
      judge: {
        label: settings.critic === 'wgan-gp' ? 'Critic D' : 'Discriminator D',
        note: 'CNN',
        hint: 'convolutions over the row as an image',
        series: 'discriminator',
      },
      generator: {
        note: 'deconvolutions',
        hint: 'writes a d×d image; pays an information loss when its feature statistics stray from the real ones',
        series: ['generator', 'information'],
      },
      rowsNote: 'd×d images',
      helper: {
        id: 'classifier',
        label: 'Classifier C',
        note: 'CNN',
        hint: 'learns on real rows to read the target from the rest of the image; the generator must agree with it',
        series: ['classifier'],
        trainsWithD: true,
      },
    }),
  sdv: (settings) => ({
    parameters: ganSdvParameters(settings),
    unmapped: [
      { setting: 'Model: table-GAN', why: 'SDV has no table-GAN; CTGAN is the GAN it has.' },
      {
        setting: `Filters ${settings.channels}`,
        why: "CTGAN's networks are fully connected, not convolutional.",
      },
      { setting: 'Classifier learning rate', why: 'CTGAN has no label classifier.' },
      { setting: 'δ mean, δ sd (privacy)', why: 'CTGAN has no information loss.' },
    ],
  }),
  chartNotes: [
    'information: the gap between the discriminator’s feature means and variances on real and on generated rows (summed over features, in their own units, above δ), from moving averages that start at zero. It climbs while training and that is expected: the averages warm up over the first few hundred steps, and the features grow as the discriminator learns, so the same relative gap (about a third of the features’ scale throughout, on the penguins demo) is a larger number. Only about 1% of its gradient reaches the generator.',
  ],
  tableNote: (columns, target) => {
    const cells = cellCount(columns, target);
    const side = imageSide(cells);
    return (
      `Each row is a ${side}×${side} image (${cells} of ${side ** 2} cells used). ` +
      'On Adult, moving δ changed fidelity and distance to the closest record no more than two seeds differ by: ' +
      'the δ sliders are a heuristic. For a guarantee, choose CGAN or CTGAN-style and switch on Differential privacy.'
    );
  },
};

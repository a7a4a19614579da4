import type { CommonSettings, ModelDescription, SettingField } from '../plugin';
import { ppoganPicture } from './picture';

/**
 * PPO-GAN (P-TA, Yang et al., 2024) in the browser: a small causal transformer writes rows as tokens,
 * trained by likelihood (stage 1), then by PPO with a discriminator's logit as the reward (stage 2).
 */
export interface PpoganTrainingSettings extends CommonSettings {
  model: 'ppogan';
  /** The first epochs are stage 1 (likelihood); the rest of `epochs` are PPO rounds, one a step. */
  likelihoodEpochs: number;
  layers: number;
  heads: number;
  width: number;
  /** Tokens per number column: quantile bins, and fine offsets within each. */
  bins: number;
  offsets: number;
  learningRates: { likelihood: number; ppo: number; discriminator: number };
  /** β of the KL penalty to the stage-1 policy. */
  klCoefficient: number;
  /** PPO's ε: the policy ratio is clipped to [1 − ε, 1 + ε]. */
  clip: number;
  entropyCoefficient: number;
  /** Passes of PPO updates over each round's rows. */
  ppoEpochs: number;
  /** Softmax temperature when generating rows (training rounds draw at 1). */
  temperature: number;
  /** Column order when writing rows: the target first, the rest in table order or shuffled per row. */
  sampleOrder: 'fixed' | 'shuffled';
}

const live = (path: string, label: string, help: string, control: SettingField['control']): SettingField => ({
  path,
  label,
  help,
  control,
  live: true,
});

const rate = (who: keyof PpoganTrainingSettings['learningRates'], label: string, help: string) =>
  live(`learningRates.${who}`, label, help, { kind: 'number', above: 0 });

const whole = (min: number) => ({ kind: 'number', integer: true, min }) as const;

export const ppoganDescription: ModelDescription<PpoganTrainingSettings> = {
  id: 'ppogan',
  label: 'PPO-GAN',
  description:
    'PPO-GAN (P-TA, Yang et al., 2024): a transformer writes each row as tokens, learns the table by likelihood, then by PPO with a discriminator’s judgement as the reward. The paper fine-tunes a pretrained language model; none can be fetched here, so this small one starts from nothing and knows only your table.',
  // Sized for the demo tables on two CPU cores (penguins, measured at a load of ~20: 0.2–0.45 s a
  // likelihood step, 1–2 s a PPO round, most of it writing rows a token at a time).
  defaults: {
    model: 'ppogan',
    epochs: 60,
    likelihoodEpochs: 40,
    batchSize: 64,
    layers: 2,
    heads: 2,
    width: 32,
    bins: 16,
    offsets: 8,
    learningRates: { likelihood: 3e-3, ppo: 3e-4, discriminator: 1e-3 },
    klCoefficient: 0.05,
    clip: 0.2,
    entropyCoefficient: 0.01,
    ppoEpochs: 2,
    temperature: 1,
    sampleOrder: 'fixed',
    patience: 0,
    seed: 42,
  },
  fields: [
    {
      path: 'likelihoodEpochs',
      label: 'Likelihood epochs (stage 1)',
      help: 'The first epochs learn the rows by likelihood; the rest are PPO rounds against the discriminator.',
      control: whole(0),
    },
    { path: 'layers', label: 'Layers', help: 'Transformer blocks.', control: whole(1) },
    {
      path: 'heads',
      label: 'Heads',
      help: 'Attention heads per block; the width must be a multiple.',
      control: whole(1),
    },
    { path: 'width', label: 'Width', help: 'Size of each token’s vector.', control: whole(4) },
    {
      path: 'bins',
      label: 'Number bins',
      help: 'Quantile bins per number column (a token each).',
      control: whole(2),
    },
    {
      path: 'offsets',
      label: 'Fine offsets',
      help: 'Positions within a bin (a shared token each).',
      control: whole(1),
    },
    rate('likelihood', 'Likelihood learning rate', 'Adam step size in stage 1; applies live.'),
    rate('ppo', 'PPO learning rate', 'Adam step size in stage 2; applies live.'),
    rate('discriminator', 'Discriminator learning rate', 'Adam step size; applies live.'),
    live('klCoefficient', 'KL coefficient β', 'Pull toward the stage-1 policy, per token; applies live.', {
      kind: 'number',
      min: 0,
    }),
    {
      path: 'clip',
      label: 'Clip ε',
      help: 'PPO clips the policy ratio to 1 ± ε.',
      control: { kind: 'number', above: 0, below: 1 },
    },
    live(
      'entropyCoefficient',
      'Entropy bonus',
      'Weight of the policy’s entropy in the PPO loss; applies live.',
      {
        kind: 'number',
        min: 0,
      },
    ),
    { path: 'ppoEpochs', label: 'PPO epochs', help: 'Updates on each round’s rows.', control: whole(1) },
    live(
      'temperature',
      'Temperature',
      'Sharper (below 1) or flatter (above 1) when generating rows; applies live.',
      {
        kind: 'slider',
        min: 0.1,
        max: 2,
        step: 0.05,
        digits: 2,
      },
    ),
    {
      path: 'sampleOrder',
      label: 'Column order when writing',
      help: 'The target comes first (conditional sampling); then the columns in table order or shuffled.',
      control: {
        kind: 'choice',
        options: [
          { value: 'fixed', label: 'Table order' },
          { value: 'shuffled', label: 'Shuffled per row' },
        ],
      },
    },
  ],
  problems: (s) => [
    ...(s.likelihoodEpochs > s.epochs ? ['Likelihood epochs must be at most the epochs.'] : []),
    ...(s.width % s.heads === 0 ? [] : ['The width must be a multiple of the heads.']),
  ],
  panels: ['verdicts'],
  picture: (settings) => ppoganPicture(settings),
  tableNote: (columns, target) => {
    const used = columns.filter((c) => c.kind !== 'ignored');
    const numbers = used.filter((c) => c.kind === 'numeric').length;
    const target_ = columns[target];
    return (
      `Each row is ${1 + 2 * used.length + numbers} tokens: a column-name token and a value per column ` +
      `(a number as a bin and an offset), ${target_ ? `“${target_.name}” first when writing` : 'the target first'}.`
    );
  },
};

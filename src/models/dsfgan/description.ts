/*
 * DSF-GAN (Perets and Rappoport, 2024) adds λ times a downstream model's loss to the generator's loss.
 * Its settings as plain data (no tfjs), so the page can show and check them without the engine.
 */
import { cganDescription, cganPictureParts, cganSdv, type CganTrainingSettings } from '../cgan/description';
import { ctganDescription, ctganPictureParts, type CtganTrainingSettings } from '../ctgan/description';
import { ganPicture, type GanPictureParts } from '../picture';
import type { ModelDescription, SettingField } from '../plugin';

/** linear: logistic regression (classes) or linear regression (numbers); mlp: one hidden layer of 32. */
export type DownstreamKind = 'linear' | 'mlp';

export interface FeedbackSettings {
  /** Weight of the downstream loss in the generator's loss; 0 trains the base model (CGAN or CTGAN-style) alone. Changes apply live. */
  lambda: number;
  downstream: DownstreamKind;
  /**
   * 0: fitted once on the real training rows before the first step (frozen). n: fitted afresh (new
   * weights, a new bootstrap sample of the same real rows) every n steps, the paper's periodic
   * retraining; a generator then cannot settle on the quirks of one fitted model.
   */
  refitEvery: number;
}

export interface DsfganTrainingSettings extends Omit<CganTrainingSettings, 'model'> {
  model: 'dsfgan';
  feedback: FeedbackSettings;
}

export const LAMBDA_RANGE = { min: 0, max: 5, step: 0.1 } as const;

/**
 * Names of DSF-GAN's extra series, after the base model's losses: the downstream model's loss on the
 * generated rows (unweighted), and λ itself, a metric recorded at every step so the chart can draw the
 * weight in force beside the losses it shaped.
 */
export const FEEDBACK_SERIES = { downstream: 'downstream', lambda: 'λ' } as const;

export const LAMBDA_FIELD: SettingField = {
  path: 'feedback.lambda',
  label: 'λ (downstream feedback)',
  help: '0 trains the base model alone. Changes apply live, at the next step.',
  control: { kind: 'slider', ...LAMBDA_RANGE, digits: 1 },
  live: true,
};

/** λ, the downstream model and its refits: the same on every base. */
const FEEDBACK_FIELDS: readonly SettingField[] = [
  LAMBDA_FIELD,
  {
    path: 'feedback.downstream',
    label: 'Downstream model',
    help: 'Fitted on the real training rows; its loss on generated rows feeds back.',
    control: {
      kind: 'choice',
      options: [
        { value: 'mlp', label: 'MLP (one hidden layer)' },
        { value: 'linear', label: 'Linear (logistic or least squares)' },
      ],
    },
  },
  {
    path: 'feedback.refitEvery',
    label: 'Refit downstream every',
    help: 'Steps; 0 keeps it frozen. Each refit draws a fresh bootstrap.',
    control: { kind: 'number', integer: true, min: 0 },
  },
];

const FEEDBACK_DEFAULTS: FeedbackSettings = { lambda: 1, downstream: 'mlp', refitEvery: 0 };

export const dsfganDescription: ModelDescription<DsfganTrainingSettings> = {
  id: 'dsfgan',
  label: 'DSF-GAN',
  description:
    'DSF-GAN (Perets and Rappoport, 2024): the CGAN, plus λ times the loss of a downstream model fitted on the real rows, so the generator learns rows that predict the target.',
  defaults: {
    ...cganDescription.defaults,
    model: 'dsfgan',
    feedback: FEEDBACK_DEFAULTS,
  },
  fields: [...cganDescription.fields, ...FEEDBACK_FIELDS],
  problems: (settings) => cganDescription.problems?.({ ...settings, model: 'cgan' }) ?? [],
  panels: ['verdicts', 'feedback'],
  onePlayerSteps: true,
  picture: (settings) => ganPicture(withDownstream(cganPictureParts(settings), settings.feedback)),
  sdv: (settings) => {
    const cgan = cganSdv(settings);
    const setting = `λ (downstream feedback) ${settings.feedback.lambda}`;
    const why = "CTGAN's generator loss has no downstream-model term.";
    return { ...cgan, unmapped: [...cgan.unmapped, { setting, why }] };
  },
};

export interface DsfctganTrainingSettings extends Omit<CtganTrainingSettings, 'model'> {
  model: 'dsfctgan';
  feedback: FeedbackSettings;
}

/** The same feedback on the CTGAN-style model: the λ trade-off starting from the stronger base. */
export const dsfctganDescription: ModelDescription<DsfctganTrainingSettings> = {
  id: 'dsfctgan',
  label: 'DSF-GAN (CTGAN base)',
  description:
    'DSF-GAN’s downstream feedback on the CTGAN-style model: its generator also answers to a downstream model fitted on the real rows.',
  defaults: { ...ctganDescription.defaults, model: 'dsfctgan', feedback: FEEDBACK_DEFAULTS },
  fields: [...ctganDescription.fields, ...FEEDBACK_FIELDS],
  problems: (settings) => ctganDescription.problems?.({ ...settings, model: 'ctgan' }) ?? [],
  panels: ['verdicts', 'feedback'],
  onePlayerSteps: true,
  picture: (settings) => ganPicture(withDownstream(ctganPictureParts(settings), settings.feedback)),
  sdv: (settings) => {
    const ctgan = ctganDescription.sdv!({ ...settings, model: 'ctgan' });
    const setting = `λ (downstream feedback) ${settings.feedback.lambda}`;
    const why = "CTGAN's generator loss has no downstream-model term.";
    return { ...ctgan, unmapped: [...ctgan.unmapped, { setting, why }] };
  },
};

/** The base model's picture with the downstream model beside the discriminator, feeding λ × its loss back. */
function withDownstream(base: GanPictureParts, feedback: FeedbackSettings): GanPictureParts {
  const fitted = feedback.refitEvery > 0 ? `refitted every ${feedback.refitEvery} steps` : 'fitted once';
  const kind = feedback.downstream === 'mlp' ? 'MLP' : 'linear model';
  return {
    ...base,
    helper: {
      id: 'downstream',
      // "Downstream model" ran past its box's edges; the note and the hint say what model it is.
      label: 'Downstream',
      note: kind,
      hint: `a ${kind} fitted on the real rows, ${fitted}; λ times its loss on generated rows joins the generator's`,
      series: [FEEDBACK_SERIES.downstream, FEEDBACK_SERIES.lambda],
      trainsWithD: false,
    },
  };
}

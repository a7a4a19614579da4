/*
 * The models a user can choose, as plain data: the page shows, edits and checks their settings from
 * here without loading TensorFlow.js. The engine builds them through registry.ts.
 */
import { cganDescription } from './cgan/description';
import { ctganDescription } from './ctgan/description';
import { dsfctganDescription, dsfganDescription, type FeedbackSettings } from './dsfgan/description';
import { explorerDescription } from './explorer/description';
import { privacyProblems, type PrivacySettings } from '../privacy/plan';
import { allFields, fieldProblems, type CommonSettings, type ModelDescription } from './plugin';
import { ppoganDescription } from './ppogan/description';
import { tableganDescription } from './tablegan/description';

/** In the order the chooser lists them; the first is the page's default. */
export const MODEL_DESCRIPTIONS = [
  cganDescription,
  ctganDescription,
  dsfganDescription,
  dsfctganDescription,
  tableganDescription,
  explorerDescription,
  ppoganDescription,
] as const;

/**
 * Everything a user sets before training, one variant per model, so a setting exists only for the
 * model that reads it. With the same table, settings and seed a run repeats exactly.
 */
export type TrainingSettings = (typeof MODEL_DESCRIPTIONS)[number]['defaults'];
export type ModelId = TrainingSettings['model'];
export type SettingsOf<M extends ModelId> = Extract<TrainingSettings, { model: M }>;
/** The settings of a model with DSF-GAN's downstream feedback (on any base): what the λ sweep varies. */
export type FeedbackTrainingSettings = Extract<TrainingSettings, { feedback: FeedbackSettings }>;

/** The description of a model, by id; undefined for an id no family has. */
export function describeModel(id: string): ModelDescription<CommonSettings> | undefined {
  return MODEL_DESCRIPTIONS.find((d) => d.id === id) as ModelDescription<CommonSettings> | undefined;
}

export function defaultSettings<M extends ModelId>(model: M): SettingsOf<M> {
  return structuredClone(describeModel(model)!.defaults) as SettingsOf<M>;
}

/**
 * The chosen model's defaults, keeping the user's seed, and differential privacy when the chosen model
 * supports it: a model's own settings do not carry to another.
 */
export function switchModel(settings: TrainingSettings, model: ModelId): TrainingSettings {
  return settings.model === model ? settings : carryOver(settings, defaultSettings(model));
}

/**
 * New settings (another model's, or those derived for a new table) with what the user chose that is not
 * a model's own: the seed, and differential privacy where the new model supports it.
 */
export function carryOver(from: TrainingSettings, to: TrainingSettings): TrainingSettings {
  const next: TrainingSettings = { ...to, seed: from.seed };
  const dp = from.differentialPrivacy;
  return dp && describeModel(to.model)?.differentialPrivacy ? withPrivacy(next, dp) : next;
}

/**
 * Differential privacy switched on, and early stopping off: it picks a generator by comparing it with the
 * training rows, a use of them the privacy budget does not count.
 */
export function withPrivacy<S extends CommonSettings>(settings: S, dp: PrivacySettings): S {
  return { ...settings, differentialPrivacy: dp, patience: 0 };
}

/** Messages naming each setting that is out of range; empty when all are usable. */
export function settingsProblems(
  settings: CommonSettings,
  description = describeModel(settings.model),
): string[] {
  if (!description) return [`There is no model called '${settings.model}'.`];
  return [
    ...fieldProblems(allFields(description), settings),
    ...(description.problems?.(settings) ?? []),
    ...dpProblems(settings, description),
  ];
}

function dpProblems(settings: CommonSettings, description: ModelDescription<CommonSettings>): string[] {
  const dp = settings.differentialPrivacy;
  if (!dp) return [];
  if (!description.differentialPrivacy)
    return [`${description.label} does not train with differential privacy: choose ${privateModelLabels()}.`];
  const early =
    settings.patience > 0
      ? [
          'Early stopping compares the generator with the training rows, a use of them the privacy budget does not count: set it to 0 with differential privacy.',
        ]
      : [];
  return [...privacyProblems(dp), ...early];
}

/** The labels of the families that train with differential privacy, for messages: "CGAN or CTGAN-style". */
export function privateModelLabels(): string {
  const labels = MODEL_DESCRIPTIONS.filter((d) => d.differentialPrivacy).map((d) => d.label);
  return labels.length > 1 ? `${labels.slice(0, -1).join(', ')} or ${labels.at(-1)}` : (labels[0] ?? '');
}

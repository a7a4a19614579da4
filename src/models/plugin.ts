/*
 * What a model family says about itself, as plain data the page can read without TensorFlow.js: its
 * name, its settings with their defaults, controls, help and validation, and the panels it supports.
 * The engine side of a plug-in (src/models/registry.ts) adds how to encode the table and build the model.
 */
import type { SdvMapping } from '../export/pythonProject';
import type { ColumnSchema } from '../data/schema';
import type { PrivacySettings } from '../privacy/plan';
import type { ModelPicture } from './picture';

/** What every model is set with. A family's settings add their own fields to these. */
export interface CommonSettings {
  /** The family's id: which plug-in reads the rest. */
  model: string;
  epochs: number;
  batchSize: number;
  /**
   * Early stopping: end the run when the fixed batch's quality has not improved for this many epochs,
   * keeping the best generator (src/train/healthMonitor.ts). 0 trains every epoch.
   */
  patience: number;
  /** Every random stream of a run comes from this seed: the same seed and settings repeat a run exactly. */
  seed: number;
  /**
   * Train the discriminator with DP-SGD under this budget (src/privacy/); absent trains without. Only a
   * family whose description declares `differentialPrivacy` accepts it.
   */
  differentialPrivacy?: PrivacySettings;
}

/** How a family trains under differential privacy, as the Model panel says it. */
export interface PrivacySupport {
  /** What DP changes in this family (sampling, its critic's penalty, settings it needs), one sentence each. */
  notes: readonly string[];
  /** Statistics this family's encoding reads from the rows outside the budget, beyond every family's. */
  readsOutsideBudget: readonly string[];
}

/** How a setting is edited. Numbers are checked against their bounds by `fieldProblems`. */
export type Control =
  | {
      kind: 'number';
      integer?: boolean;
      /** Inclusive bounds. */
      min?: number;
      max?: number;
      /** Exclusive bounds. */
      above?: number;
      below?: number;
    }
  /** A list of whole numbers of at least 1, e.g. layer widths "64, 64". */
  | { kind: 'layers' }
  | { kind: 'choice'; options: readonly { value: string; label: string }[] }
  | { kind: 'slider'; min: number; max: number; step: number; digits: number };

export interface SettingField {
  /** Where the value sits in the settings object: a key, or keys joined by dots ("learningRates.generator"). */
  path: string;
  label: string;
  /** One line: what the setting does. */
  help: string;
  control: Control;
  /** Applies to a running model at its next step; the others wait for Reset. */
  live?: boolean;
}

/** Panels beyond the common ones (data, model, training, samples, report) that a family can use. */
export type Panel =
  /** Discriminator verdicts: the family has a discriminator or critic that scores rows. */
  | 'verdicts'
  /** DSF-GAN's downstream panel: live utility and the λ sweep. */
  | 'feedback'
  /** The black-box explorer's forest, asked-against-obtained confidences and export. */
  | 'explorer';

export interface ModelDescription<S extends CommonSettings = CommonSettings> {
  id: S['model'];
  label: string;
  /** One or two sentences for the chooser: the method and its source. */
  description: string;
  defaults: S;
  /** The family's own settings, shown between the common ones (epochs, batch size) and the seed. */
  fields: readonly SettingField[];
  /** Rules that involve more than one field (the bounds of each field are checked from its control). */
  problems?(settings: S): string[];
  panels: readonly Panel[];
  /** Lines under the Losses chart that explain a series a learner would otherwise misread. */
  chartNotes?: readonly string[];
  /** Present when the family can train with differential privacy: the Model panel then offers the switch. */
  differentialPrivacy?: PrivacySupport;
  /** A line about how this model sees the loaded table, e.g. table-GAN's image size. */
  tableNote?(columns: readonly ColumnSchema[], target: number): string | null;
  /** The model as a picture: its parts, what flows between them and when each is at work. */
  picture?(settings: S): ModelPicture;
  /**
   * Whether a step can update one player alone (Step D, Step G, slow motion's sub-steps). Not for a
   * model that trains its networks together (the explorer, PPO-GAN): it would only answer with an error.
   */
  onePlayerSteps?: true;
  /** The family's settings as SDV's CTGANSynthesizer parameters, for the Python project export. */
  sdv?(settings: S): SdvMapping;
}

/** The fields every model has, before and after its own. */
export const LEADING_FIELDS: readonly SettingField[] = [
  {
    path: 'epochs',
    label: 'Epochs',
    help: 'Passes over the table.',
    control: { kind: 'number', integer: true, min: 1 },
  },
  {
    path: 'batchSize',
    label: 'Batch size',
    help: 'Rows per training step.',
    control: { kind: 'number', integer: true, min: 1 },
  },
];
export const TRAILING_FIELDS: readonly SettingField[] = [
  {
    path: 'patience',
    label: 'Early stopping (epochs)',
    help: "Stop when the fixed batch's quality has not improved for this many epochs, keeping the best generator; 0: never.",
    control: { kind: 'number', integer: true, min: 0 },
    live: true,
  },
  {
    path: 'seed',
    label: 'Seed',
    help: 'Same seed, same settings, same run.',
    control: { kind: 'number', integer: true, min: 0 },
  },
];

/** Every field of a family, in the order the Model panel shows them. */
export function allFields(description: Pick<ModelDescription, 'fields'>): SettingField[] {
  return [...LEADING_FIELDS, ...description.fields, ...TRAILING_FIELDS];
}

/** The value at a field's path. */
export function valueAt(settings: object, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], settings);
}

/** A copy of `settings` with the value at `path` replaced; the objects along the path are copied too. */
export function withValueAt<S extends object>(settings: S, path: string, value: unknown): S {
  const [key, ...rest] = path.split('.') as [string, ...string[]];
  const node = settings as Record<string, unknown>;
  const next = rest.length === 0 ? value : withValueAt(node[key] as object, rest.join('.'), value);
  return { ...settings, [key]: next };
}

/** A message for each field whose value is outside its control's bounds. */
export function fieldProblems(fields: readonly SettingField[], settings: object): string[] {
  return fields.flatMap((field) => {
    const problem = controlProblem(field.control, valueAt(settings, field.path), field.label);
    return problem ? [problem] : [];
  });
}

function controlProblem(control: Control, value: unknown, fieldLabel: string): string | null {
  // Messages name the setting without its parenthesis: "λ must be…", not "λ (downstream feedback) must be…".
  const label = fieldLabel.replace(/ \(.*\)$/, '');
  switch (control.kind) {
    case 'number':
      return numberProblem(control, value, label);
    case 'slider':
      return typeof value === 'number' && value >= control.min && value <= control.max
        ? null
        : `${label} must be a number from ${control.min} to ${control.max}.`;
    case 'layers': {
      const sizes = value as number[];
      if (!Array.isArray(sizes) || sizes.length === 0)
        return `${label} need at least one layer, e.g. "64, 64".`;
      return sizes.every((size) => Number.isInteger(size) && size >= 1)
        ? null
        : `Each of the ${label.toLowerCase()} must be a whole number of at least 1.`;
    }
    case 'choice':
      return control.options.some((o) => o.value === value)
        ? null
        : `${label} must be one of ${control.options.map((o) => o.label).join(', ')}.`;
  }
}

function numberProblem(
  control: Extract<Control, { kind: 'number' }>,
  value: unknown,
  label: string,
): string | null {
  const { integer, min, max, above, below } = control;
  const n = typeof value === 'number' ? value : NaN;
  const fits =
    Number.isFinite(n) &&
    (!integer || Number.isInteger(n)) &&
    (min === undefined || n >= min) &&
    (max === undefined || n <= max) &&
    (above === undefined || n > above) &&
    (below === undefined || n < below);
  if (fits) return null;
  const bounds = [
    min !== undefined && `at least ${min}`,
    above !== undefined &&
      (above === 0 && max === undefined && below === undefined ? 'positive' : `above ${above}`),
    max !== undefined && `at most ${max}`,
    below !== undefined && `below ${below}`,
  ].filter((b): b is string => typeof b === 'string');
  const kind = integer ? 'a whole number' : 'a number';
  if (bounds.length === 1 && bounds[0] === 'positive') return `${label} must be a positive number.`;
  return `${label} must be ${kind}${bounds.length > 0 ? ` ${bounds.join(' and ')}` : ''}.`;
}

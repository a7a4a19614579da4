/*
 * A run as a link: the built-in table, the model, every setting of its family (read from the family's
 * description, so a new setting travels without code here), differential privacy, and the page's
 * sections hidden for a class. Opening the link sets the same run: the same seed and settings on the same
 * backend give the same losses. The state lives in the URL's hash (never sent to a server), as
 * URLSearchParams: `#table=penguins.csv&model=cgan&epochs=20&learningRates.generator=0.0002&seed=7`.
 * A lesson page says what to set with the same parts (app/lessons/).
 */
import {
  allFields,
  describeModel,
  valueAt,
  withValueAt,
  type Control,
  type ModelId,
  type PrivacySettings,
  type RunSetup,
  type TrainingSettings,
} from '../src/api';

/** The page's sections a classroom link (or a lesson page) can hide; the training controls always show. */
export const SECTIONS = {
  forms: 'Data and settings',
  watch: 'What the generator writes',
  feedback: 'Downstream feedback',
  explorer: 'Explorer',
  samples: 'Synthetic rows',
  report: 'Report',
  verdicts: 'Discriminator verdicts',
} as const;
export type Section = keyof typeof SECTIONS;

/** What a link sets; each part it leaves out stays as the page would have it. */
export interface RunLink {
  /** A demo table's file name. */
  table: string | null;
  model: ModelId | null;
  /** Settings by their field's path, as written in the link; read against the model's fields. */
  values: Record<string, string>;
  /** Differential privacy on, with these settings; null: as the model's defaults say (off). */
  privacy: PrivacySettings | null;
  hide: Section[];
  /** A lesson and its page (0-based), when the link opens one. */
  lesson: { id: string; page: number } | null;
  /** `trained=1`: open the demo table's trained run (public/demos/*.ganrun) instead of a fresh model. */
  trained: boolean;
  /** What the link holds that the page cannot use: each is shown, none is dropped silently. */
  problems: string[];
}

/** Keys of the link that are not settings' paths. */
const KEYS = ['table', 'model', 'hide', 'lesson', 'page', 'dp', 'dp.delta', 'dp.clip', 'trained'] as const;

export const EMPTY_LINK: RunLink = {
  table: null,
  model: null,
  values: {},
  privacy: null,
  hide: [],
  lesson: null,
  trained: false,
  problems: [],
};

/** The hash (with its '#', or empty) of a link to this run. */
export function linkHash(parts: {
  table: string | null;
  settings: TrainingSettings;
  hide: readonly Section[];
  lesson?: { id: string; page: number } | null;
}): string {
  const { table, settings, hide, lesson } = parts;
  const params = new URLSearchParams();
  if (table) params.set('table', table);
  params.set('model', settings.model);
  for (const field of allFields(describeModel(settings.model)!))
    params.set(field.path, writeValue(valueAt(settings, field.path)));
  const dp = settings.differentialPrivacy;
  if (dp) {
    const { budget } = dp;
    params.set(
      'dp',
      budget.kind === 'epsilon' ? `epsilon:${budget.epsilon}` : `noise:${budget.noiseMultiplier}`,
    );
    params.set('dp.delta', dp.delta === null ? 'auto' : String(dp.delta));
    params.set('dp.clip', String(dp.clipNorm));
  }
  if (hide.length > 0) params.set('hide', hide.join(','));
  if (lesson) {
    params.set('lesson', lesson.id);
    params.set('page', String(lesson.page + 1));
  }
  return `#${params.toString()}`;
}

/** What a lesson page or a preset sets, as the link that sets it. */
export function setupLink(setup: RunSetup): RunLink {
  const values = Object.entries(setup.settings ?? {}).map(([path, value]) => [path, writeValue(value)]);
  return {
    ...EMPTY_LINK,
    table: setup.table ?? null,
    model: setup.model ?? null,
    values: Object.fromEntries(values),
  };
}

/** Reads a link's hash (with or without its '#'); an empty hash is the empty link. */
export function readLink(hash: string): RunLink {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const problems: string[] = [];
  const model = params.get('model');
  const description = model === null ? undefined : describeModel(model);
  if (model !== null && !description)
    problems.push(`The link names a model this page does not have: '${model}'.`);
  const values: Record<string, string> = {};
  for (const [key, value] of params) {
    if (!(KEYS as readonly string[]).includes(key)) values[key] = value;
  }
  const hide: Section[] = [];
  for (const name of (params.get('hide') ?? '').split(',').filter(Boolean)) {
    if (name in SECTIONS) hide.push(name as Section);
    else problems.push(`The link hides a part this page does not have: '${name}'.`);
  }
  const lessonId = params.get('lesson');
  const page = Number(params.get('page') ?? '1');
  return {
    table: params.get('table'),
    model: description ? (description.id as ModelId) : null,
    values,
    privacy: readPrivacy(params, problems),
    hide,
    lesson:
      lessonId === null ? null : { id: lessonId, page: Number.isInteger(page) && page >= 1 ? page - 1 : 0 },
    trained: params.get('trained') === '1',
    problems,
  };
}

/**
 * `settings` with the link's values set, each read as its field's control says; a value the model has
 * no field for, or that cannot be read, is named in `problems` (out-of-range values are set, and the
 * Model panel says what is wrong with them, as if typed).
 */
export function withLinkValues(
  settings: TrainingSettings,
  link: Pick<RunLink, 'values' | 'privacy'>,
): { settings: TrainingSettings; problems: string[] } {
  const description = describeModel(settings.model)!;
  const fields = new Map(allFields(description).map((f) => [f.path, f]));
  const problems: string[] = [];
  let next = settings;
  for (const [path, text] of Object.entries(link.values)) {
    const field = fields.get(path);
    if (!field) {
      problems.push(`The link sets '${path}', which ${description.label} does not have.`);
      continue;
    }
    const value = readValue(field.control, text);
    if (value === undefined) problems.push(`The link's ${field.label} cannot be read: '${text}'.`);
    else next = withValueAt(next, path, value);
  }
  if (link.privacy) {
    if (description.differentialPrivacy) next = { ...next, differentialPrivacy: link.privacy };
    else
      problems.push(
        `${description.label} does not train with differential privacy: the link's privacy is not used.`,
      );
  }
  return { settings: next, problems };
}

function writeValue(value: unknown): string {
  return Array.isArray(value) ? value.join(',') : String(value);
}

/** A setting's value from its text; undefined when the text is not one. Numbers keep every digit (String ↔ Number). */
function readValue(control: Control, text: string): unknown {
  switch (control.kind) {
    case 'number':
    case 'slider':
      return readNumber(text);
    case 'layers': {
      const sizes = text.split(',').map(readNumber);
      return sizes.some((s) => s === undefined) ? undefined : sizes;
    }
    case 'choice':
      return control.options.some((o) => o.value === text) ? text : undefined;
  }
}

function readNumber(text: string): number | undefined {
  const n = text.trim() === '' ? NaN : Number(text);
  return Number.isFinite(n) ? n : undefined;
}

function readPrivacy(params: URLSearchParams, problems: string[]): PrivacySettings | null {
  const budget = params.get('dp');
  if (budget === null) return null;
  const [kind, amount] = budget.split(':');
  const value = readNumber(amount ?? '');
  const delta = params.get('dp.delta') ?? 'auto';
  const clip = readNumber(params.get('dp.clip') ?? '1');
  const deltaValue = delta === 'auto' ? null : readNumber(delta);
  if (
    (kind !== 'epsilon' && kind !== 'noise') ||
    value === undefined ||
    clip === undefined ||
    deltaValue === undefined
  ) {
    problems.push(`The link's differential privacy cannot be read: 'dp=${budget}'.`);
    return null;
  }
  return {
    budget: kind === 'epsilon' ? { kind, epsilon: value } : { kind, noiseMultiplier: value },
    delta: deltaValue,
    clipNorm: clip,
  };
}

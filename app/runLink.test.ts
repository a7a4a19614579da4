import { describe, expect, it } from 'vitest';
import {
  allFields,
  defaultSettings,
  MODEL_DESCRIPTIONS,
  valueAt,
  withValueAt,
  type Control,
  type SettingField,
  type TrainingSettings,
} from '../src/api';
import { linkHash, readLink, withLinkValues } from './runLink';

/** A valid value of the field other than `current`, so a round trip that drops the field fails. */
function otherValue(field: SettingField, current: unknown): unknown {
  const fits = (value: unknown) =>
    fitsControl(field.control, value) && JSON.stringify(value) !== JSON.stringify(current);
  const control = field.control;
  const candidates: unknown[] =
    control.kind === 'choice'
      ? control.options.map((o) => o.value)
      : control.kind === 'layers'
        ? [[7, 5, 3]]
        : control.kind === 'slider'
          ? [control.min + control.step * 3, control.max, control.min]
          : // Digits a URL must keep exactly: a third, a small rate, a whole number.
            [
              (current as number) / 3,
              0.000123456789,
              (current as number) + 3,
              (control.min ?? 0) + 1,
              control.min,
            ];
  const value = candidates.find(fits);
  if (value === undefined)
    throw new Error(`no other valid value for ${field.path} (a single-option choice?)`);
  return value;
}

function fitsControl(control: Control, value: unknown): boolean {
  switch (control.kind) {
    case 'choice':
      return control.options.some((o) => o.value === value);
    case 'layers':
      return Array.isArray(value);
    case 'slider':
      return typeof value === 'number' && value >= control.min && value <= control.max;
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return false;
      const { integer, min, max, above, below } = control;
      return (
        (!integer || Number.isInteger(value)) &&
        (min === undefined || value >= min) &&
        (max === undefined || value <= max) &&
        (above === undefined || value > above) &&
        (below === undefined || value < below)
      );
    }
  }
}

/** Every leaf of a settings object, as dotted paths ("learningRates.generator"). */
function leafPaths(node: object, prefix = ''): string[] {
  return Object.entries(node).flatMap(([key, value]) =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? leafPaths(value as object, `${prefix}${key}.`)
      : [`${prefix}${key}`],
  );
}

/** Opens a link as the page does: the model's defaults, then what the link sets. */
function open(hash: string): { settings: TrainingSettings; table: string | null; problems: string[] } {
  const link = readLink(hash);
  const base = defaultSettings(link.model!);
  const { settings, problems } = withLinkValues(base, link);
  return { settings, table: link.table, problems: [...link.problems, ...problems] };
}

describe('a link to a run', () => {
  for (const description of MODEL_DESCRIPTIONS) {
    describe(description.label, () => {
      const fields = allFields(description);

      it('has a field for every setting, so each can be written to the link', () => {
        const paths = new Set(fields.map((f) => f.path));
        const missing = leafPaths(description.defaults).filter((p) => p !== 'model' && !paths.has(p));
        expect(missing, 'settings without a field cannot travel in a link').toEqual([]);
      });

      for (const field of fields) {
        it(`carries ${field.path} exactly`, () => {
          const defaults = defaultSettings(description.id);
          const changed = withValueAt(defaults, field.path, otherValue(field, valueAt(defaults, field.path)));
          const opened = open(linkHash({ table: 'cars.csv', settings: changed, hide: [] }));
          expect(opened.problems).toEqual([]);
          expect(opened.table).toBe('cars.csv');
          expect(opened.settings).toEqual(changed);
        });
      }

      if (description.differentialPrivacy) {
        it('carries differential privacy, by ε or by noise', () => {
          const base = defaultSettings(description.id);
          for (const dp of [
            { budget: { kind: 'epsilon', epsilon: 1.5 }, delta: null, clipNorm: 0.7 },
            { budget: { kind: 'noise', noiseMultiplier: 1.1 }, delta: 1e-6, clipNorm: 1 },
          ] as const) {
            const changed = { ...base, differentialPrivacy: dp, patience: 0 };
            expect(open(linkHash({ table: null, settings: changed, hide: [] })).settings).toEqual(changed);
          }
        });
      }
    });
  }

  it('carries the hidden sections and the lesson page', () => {
    const settings = defaultSettings('cgan');
    const link = readLink(
      linkHash({
        table: 'penguins.csv',
        settings,
        hide: ['forms', 'report'],
        lesson: { id: 'collapse', page: 2 },
      }),
    );
    expect(link.hide).toEqual(['forms', 'report']);
    expect(link.lesson).toEqual({ id: 'collapse', page: 2 });
  });

  it('names what it cannot use instead of dropping it', () => {
    const opened = open('#model=cgan&seed=abc&warp=9&hiddenSizes=64,x');
    expect(opened.problems).toEqual([
      "The link's Seed cannot be read: 'abc'.",
      "The link sets 'warp', which CGAN does not have.",
      "The link's Hidden sizes cannot be read: '64,x'.",
    ]);
    expect(opened.settings.seed).toBe(defaultSettings('cgan').seed);
    expect(readLink('#hide=forms,sofa').problems).toEqual([
      "The link hides a part this page does not have: 'sofa'.",
    ]);
    expect(readLink('#model=nope').problems).toEqual([
      "The link names a model this page does not have: 'nope'.",
    ]);
  });

  it('is empty without a hash: the plain page', () => {
    const link = readLink('');
    expect(link).toMatchObject({
      table: null,
      model: null,
      values: {},
      hide: [],
      lesson: null,
      problems: [],
    });
  });

  it('opens a demo on its trained run with trained=1, which is not a setting', () => {
    const link = readLink('#table=penguins.csv&trained=1');
    expect(link).toMatchObject({ table: 'penguins.csv', trained: true, values: {}, problems: [] });
    expect(readLink('#table=penguins.csv').trained).toBe(false);
  });
});

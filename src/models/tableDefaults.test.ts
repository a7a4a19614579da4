import { describe, expect, it } from 'vitest';
import type { ColumnSchema } from '../data/schema';
import { defaultSettings, MODEL_DESCRIPTIONS, settingsProblems } from './catalog';
import {
  derivedSettings,
  encodedWidth,
  QUICK_TABLE_ROWS,
  tableFacts,
  type TableFacts,
} from './tableDefaults';

const numeric = (name: string): ColumnSchema => ({
  name,
  kind: 'numeric',
  missing: 0,
  min: 0,
  max: 1,
  integer: false,
  decimals: 2,
});
const categorical = (name: string, counts: number[], missing = 0): ColumnSchema => ({
  name,
  kind: 'categorical',
  missing,
  levels: counts.map((_, i) => `${name}${i}`),
  counts,
});

/** Shaped like penguins: 4 numbers, 2 categories, a 3-class target. */
const small: TableFacts = {
  trainingRows: 275,
  columns: [
    ...['a', 'b', 'c', 'd'].map(numeric),
    categorical('island', [120, 100, 55]),
    categorical('species', [120, 100, 55]),
  ],
  target: 5,
};
/** Shaped like Adult: 6 numbers, 8 categories of 2 to 41 levels, a 24% class. */
const adultLike: TableFacts = {
  trainingRows: 26_049,
  columns: [
    ...['age', 'fnlwgt', 'education-num', 'capital-gain', 'capital-loss', 'hours'].map(numeric),
    ...[9, 16, 7, 15, 6, 5, 2].map((n, i) =>
      categorical(
        `c${i}`,
        Array.from({ length: n }, () => 100),
        i === 0 ? 50 : 0,
      ),
    ),
    categorical(
      'native-country',
      Array.from({ length: 41 }, () => 10),
    ),
    categorical('income', [19_800, 6_249]),
  ],
  target: 14,
};

describe('settings derived from the table', () => {
  it('keeps the quick defaults on a demo-sized table, and says why the CGAN', () => {
    const { settings, reasons } = derivedSettings(small);
    expect(settings).toEqual(defaultSettings('cgan'));
    expect(reasons.model).toMatch(/small table \(275 training rows\)/);
    expect(Object.keys(reasons)).toEqual(['model']);
  });

  it('shrinks the batch of a table too small for it, saying so', () => {
    const { settings, reasons } = derivedSettings({ ...small, trainingRows: 90 });
    expect(settings.batchSize).toBe(45);
    expect(reasons.batchSize).toBe('45: at most half of the 90 training rows.');
  });

  it('starts a table of thousands of rows on the CGAN with its large-table settings, with a reason per setting', () => {
    const { settings, reasons } = derivedSettings(adultLike);
    expect(settings).toMatchObject({
      model: 'cgan',
      batchSize: 64,
      gumbelTau: 0.2,
      numericEncoding: 'modes',
      // 3,000 planned steps would be 7 epochs of 408 steps: at least 10, so checks see several.
      epochs: 10,
      patience: 10,
    });
    for (const path of [
      'model',
      'batchSize',
      'gumbelTau',
      'numericEncoding',
      'learningRates.generator',
      'epochs',
      'patience',
    ])
      expect(reasons[path], path).toBeTruthy();
    expect(reasons.model).toMatch(/^26,049 training rows: the CGAN/);
    expect(reasons.batchSize).not.toMatch(/CTGAN/);
    expect(reasons.epochs).toMatch(/^About 4,080 steps \(408 an epoch\)/);
  });

  it.each(MODEL_DESCRIPTIONS.map((d) => d.id))(
    '%s: its settings derived for a large table pass its own checks (Train can go)',
    (model) => {
      const { settings } = derivedSettings(adultLike, model);
      expect(settingsProblems(settings)).toEqual([]);
    },
  );

  it("keeps PPO-GAN's likelihood stage at its share of a large table's fewer epochs, saying so", () => {
    const defaults = defaultSettings('ppogan') as { epochs: number; likelihoodEpochs: number };
    const { settings, reasons } = derivedSettings(adultLike, 'ppogan');
    const derived = settings as typeof defaults;
    expect(derived.epochs).toBeLessThan(defaults.likelihoodEpochs);
    expect(derived.likelihoodEpochs / derived.epochs).toBeCloseTo(
      defaults.likelihoodEpochs / defaults.epochs,
      1,
    );
    expect(derived.likelihoodEpochs).toBeLessThan(derived.epochs);
    expect(reasons.likelihoodEpochs).toMatch(/^\d+ of the \d+ epochs/);
  });

  it('sizes the CTGAN-style model for the table when it is chosen, without claiming it was the suggestion', () => {
    const { settings, reasons } = derivedSettings(adultLike, 'ctgan');
    expect(settings).toMatchObject({
      model: 'ctgan',
      batchSize: 500,
      generatorSizes: [256, 256],
      criticSizes: [256, 256],
      noiseSize: 128,
      // 3,000 planned steps at 53 steps an epoch.
      epochs: 57,
      patience: 10,
    });
    expect(reasons.model).toBeUndefined();
    for (const path of ['batchSize', 'generatorSizes', 'criticSizes', 'noiseSize', 'epochs', 'patience'])
      expect(reasons[path], path).toBeTruthy();
    expect(reasons.epochs).toMatch(/^About 3,021 steps \(53 an epoch\)/);
  });

  it('sizes a narrow table of a few thousand rows smaller: a tenth of its rows per batch, in whole packs', () => {
    const narrow: TableFacts = { ...small, trainingRows: QUICK_TABLE_ROWS + 1_234 };
    const { settings, reasons } = derivedSettings(narrow, 'ctgan');
    expect(settings).toMatchObject({ model: 'ctgan', batchSize: 320, generatorSizes: [128, 128] });
    expect(reasons.batchSize).toBe(
      '320: at most a tenth of the 3,234 training rows, a multiple of pac (10).',
    );
    expect(settings.epochs * Math.ceil(3_234 / 320)).toBeGreaterThanOrEqual(2_900);
  });

  it('names a rare target class as part of why', () => {
    const rare = {
      ...adultLike,
      columns: [...adultLike.columns.slice(0, 14), categorical('income', [25_500, 549])],
    };
    expect(derivedSettings(rare).reasons.model).toMatch(/rarest target class is 2% of rows/);
  });

  it('gives the CGAN and DSF-GAN on a large table Gumbel-softmax categories, mode-specific numbers and slower steps', () => {
    for (const model of ['cgan', 'dsfgan'] as const) {
      const { settings, reasons } = derivedSettings(adultLike, model);
      expect(settings, model).toMatchObject({
        gumbelTau: 0.2,
        numericEncoding: 'modes',
        learningRates: { generator: 2e-4, discriminator: 2e-4 },
      });
      for (const path of ['gumbelTau', 'numericEncoding', 'learningRates.generator'])
        expect(reasons[path], `${model} ${path}`).toBeTruthy();
    }
    // The quick defaults stay as they are: plain softmax, z-scores, 0.001.
    expect(derivedSettings(small, 'dsfgan').settings).toMatchObject({
      gumbelTau: 0,
      numericEncoding: 'standard',
      learningRates: { generator: 1e-3, discriminator: 1e-3 },
    });
  });

  it('counts encoded numbers as the encoder writes them, and training rows as readiness does', () => {
    expect(encodedWidth(small.columns)).toBe(4 * 11 + 3 + 3);
    expect(tableFacts({ readiness: { trainingRows: 275 }, columns: [], target: 0 }).trainingRows).toBe(275);
  });
});

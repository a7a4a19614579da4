/*
 * Presets: whole runs a teacher can start from, some of them failing on purpose. Each is plain data (the
 * demo table, the model, the settings it changes by their field's path); a failing one names the health
 * signals (src/eval/health.ts) that raise the page's banner when it fails, and says why it fails.
 * src/models/presets.test.ts trains each on its table and checks that it fails as it says.
 */
import type { SignalId } from '../eval/health';
import type { ModelId } from './catalog';

/** What a preset or a lesson page sets; what it leaves out stays as the page has it. */
export interface RunSetup {
  /** A demo table's file name (public/demos). */
  table?: string;
  model?: ModelId;
  /** Settings by their field's path ("learningRates.generator"); the others are the table's defaults. */
  settings?: Readonly<Record<string, number | string | readonly number[]>>;
}

export interface Preset extends RunSetup {
  id: string;
  title: string;
  /** What the run shows, in a sentence. */
  about: string;
  /**
   * Present when the preset fails on purpose and the health checks catch it: the signals that raise the
   * banner, and why it fails.
   */
  failure?: { signals: readonly SignalId[]; why: string };
}

export const PRESETS: readonly Preset[] = [
  {
    id: 'healthy',
    title: 'A healthy CGAN',
    table: 'penguins.csv',
    model: 'cgan',
    settings: { seed: 42 },
    about: 'The demo defaults: the generated columns close in on the real ones within a few hundred steps.',
  },
  {
    id: 'mode-collapse',
    title: 'Mode collapse',
    table: 'penguins.csv',
    model: 'cgan',
    settings: {
      noiseSize: 1,
      hiddenSizes: [8],
      'learningRates.generator': 0.02,
      'learningRates.discriminator': 0.02,
      seed: 42,
    },
    about: 'A generator with one noise number and a tiny layer, pushed hard.',
    failure: {
      signals: ['distinct', 'coverage', 'clamp'],
      why: 'With one noise number and a tiny layer the generator can write only a few kinds of row: it settles on the ones that fool the discriminator now, and the rest of the table goes missing.',
    },
  },
  {
    id: 'strong-discriminator',
    title: 'A discriminator far too strong',
    table: 'penguins.csv',
    model: 'cgan',
    settings: {
      'learningRates.generator': 0.0001,
      'learningRates.discriminator': 0.05,
      hiddenSizes: [256, 256],
      dropout: 0,
      // A seed whose run loses levels by step 500 whether the products fuse their multiply-adds
      // (relaxed SIMD) or not; at 42 only the fused run's trajectory kept them until step 600.
      seed: 7,
    },
    about: 'Wide networks without dropout; the discriminator learns 500 times faster than the generator.',
    failure: {
      signals: ['divergence', 'coverage', 'clamp'],
      why: 'The discriminator outruns the generator: its verdicts swing at every step and saturate, the generator chases a target that keeps jumping, and after a good start its rows get worse (the quality falls from its best) and lose columns’ levels.',
    },
  },
  {
    id: 'learning-rate-too-high',
    title: 'A learning rate far too high',
    table: 'penguins.csv',
    model: 'cgan',
    settings: { 'learningRates.generator': 0.3, 'learningRates.discriminator': 0.3, seed: 42 },
    about: 'Both players take steps 300 times the default.',
    failure: {
      signals: ['clamp', 'distinct', 'coverage'],
      why: 'Each step overshoots: the generator’s outputs run past the real range and pile up at its limits.',
    },
  },
  {
    id: 'imbalanced-unconditional',
    title: 'An imbalanced target: a rare class learned last',
    table: 'seattle-weather.csv',
    model: 'cgan',
    settings: { 'learningRates.generator': 0.0003, 'learningRates.discriminator': 0.0003, seed: 42 },
    about:
      'Seattle weather: rain and sun fill most days, snow 26 of 1,461; the CGAN draws conditions as often as the data has them, at a third of the default learning rate.',
    failure: {
      signals: ['classes'],
      why: 'Snowy days come up in about one batch row in fifty, so they weigh little in either loss: the generator learns to write rain and sun within a few hundred steps, and labels rows "snow" when asked, yet for over a thousand steps they are mild wet days, not cold ones. The whole-batch checks miss it (the quality stays near 0.9); reading each row\'s class from its other columns does not.',
    },
  },
];

export function findPreset(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}

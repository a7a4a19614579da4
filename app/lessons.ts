/*
 * Lessons as data: each page says what it sets on entry (table, model, settings, seed, the parts shown),
 * what to watch, and a question for the class. The page applies a lesson page as it applies a link
 * (app/runLink.ts); e2e/lessons.spec.ts walks every page and checks that it sets what it says.
 */
import { PRESETS, type RunSetup } from '../src/api';
import type { Section } from './runLink';

export interface LessonPage {
  title: string;
  /** Set on entry; the run is reset. Sections not listed in `hide` are shown. */
  set: RunSetup & { hide?: readonly Section[] };
  /** What to look at while it trains. */
  watch: string;
  question: string;
}

export interface Lesson {
  id: string;
  title: string;
  pages: readonly LessonPage[];
}

/** A preset's settings as a lesson page sets them. */
function preset(id: string): RunSetup {
  const { table, model, settings } = PRESETS.find((p) => p.id === id)!;
  return { table, model, settings };
}

const FOCUS: readonly Section[] = ['forms', 'samples', 'report'];

export const LESSONS: readonly Lesson[] = [
  {
    id: 'gan-learns-a-table',
    title: 'How a GAN learns a table',
    pages: [
      {
        title: 'Noise in, rows out',
        set: { ...preset('healthy'), hide: [...FOCUS, 'verdicts'] },
        watch:
          'Press S a few times: the orange bars (generated) against the grey ones (real), column by column.',
        question: 'Before any training, what do the generated rows look like? Why?',
      },
      {
        title: 'Two players',
        set: { ...preset('healthy'), hide: [...FOCUS, 'verdicts'] },
        watch: 'Press D, then G, a few times each: the loss chart gains one player’s point at a time.',
        question: 'When the discriminator steps alone, what happens to its loss? And to the generator’s?',
      },
      {
        title: 'Training to a likeness',
        set: { ...preset('healthy'), settings: { seed: 42, epochs: 200 }, hide: FOCUS },
        watch: 'Press Space and watch each column’s score (1: the real shape) climb, then the quality curve.',
        question: 'Which column does the generator get right first, and which last? Why might that be?',
      },
    ],
  },
  {
    id: 'mode-collapse',
    title: 'Mode collapse and how to spot it',
    pages: [
      {
        title: 'A healthy run to compare with',
        set: { ...preset('healthy'), hide: FOCUS },
        watch: 'The colour strips of generated rows: how varied are they?',
        question: 'How would you tell, from the strips alone, that the rows are varied?',
      },
      {
        title: 'The collapse',
        set: { ...preset('mode-collapse'), hide: FOCUS },
        watch:
          'The generated bars bunch into a few values; within a few hundred steps the banner names the signal.',
        question: 'The losses may look calm. Why are losses alone not enough to know a GAN is learning?',
      },
      {
        title: 'A way out',
        set: {
          ...preset('mode-collapse'),
          settings: { ...preset('mode-collapse').settings, noiseSize: 16, hiddenSizes: [64, 64] },
          hide: FOCUS,
        },
        watch: 'The same learning rates, with room to write varied rows: does the banner come back?',
        question: 'What did more noise numbers and a wider layer give the generator?',
      },
    ],
  },
  {
    id: 'imbalance',
    title: 'Why CTGAN samples by condition (imbalance)',
    pages: [
      {
        title: 'A rare kind of day',
        set: { ...preset('imbalanced-unconditional'), hide: ['samples', 'report'] },
        watch:
          'The weather column: snow and fog are a few bars among many. How does the generator do on them?',
        question: 'If a class turns up in 1 batch in 50, how much does the generator learn about it?',
      },
      {
        title: 'Training by sampling',
        set: {
          table: 'seattle-weather.csv',
          model: 'ctgan',
          settings: { seed: 42, epochs: 60 },
          hide: ['samples', 'report'],
        },
        // What the engine does (src/models/ctgan/conditions.ts): this table's only discrete column is its
        // target, and each training row's class is drawn with probability ∝ log(count + 1).
        watch:
          'The same table with CTGAN-style training by sampling: each training row’s kind of day is drawn with probability proportional to the log of its count, so snow, 26 of 1,461 days, fills about one batch row in eight instead of one in fifty. Does the generator keep snow now?',
        question:
          'Snow now comes up in every batch: why can a generator still lose it, and what did drawing it more often cost the common kinds?',
      },
    ],
  },
  {
    id: 'lambda-trade-off',
    title: 'Realism against usefulness: the λ trade-off',
    pages: [
      {
        title: 'λ = 0: realism only',
        set: {
          table: 'penguins.csv',
          model: 'dsfgan',
          settings: { seed: 42, 'feedback.lambda': 0 },
          hide: ['samples'],
        },
        watch:
          'The downstream panel: how well a model trained on generated rows predicts the real held-out ones.',
        question: 'Is a row that looks real always a row that teaches a model well?',
      },
      {
        title: 'λ = 1: usefulness too',
        set: {
          table: 'penguins.csv',
          model: 'dsfgan',
          settings: { seed: 42, 'feedback.lambda': 1 },
          hide: ['samples'],
        },
        watch:
          'The same seed with the downstream feedback on: compare the utility curve and the quality score.',
        question: 'What did the generator give up for usefulness, and was it worth it?',
      },
    ],
  },
  {
    id: 'fooled',
    title: 'What fooled the discriminator',
    pages: [
      {
        title: 'Verdicts on a fixed batch',
        set: { ...preset('healthy'), hide: ['forms', 'samples', 'report', 'watch'] },
        watch:
          'Train a little, then compute the map: fooled rows (green) among the real ones, rejected ones apart.',
        question: 'Where on the map do the fooled rows sit, and what do they have in common?',
      },
      {
        title: 'A discriminator too strong',
        set: { ...preset('strong-discriminator'), hide: ['forms', 'samples', 'report', 'watch'] },
        watch: 'The same map when the discriminator learns far faster than the generator.',
        question: 'If nothing fools the discriminator, why does the generator stop improving?',
      },
    ],
  },
];

export function findLesson(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}

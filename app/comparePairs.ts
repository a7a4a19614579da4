import {
  carryOver,
  derivedSettings,
  tableFacts,
  withValueAt,
  type ModelId,
  type TableView,
  type TrainingSettings,
} from '../src/api';

/*
 * What "Compare two runs" sets up: two runs on the loaded table with the same seed, which differ in one
 * thing the class wants to see the effect of. A side on the model the page has keeps the page's
 * settings; another model gets the settings derived for the table, with the page's seed.
 */

export interface CompareSide {
  label: string;
  colour: string;
  settings: TrainingSettings;
}

export interface ComparePair {
  id: 'lambda' | 'family';
  title: string;
  sides: readonly [CompareSide, CompareSide];
}

/** Two colours a projector and a colour-blind eye both tell apart (blue, vermilion). */
export const SIDE_COLOURS = ['#1d4ed8', '#c2410c'] as const;

export const PAIR_IDS: readonly ComparePair['id'][] = ['lambda', 'family'];

export function comparePair(id: ComparePair['id'], table: TableView, current: TrainingSettings): ComparePair {
  const on = (model: ModelId) =>
    current.model === model
      ? current
      : carryOver(current, derivedSettings(tableFacts(table), model).settings);
  if (id === 'lambda') {
    const base = on('dsfgan');
    return {
      id,
      title: 'DSF-GAN: λ = 0 against λ = 1',
      sides: [
        { label: 'λ = 0', colour: SIDE_COLOURS[0], settings: withValueAt(base, 'feedback.lambda', 0) },
        { label: 'λ = 1', colour: SIDE_COLOURS[1], settings: withValueAt(base, 'feedback.lambda', 1) },
      ],
    };
  }
  return {
    id,
    title: 'CGAN against CTGAN-style',
    sides: [
      { label: 'CGAN', colour: SIDE_COLOURS[0], settings: on('cgan') },
      { label: 'CTGAN-style', colour: SIDE_COLOURS[1], settings: on('ctgan') },
    ],
  };
}

/** The pair the page's model suggests: λ for DSF-GAN, the two families otherwise. */
export function defaultPairId(current: TrainingSettings): ComparePair['id'] {
  return current.model === 'dsfgan' ? 'lambda' : 'family';
}

import type { LearningRates } from './models/model';

export type ModelId = 'cgan';

/** Everything a user sets before training. With the same table, settings and seed a run repeats exactly. */
export interface TrainingSettings {
  model: ModelId;
  epochs: number;
  batchSize: number;
  learningRates: LearningRates;
  noiseSize: number;
  hiddenSizes: number[];
  dropout: number;
  seed: number;
}

/** Sized so the demo tables train to a recognisable result in well under a minute on two CPU cores. */
export const DEFAULT_SETTINGS: TrainingSettings = {
  model: 'cgan',
  epochs: 300,
  batchSize: 64,
  learningRates: { generator: 1e-3, discriminator: 1e-3 },
  noiseSize: 16,
  hiddenSizes: [64, 64],
  dropout: 0.1,
  seed: 42,
};

/** Messages naming each setting that is out of range; empty when all are usable. */
export function settingsProblems(s: TrainingSettings): string[] {
  const problems: string[] = [];
  const wholeAtLeast = (value: number, min: number, label: string) => {
    if (!Number.isInteger(value) || value < min)
      problems.push(`${label} must be a whole number of at least ${min}.`);
  };
  wholeAtLeast(s.epochs, 1, 'Epochs');
  wholeAtLeast(s.batchSize, 1, 'Batch size');
  wholeAtLeast(s.noiseSize, 1, 'Noise size');
  wholeAtLeast(s.seed, 0, 'Seed');
  if (s.hiddenSizes.length === 0) problems.push('Hidden sizes need at least one layer, e.g. "64, 64".');
  s.hiddenSizes.forEach((size) => wholeAtLeast(size, 1, 'Each hidden size'));
  if (!(s.dropout >= 0 && s.dropout < 1)) problems.push('Dropout must be at least 0 and below 1.');
  for (const [who, rate] of Object.entries(s.learningRates)) {
    if (!(rate > 0 && Number.isFinite(rate)))
      problems.push(`The ${who} learning rate must be a positive number.`);
  }
  return problems;
}

import type { Rng } from '../rng';
import type { ModelId, TrainingSettings } from '../settings';
import { Cgan } from './cgan';
import type { GanModel, TableShape } from './model';

export interface ModelInfo {
  id: ModelId;
  label: string;
  description: string;
}

/** The models a user can choose, in the order the chooser lists them. */
export const MODELS: readonly ModelInfo[] = [
  {
    id: 'cgan',
    label: 'CGAN',
    description: 'Conditional GAN: generator and discriminator both see the target, so rows can be asked for by class.',
  },
];

export function createModel(settings: TrainingSettings, shape: TableShape, rng: Rng): GanModel {
  switch (settings.model) {
    case 'cgan':
      return new Cgan(shape, settings, rng);
  }
}

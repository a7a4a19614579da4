import type { Rng } from '../rng';
import type { TrainingSettings } from '../settings';
import { Cgan } from './cgan';
import type { GanModel, TableShape } from './model';

export function createModel(settings: TrainingSettings, shape: TableShape, rng: Rng): GanModel {
  switch (settings.model) {
    case 'cgan':
      return new Cgan(shape, settings, rng);
  }
}

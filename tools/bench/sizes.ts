/**
 * The training setups every benchmark measures, in Node (workload.ts) and in the browser alike.
 * Free of tfjs, so the bench's driver process never loads it.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { type TrainingSettings, defaultSettings } from '../../src/models/catalog';

export const ROOT = resolve(import.meta.dirname, '../..');
export const ADULT_CSV = resolve(ROOT, '../shared/data/adult.csv');

export type SizeId = 'demo' | 'ctgan' | 'ctgan-model';

export interface Size {
  id: SizeId;
  label: string;
  /** Path of the table on disk; the browser bench uploads the same file. */
  table: string;
  /** The model and its settings. */
  settings: TrainingSettings;
}

export const SIZES: Record<SizeId, Size> = {
  demo: {
    id: 'demo',
    label: 'demo defaults (penguins, batch 64, hidden 64,64, noise 16)',
    table: resolve(ROOT, 'public/demos/penguins.csv'),
    settings: defaultSettings('cgan'),
  },
  ctgan: {
    id: 'ctgan',
    label: 'CTGAN-sized (Adult, batch 500, hidden 256,256, noise 128)',
    table: ADULT_CSV,
    settings: { ...defaultSettings('cgan'), batchSize: 500, hiddenSizes: [256, 256], noiseSize: 128 },
  },
  // The same sizes with CTGAN's own model: what `--peer` times CTGAN itself in PyTorch against (peer.ts).
  'ctgan-model': {
    id: 'ctgan-model',
    label: 'CTGAN model (Adult, its defaults: WGAN-GP critic, pac 10, mode-specific normalisation)',
    table: ADULT_CSV,
    settings: defaultSettings('ctgan'),
  },
};

export const SIZE_IDS = Object.keys(SIZES) as SizeId[];

/** Why a size cannot run here, or null when it can. */
export function sizeUnavailable(size: Size): string | null {
  return existsSync(size.table) ? null : `${size.table} is absent`;
}

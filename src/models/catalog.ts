import type { ModelId } from './settings';

/* The model chooser's list: plain data, so the page can show it without loading tfjs. */

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
    description:
      'Conditional GAN: generator and discriminator both see the target, so rows can be asked for by class.',
  },
  {
    id: 'ctgan',
    label: 'CTGAN-style',
    description:
      'CTGAN (Xu et al., 2019): mode-specific scaling of numbers, conditions drawn to favour rare categories, a packed Wasserstein critic.',
  },
  {
    id: 'dsfgan',
    label: 'DSF-GAN',
    description:
      'DSF-GAN (Perets and Rappoport, 2024): the CGAN, plus λ times the loss of a downstream model fitted on the real rows, so the generator learns rows that predict the target.',
  },
  {
    id: 'tablegan',
    label: 'table-GAN',
    description:
      'table-GAN (Park et al., 2018): each row as a small image for convolutional networks, a classifier that keeps labels consistent, and δ privacy thresholds.',
  },
];

import type * as tf from './tf';

/**
 * Changes an Adam optimizer's learning rate in place. Recreating the optimizer instead would reset its
 * moment estimates (and leak them unless disposed). tfjs reads the field on every step but marks it
 * protected, hence the cast.
 */
export function setLearningRate(optimizer: tf.AdamOptimizer, learningRate: number): void {
  (optimizer as unknown as { learningRate: number }).learningRate = learningRate;
}

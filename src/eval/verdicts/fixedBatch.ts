import type { EncodedRows } from '../../encoding/encoder';
import type { TrainableModel } from '../../models/model';
import * as tf from '../../nn/tf';
import { createRng, type Rng } from '../../rng';

/** Generated rows in the fixed batch: the verdict snapshots score it, the health checks read it. */
export const BATCH_SIZE = 2048;

/**
 * One FIXED batch of generated rows per run: the same noise and conditions every time it is generated,
 * so what changes between two looks at it is the generator alone. The verdict lab scores it with the
 * discriminator; the run's health checks decode it (src/train/healthMonitor.ts). Both draw it from the
 * run's verdict seed, so they see the same rows.
 */
export interface FixedBatch {
  /** Seeds a fresh noise stream at every generation. */
  noiseSeed: number;
  /** BATCH_SIZE conditions of random training rows (row-major), so the batch follows the target's distribution. */
  conditions: Float32Array;
  conditionWidth: number;
}

export function fixedBatch(rows: EncodedRows, conditionWidth: number, verdictSeed: number): FixedBatch {
  const rng = createRng(verdictSeed);
  const noiseSeed = rng.seed();
  const conditions = conditionsOfRandomRows(rows, conditionWidth, BATCH_SIZE, createRng(rng.seed()));
  return { noiseSeed, conditions, conditionWidth };
}

/** Conditions of `count` random rows (row-major), so generated rows follow the target's distribution. */
export function conditionsOfRandomRows(
  rows: EncodedRows,
  conditionWidth: number,
  count: number,
  rng: Rng,
): Float32Array {
  const out = new Float32Array(count * conditionWidth);
  for (let i = 0; i < count; i++) {
    const row = rng.int(rows.count);
    out.set(rows.conditions.subarray(row * conditionWidth, (row + 1) * conditionWidth), i * conditionWidth);
  }
  return out;
}

/** The batch's conditions on the device; the caller disposes them. */
export function batchConditions(batch: FixedBatch): tf.Tensor2D {
  return tf.tensor2d(batch.conditions, [BATCH_SIZE, batch.conditionWidth]);
}

/** The generator's rows for the batch now (inference mode), from the batch's own noise stream. */
export function generateBatch(
  model: TrainableModel,
  batch: FixedBatch,
  conditions: tf.Tensor2D,
): tf.Tensor2D {
  return model.generate(conditions, createRng(batch.noiseSeed));
}

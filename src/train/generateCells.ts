import * as tf from '../nn/tf';
import type { Cell } from '../data/table';
import type { TableCodec } from '../encoding/codec';
import type { GanModel } from '../models/model';
import type { Rng } from '../rng';
import type { Trainer } from './trainer';

/** Rows per generator call, so a large request never holds a huge tensor on the device. */
const CHUNK_ROWS = 2048;

/**
 * Generates `count` rows as table cells (the codec's `outputColumns`), their conditions drawn from the
 * training rows' target distribution. Inference only: the model and the training streams are untouched,
 * so evaluating a run never changes how it trains.
 */
export async function generateCells(
  model: GanModel,
  trainer: Trainer,
  codec: TableCodec,
  count: number,
  rng: Rng,
): Promise<Cell[][]> {
  const features = new Float32Array(count * codec.featureWidth);
  const conditions = new Float32Array(count * codec.conditionWidth);
  for (let start = 0; start < count; start += CHUNK_ROWS) {
    const size = Math.min(CHUNK_ROWS, count - start);
    const condition = trainer.sampleConditions(size, rng);
    const generated = model.generate(condition, rng);
    try {
      const [f, c] = await Promise.all([generated.data(), condition.data()]);
      features.set(f as Float32Array, start * codec.featureWidth);
      conditions.set(c as Float32Array, start * codec.conditionWidth);
    } finally {
      tf.dispose([condition, generated]);
    }
  }
  return codec.decodeRows(features, conditions);
}

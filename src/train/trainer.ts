import * as tf from '../nn/tf';
import type { EncodedRows } from '../encoding/encoder';
import type { Batch, NetworkPart, RowSampler, TrainableModel } from '../models/model';
import { createRng, permutation, type Rng, type RngState } from '../rng';

/** The series of one step: the model's losses, then its metrics; null for one the step did not update. */
export interface StepLosses {
  step: number;
  values: (number | null)[];
  /** Index of the model's stage the step trained in (0 for a model without stages). */
  stage: number;
}

/** Where the trainer is: steps taken, this epoch's row order and its random streams. */
export interface TrainerState {
  completed: number;
  order: Int32Array;
  batchRng: RngState;
  modelRng: RngState;
}

/** What one step trains: both players, as training does, or one of them (`TrainableModel.trainPart`). */
export type StepPart = 'both' | NetworkPart;

/**
 * The training loop's mechanics, independent of any model: the encoded table lives on the device
 * (uploaded once), each epoch visits the rows in a seeded random order in fixed-size batches, and the
 * loss scalars of many steps stay on the device until `readLosses` fetches them in one transfer.
 */
/**
 * Steps in one epoch of `rows` rows: the whole batches that fit when rows are visited in order (a batch
 * never larger than the table), or rows ÷ batch size rounded when the model samples its rows.
 */
export function stepsPerEpochOf(rows: number, batchSize: number, sampled: boolean): number {
  const size = sampled ? Math.max(1, batchSize) : Math.max(1, Math.min(batchSize, rows));
  const batches = rows / size;
  return Math.max(1, sampled ? Math.round(batches) : Math.floor(batches));
}

export class Trainer {
  readonly batchSize: number;
  readonly stepsPerEpoch: number;
  private readonly features: tf.Tensor2D;
  private readonly conditions: tf.Tensor2D;
  private readonly rowCount: number;
  private readonly batchRng: Rng;
  private readonly modelRng: Rng;
  private readonly sampler: RowSampler | undefined;
  private order: Int32Array = new Int32Array(0);
  private pending: { step: number; stage: number; losses: (tf.Scalar | null)[] }[] = [];
  private completed = 0;
  /** The last step's batch: row indices into the encoded rows (a model that samples may repeat one). */
  private lastBatch: Int32Array = new Int32Array(0);

  constructor(
    private readonly model: TrainableModel,
    rows: EncodedRows,
    batchSize: number,
    seed: number,
  ) {
    const rng = createRng(seed);
    this.batchRng = createRng(rng.seed());
    this.modelRng = createRng(rng.seed());
    this.rowCount = rows.count;
    this.sampler = model.rowSampler?.(rows);
    // Fixed batch shapes let GPU backends reuse compiled kernels. Visiting rows in order, a batch never
    // exceeds the table; a model that samples rows (with replacement) keeps the size it asked for.
    this.batchSize = this.sampler ? Math.max(1, batchSize) : Math.max(1, Math.min(batchSize, rows.count));
    this.stepsPerEpoch = stepsPerEpochOf(rows.count, batchSize, this.sampler !== undefined);
    this.features = tf.tensor2d(rows.features, [rows.count, rows.features.length / rows.count || 0]);
    this.conditions = tf.tensor2d(rows.conditions, [rows.count, rows.conditions.length / rows.count || 0]);
  }

  get stepsDone(): number {
    return this.completed;
  }

  /** The rows of the last step's batch, as indices into the encoded rows; empty before the first step. */
  get lastRows(): Int32Array {
    return this.lastBatch;
  }

  /** Whether the model can train one player at a time. */
  get trainsParts(): boolean {
    return typeof this.model.trainPart === 'function';
  }

  /** Runs one training step of the model (or one player's half); its losses wait on the device. */
  step(part: StepPart = 'both'): void {
    if (part !== 'both' && !this.model.trainPart) throw new Error('This model trains both players at once.');
    const draw = this.sampler?.draw(this.batchSize, this.batchRng);
    let rows: Int32Array;
    if (draw) rows = draw.rows;
    else {
      const stepInEpoch = this.completed % this.stepsPerEpoch;
      if (stepInEpoch === 0) this.order = permutation(this.rowCount, this.batchRng);
      const start = stepInEpoch * this.batchSize;
      rows = this.order.subarray(start, start + this.batchSize);
    }
    // Kept as it is, no copy on this hot path: each epoch's order and each draw is a new array.
    this.lastBatch = rows;
    const stage = this.stageAt(this.completed);
    // tidy keeps only tensors: the series a part leaves out are put back as nulls after it.
    let updated: boolean[] = [];
    const kept = tf.tidy(() => {
      const indices = tf.tensor1d(rows, 'int32');
      const batch: Batch = {
        features: tf.gather(this.features, indices) as tf.Tensor2D,
        conditions: tf.gather(this.conditions, indices) as tf.Tensor2D,
        stage,
      };
      if (draw) batch.drawn = tf.tensor2d(draw.vectors, [rows.length, draw.width]);
      const losses =
        part === 'both'
          ? this.model.trainStep(batch, this.modelRng)
          : this.model.trainPart!(part, batch, this.modelRng);
      updated = losses.map((l) => l !== null);
      return losses.filter((l): l is tf.Scalar => l !== null);
    });
    let next = 0;
    this.completed++;
    this.pending.push({
      step: this.completed,
      stage,
      losses: updated.map((u) => (u ? kept[next++]! : null)),
    });
  }

  /** Its place, for a checkpoint; the losses of every step taken must have been read. */
  state(): TrainerState {
    if (this.pending.length > 0) throw new Error('Read the losses before taking the trainer state.');
    return {
      completed: this.completed,
      order: this.order.slice(),
      batchRng: this.batchRng.state(),
      modelRng: this.modelRng.state(),
    };
  }

  restore(state: TrainerState): void {
    this.completed = state.completed;
    this.order = state.order.slice();
    this.batchRng.restore(state.batchRng);
    this.modelRng.restore(state.modelRng);
  }

  /** Fetches the losses of every step since the last call, in one device-to-host transfer. */
  async readLosses(): Promise<StepLosses[]> {
    const pending = this.pending;
    this.pending = [];
    if (pending.length === 0) return [];
    const all = pending.flatMap((p) => p.losses.filter((l): l is tf.Scalar => l !== null));
    const stacked = tf.stack(all);
    try {
      const values = await stacked.data();
      let next = 0;
      return pending.map((p) => ({
        step: p.step,
        values: p.losses.map((l) => (l === null ? null : values[next++]!)),
        stage: p.stage,
      }));
    } finally {
      stacked.dispose();
      tf.dispose(all);
    }
  }

  /** The stage that the step after `stepsDone` steps trains in: each lasts its epochs, the last to the end. */
  stageAt(stepsDone: number): number {
    const stages = this.model.stages ?? [];
    let end = 0;
    for (let i = 0; i + 1 < stages.length; i++) {
      end += stages[i]!.epochs * this.stepsPerEpoch;
      if (stepsDone < end) return i;
    }
    return Math.max(0, stages.length - 1);
  }

  /** Random real conditions (target values) for generating rows that follow the target's distribution. */
  sampleConditions(count: number, rng: Rng): tf.Tensor2D {
    return tf.tidy(() => {
      const indices = Int32Array.from({ length: count }, () => rng.int(this.rowCount));
      return tf.gather(this.conditions, tf.tensor1d(indices, 'int32')) as tf.Tensor2D;
    });
  }

  dispose(): void {
    tf.dispose(this.pending.flatMap((p) => p.losses.filter((l): l is tf.Scalar => l !== null)));
    this.pending = [];
    this.features.dispose();
    this.conditions.dispose();
  }
}

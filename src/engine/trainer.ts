import * as tf from './tf';
import type { EncodedRows } from './encoder';
import type { GanModel } from './models/model';
import { createRng, permutation, type Rng } from './rng';

/** Losses of one step, in the model's `lossNames` order. */
export interface StepLosses {
  step: number;
  values: number[];
}

/**
 * The training loop's mechanics, independent of any model: the encoded table lives on the device
 * (uploaded once), each epoch visits the rows in a seeded random order in fixed-size batches, and the
 * loss scalars of many steps stay on the device until `readLosses` fetches them in one transfer.
 */
export class Trainer {
  readonly batchSize: number;
  readonly stepsPerEpoch: number;
  private readonly features: tf.Tensor2D;
  private readonly conditions: tf.Tensor2D;
  private readonly rowCount: number;
  private readonly batchRng: Rng;
  private readonly modelRng: Rng;
  private order: Int32Array = new Int32Array(0);
  private pending: { step: number; losses: tf.Scalar[] }[] = [];
  private completed = 0;

  constructor(
    private readonly model: GanModel,
    rows: EncodedRows,
    batchSize: number,
    seed: number,
  ) {
    const rng = createRng(seed);
    this.batchRng = createRng(rng.seed());
    this.modelRng = createRng(rng.seed());
    this.rowCount = rows.count;
    // Fixed batch shapes let GPU backends reuse compiled kernels; a batch never exceeds the table.
    this.batchSize = Math.max(1, Math.min(batchSize, rows.count));
    this.stepsPerEpoch = Math.max(1, Math.floor(rows.count / this.batchSize));
    this.features = tf.tensor2d(rows.features, [rows.count, rows.features.length / rows.count || 0]);
    this.conditions = tf.tensor2d(rows.conditions, [rows.count, rows.conditions.length / rows.count || 0]);
  }

  get stepsDone(): number {
    return this.completed;
  }

  /** Runs one discriminator and one generator update; its losses wait on the device. */
  step(): void {
    const stepInEpoch = this.completed % this.stepsPerEpoch;
    if (stepInEpoch === 0) this.order = permutation(this.rowCount, this.batchRng);
    const start = stepInEpoch * this.batchSize;
    const losses = tf.tidy(() => {
      const indices = tf.tensor1d(this.order.subarray(start, start + this.batchSize), 'int32');
      const batch = {
        features: tf.gather(this.features, indices) as tf.Tensor2D,
        conditions: tf.gather(this.conditions, indices) as tf.Tensor2D,
      };
      return this.model.trainStep(batch, this.modelRng);
    });
    this.completed++;
    this.pending.push({ step: this.completed, losses });
  }

  /** Fetches the losses of every step since the last call, in one device-to-host transfer. */
  async readLosses(): Promise<StepLosses[]> {
    const pending = this.pending;
    this.pending = [];
    if (pending.length === 0) return [];
    const all = pending.flatMap((p) => p.losses);
    const stacked = tf.stack(all);
    try {
      const values = await stacked.data();
      const width = this.model.lossNames.length;
      return pending.map((p, i) => ({
        step: p.step,
        values: Array.from(values.subarray(i * width, (i + 1) * width)),
      }));
    } finally {
      stacked.dispose();
      tf.dispose(all);
    }
  }

  /** Random real conditions (target values) for generating rows that follow the target's distribution. */
  sampleConditions(count: number, rng: Rng): tf.Tensor2D {
    return tf.tidy(() => {
      const indices = Int32Array.from({ length: count }, () => rng.int(this.rowCount));
      return tf.gather(this.conditions, tf.tensor1d(indices, 'int32')) as tf.Tensor2D;
    });
  }

  dispose(): void {
    tf.dispose(this.pending.flatMap((p) => p.losses));
    this.pending = [];
    this.features.dispose();
    this.conditions.dispose();
  }
}

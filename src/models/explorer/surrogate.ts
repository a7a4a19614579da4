import * as tf from '../../nn/tf';
import type { EncodedRows } from '../../encoding/encoder';
import { applyMlp, createMlp, disposeMlp, mlpVariables, type DenseLayer } from '../../nn/mlp';
import { adam } from '../../nn/optimizer';
import { createRng, permutation, type Rng } from '../../rng';
import { argmax, type BlackBox } from './blackBox';
import type { RowLayout } from './rowDraw';
import type { ModelState, Preparing } from '../model';

/** Real rows (and as many shuffled ones) the surrogate is first distilled on, at most. */
const BASE_ROWS = 5_000;
/** The generator's most recent rows the surrogate keeps relearning, with the forest's answers. */
const RECENT_ROWS = 4_096;
const HIDDEN = [64, 64];
const FIT = { learningRate: 3e-3, firstSteps: 300, batchSize: 256, stepsPerPiece: 10 } as const;

/** Rows with the forest's class probabilities, row-major. */
interface Answered {
  rows: Float32Array;
  probabilities: Float32Array;
  count: number;
}

/**
 * A differentiable stand-in for the forest: a small network distilled from the forest's class
 * probabilities (soft cross-entropy). It first learns on real training rows and on as many rows of
 * shuffled real columns (each column from another row: places real rows never reach, where a generator
 * may go), then, every step, on the generator's newest rows, a sample of its recent ones and of the
 * first set, so it stays accurate where the generator goes without forgetting the rest.
 */
export class Surrogate {
  private readonly layers: DenseLayer[];
  private readonly optimizer: tf.AdamOptimizer;
  private readonly recent: Answered;
  private recentNext = 0;

  private constructor(
    private readonly layout: RowLayout,
    private readonly blackBox: BlackBox,
    private readonly base: Answered,
    rng: Rng,
  ) {
    const { width } = layout;
    const classes = blackBox.classCount;
    this.layers = createMlp([width, ...HIDDEN, classes], rng);
    this.optimizer = adam(FIT.learningRate);
    this.recent = {
      rows: new Float32Array(RECENT_ROWS * width),
      probabilities: new Float32Array(RECENT_ROWS * classes),
      count: 0,
    };
  }

  /**
   * Distils a surrogate of `blackBox` on its first rows, in pieces that say how far it is (see
   * TrainableModel.preparation): the forest's answers about them, then FIT.firstSteps steps.
   */
  static *distil(
    layout: RowLayout,
    blackBox: BlackBox,
    rows: EncodedRows,
    seed: number,
  ): Generator<Preparing, Surrogate, void> {
    const rng = createRng(seed);
    const { width } = layout;
    const classes = blackBox.classCount;
    const first = baseRows(layout, rows, rng);
    const answers = yield* blackBox.answer(first, 'Asking the forest about the surrogate’s first rows');
    const base = { rows: first, probabilities: Float32Array.from(answers), count: first.length / width };
    const surrogate = new Surrogate(layout, blackBox, base, rng);
    for (let i = 0; i < FIT.firstSteps; i++) {
      tf.dispose(surrogate.fitStep(sample(base, FIT.batchSize, rng, width, classes), 0));
      if ((i + 1) % FIT.stepsPerPiece === 0)
        yield {
          label: `Distilling the surrogate: step ${i + 1} of ${FIT.firstSteps}`,
          fraction: (i + 1) / FIT.firstSteps,
        };
    }
    return surrogate;
  }

  /** Class probabilities of rows (softmax of the network's outputs). */
  probabilities(rows: tf.Tensor2D): tf.Tensor2D {
    return tf.softmax(applyMlp(this.layers, rows, { dropout: 0 }));
  }

  /**
   * Learns the forest's answers about the generator's newest rows (and a sample of its recent ones and of
   * the first set). Returns the distillation loss and, measured before the update, the share of the
   * newest rows on whose likeliest class it agrees with the forest.
   */
  learn(
    rows: Float32Array,
    probabilities: Float64Array,
    rng: Rng,
  ): { loss: tf.Scalar; agreement: tf.Scalar } {
    const { width } = this.layout;
    const classes = this.blackBox.classCount;
    const count = rows.length / width;
    const newest: Answered = { rows, probabilities: Float32Array.from(probabilities), count };
    const batch = concatAnswered([
      newest,
      sample(this.recent, count, rng, width, classes),
      sample(this.base, count, rng, width, classes),
    ]);
    this.remember(newest);
    const [loss, agreement] = this.fitStep(batch, count);
    return { loss: loss!, agreement: agreement! };
  }

  /** Share of `rows` on whose likeliest class the surrogate and the forest agree. */
  agreement(rows: Float32Array): number {
    const count = rows.length / this.layout.width;
    if (count === 0) return NaN;
    const classes = this.blackBox.classCount;
    const forest = this.blackBox.probabilities(rows);
    const output = tf.tidy(() => this.probabilities(tf.tensor2d(rows, [count, this.layout.width])));
    const mine = output.dataSync();
    output.dispose();
    let agree = 0;
    for (let r = 0; r < count; r++)
      if (argmax(mine, r * classes, classes) === argmax(forest, r * classes, classes)) agree++;
    return agree / count;
  }

  /** Its weights and optimizer, for checkpoints; the rows it has answered are refilled as it trains. */
  state(): ModelState {
    return { variables: mlpVariables(this.layers), optimizers: [this.optimizer] };
  }

  dispose(): void {
    disposeMlp(this.layers);
    this.optimizer.dispose();
  }

  /** One Adam step on `batch`; returns the loss and the agreement on its first `measured` rows. */
  private fitStep(batch: Answered, measured: number): tf.Scalar[] {
    const { width } = this.layout;
    const classes = this.blackBox.classCount;
    return tf.tidy(() => {
      const x = tf.tensor2d(batch.rows, [batch.count, width]);
      const target = tf.tensor2d(batch.probabilities, [batch.count, classes]);
      let agreement: tf.Scalar = tf.scalar(NaN);
      const loss = this.optimizer.minimize(
        () => {
          const logits = applyMlp(this.layers, x, { dropout: 0 });
          if (measured > 0) {
            const first = tf.slice(logits, [0, 0], [measured, classes]);
            const truth = tf.slice(target, [0, 0], [measured, classes]);
            agreement = tf.keep(
              tf.mean(tf.cast(tf.equal(tf.argMax(first, 1), tf.argMax(truth, 1)), 'float32')),
            );
          }
          return tf.neg(tf.mean(tf.sum(tf.mul(target, tf.logSoftmax(logits)), 1))) as tf.Scalar;
        },
        true,
        mlpVariables(this.layers),
      )!;
      return [loss, agreement];
    });
  }

  /** Keeps the newest rows in a ring of RECENT_ROWS. */
  private remember(newest: Answered): void {
    const { width } = this.layout;
    const classes = this.blackBox.classCount;
    for (let r = 0; r < newest.count; r++) {
      const at = this.recentNext;
      this.recent.rows.set(newest.rows.subarray(r * width, (r + 1) * width), at * width);
      this.recent.probabilities.set(
        newest.probabilities.subarray(r * classes, (r + 1) * classes),
        at * classes,
      );
      this.recentNext = (at + 1) % RECENT_ROWS;
      this.recent.count = Math.min(RECENT_ROWS, this.recent.count + 1);
    }
  }
}

/** A seeded sample of real training rows, then as many rows whose columns each come from another real row. */
function baseRows(layout: RowLayout, rows: EncodedRows, rng: Rng): Float32Array {
  const { width } = layout;
  const real = permutation(rows.count, rng).subarray(0, Math.min(rows.count, BASE_ROWS));
  const out = new Float32Array(2 * real.length * width);
  real.forEach((row, i) => out.set(rows.features.subarray(row * width, (row + 1) * width), i * width));
  for (let i = real.length; i < 2 * real.length; i++) {
    for (const [offset, span] of layout.columns) {
      const from = rng.int(rows.count) * width + offset;
      out.set(rows.features.subarray(from, from + span), i * width + offset);
    }
  }
  return out;
}

/** `count` rows drawn with replacement from `source` (none when it is empty). */
function sample(source: Answered, count: number, rng: Rng, width: number, classes: number): Answered {
  const n = source.count > 0 ? count : 0;
  const rows = new Float32Array(n * width);
  const probabilities = new Float32Array(n * classes);
  for (let i = 0; i < n; i++) {
    const r = rng.int(source.count);
    rows.set(source.rows.subarray(r * width, (r + 1) * width), i * width);
    probabilities.set(source.probabilities.subarray(r * classes, (r + 1) * classes), i * classes);
  }
  return { rows, probabilities, count: n };
}

function concatAnswered(parts: Answered[]): Answered {
  const rows = new Float32Array(parts.reduce((s, p) => s + p.rows.length, 0));
  const probabilities = new Float32Array(parts.reduce((s, p) => s + p.probabilities.length, 0));
  let r = 0;
  let p = 0;
  for (const part of parts) {
    rows.set(part.rows, r);
    probabilities.set(part.probabilities, p);
    r += part.rows.length;
    p += part.probabilities.length;
  }
  return { rows, probabilities, count: parts.reduce((s, q) => s + q.count, 0) };
}

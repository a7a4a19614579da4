import * as tf from '../../nn/tf';
import type { EncodedRows, TableEncoder } from '../../encoding/encoder';
import { logisticLoss } from '../../nn/logisticLoss';
import { applyMlp, createMlp, disposeMlp, mlpVariables, type DenseLayer } from '../../nn/mlp';
import { adam, setLearningRate } from '../../nn/optimizer';
import { randomNormal } from '../../nn/random';
import { SpanActivation } from '../../nn/spanActivation';
import { createRng, type Rng } from '../../rng';
import type { Batch, Discrimination, ModelState, Preparing, TrainableModel } from '../model';
import { confidenceFloor, drawAsks, obtainedConfidence, type Ask } from './asks';
import { argmax, BlackBox } from './blackBox';
import { EXPLORER_SERIES, type ExplorerTrainingSettings } from './description';
import { RowLayout } from './rowDraw';
import { RealAnswers } from './realAnswers';
import { RealMoments } from './moments';
import { Surrogate } from './surrogate';

/** What the explorer reads of its settings. */
export type ExplorerSettings = Omit<ExplorerTrainingSettings, 'model' | 'epochs' | 'seed'>;

/** The least a number's output reaches either side of its median (z-units); its row snaps back into range. */
const REACH_LEAST = 0.1;
/** The gradient-free estimator draws this many rows per ask and compares each with the others' mean. */
const GROUP = 4;
/** The policy's spread on numbers (z-units): where it starts, and the least it may shrink to. */
const SPREAD = { initial: 0.5, least: 0.05 } as const;
/**
 * The moment term's weight (RealMoments) per unit of realism weight: 0.05 at the bench's 0.7. On Adult
 * at 0.7 (seeds 42, 7, 3) it took the quality score from 0.813, 0.745, 0.705 to 0.903, 0.891, 0.880,
 * the MAE still under 0.05; 0.1 put seed 42's MAE at 0.051, 0.3 and more at 0.06–0.07
 * (docs/benchmarks.md).
 */
const MOMENT_SHARE = 0.05 / 0.7;

/** Generated rows with the forest's answers about them. */
export interface Explored {
  /** Row-major encoded rows, as the forest saw them (one-hot categories, clamped numbers). */
  rows: Float32Array;
  /** The forest's class probabilities, `classCount` per row. */
  probabilities: Float64Array;
}

/** What the explorer prepares before its first step. */
interface Prepared {
  blackBox: BlackBox;
  /** The forest's answers about the real training rows, by confidence. */
  realAnswers: RealAnswers;
  surrogate: Surrogate | null;
}

/**
 * The black-box explorer: a generator maps noise, an asked confidence c and an optional asked class to a
 * row; its loss is the mean absolute error between c and the confidence the random forest itself gives
 * the row (plus, with a realism weight above 0, a discriminator's non-saturating loss). The forest has no
 * gradient, so the generator learns either
 * - through a surrogate: a small network distilled from the forest's answers, on real rows, on rows of
 *   shuffled real columns and on the generator's own recent rows (refreshed every step), differentiated
 *   at the row the forest sees (categories one-hot, straight-through to their softmax); or
 * - gradient-free: the generator is a policy (categories drawn from its softmax, numbers from a normal of
 *   learned spread) and the score-function estimator weighs each row's log-probability by its cost, as
 *   the forest answers, against the mean cost of the other rows drawn for the same ask.
 * With a realism weight above 0, a discriminator judges each row beside its ask, against real rows the
 * forest scores as asked (RealAnswers), and its pull on the generator is capped at the confidence
 * term's, times the weight: realism then refines rows that still hit their ask. A moment term joins it:
 * a batch asked as real rows are answered is pulled toward the real rows' column shapes and pairs
 * (RealMoments), less any part of its pull against the confidence term (through the surrogate).
 * The MAE it reports each step is always the forest's, on the rows the generator just wrote.
 */
export class Explorer implements TrainableModel {
  readonly lossNames: readonly string[];
  readonly metricNames: readonly string[];
  readonly classCount: number;
  /** Only with a realism weight above 0; the verdicts panel then works as for a GAN. */
  readonly discriminate?: (features: tf.Tensor2D, conditions: tf.Tensor2D) => Discrimination;
  private readonly layout: RowLayout;
  private readonly generator: DenseLayer[];
  private readonly logSpread: tf.Variable | null;
  private readonly discriminator: DenseLayer[] | null;
  private readonly activation: SpanActivation;
  private readonly generatorOptimizer: tf.AdamOptimizer;
  private readonly discriminatorOptimizer: tf.AdamOptimizer | null;
  private readonly numericMask: tf.Tensor1D;
  private readonly categoryMask: tf.Tensor1D;
  /** Where each number's output starts (RowLayout.centre) and how far it may go above and below (z-units). */
  private readonly reach: { centre: tf.Tensor1D; above: tf.Tensor1D; below: tf.Tensor1D };
  /** The real training rows, row-major. */
  private readonly realRows: Float32Array;
  /** The real rows' shapes and pairs, for the moment term; only through the surrogate with a realism weight above 0. */
  private readonly moments: RealMoments | null;
  /** The forest, its answers about the real rows and the surrogate, once prepared; see `preparation`. */
  private readonly preparing: Iterator<Preparing, void>;
  private prepared: Prepared | null = null;

  constructor(
    readonly encoder: TableEncoder,
    rows: EncodedRows,
    private readonly settings: ExplorerSettings,
    rng: Rng,
  ) {
    const width = encoder.featureWidth;
    this.classCount = encoder.conditionWidth;
    // Drawn first, before any network: the forest (the black box) is then the same at every realism
    // weight and training mode for a run seed (drawn after the discriminator, it was another forest).
    const own = createRng(rng.seed());
    const seeds = { forest: own.seed(), surrogate: own.seed() };
    this.layout = new RowLayout(encoder, settings.realismWeight > 0 ? rows : null);
    this.generator = createMlp(
      [settings.noiseSize + 1 + this.classCount, ...settings.hiddenSizes, width],
      rng,
    );
    this.activation = new SpanActivation(encoder.spans, width);
    this.numericMask = tf.keep(tf.tensor1d(this.layout.numeric));
    this.categoryMask = tf.keep(tf.tensor1d(this.layout.numeric.map((v) => 1 - v)));
    const { low, high } = this.layout;
    // At least REACH_LEAST either way: a column whose median is its minimum (capital-gain) still has a gradient below it.
    const { centre } = this.layout;
    const reach = (v: number) => (Number.isFinite(v) ? Math.max(v, REACH_LEAST) : 1);
    this.reach = {
      centre: tf.keep(tf.tensor1d(centre)),
      above: tf.keep(tf.tensor1d(high.map((h, i) => reach(h - centre[i]!)))),
      below: tf.keep(tf.tensor1d(low.map((l, i) => reach(centre[i]! - l)))),
    };
    const gradientFree = settings.training === 'gradient-free';
    this.logSpread = gradientFree
      ? tf.variable(tf.fill([width], Math.log(SPREAD.initial)) as tf.Tensor1D)
      : null;
    this.generatorOptimizer = adam(settings.learningRates.generator, 0.5, 0.999);
    if (settings.realismWeight > 0) {
      // It judges a row beside its ask: real rows come matched to the asks (see RealAnswers).
      this.discriminator = createMlp([width + 1 + this.classCount, ...settings.hiddenSizes, 1], rng);
      this.discriminatorOptimizer = adam(settings.learningRates.discriminator, 0.5, 0.999);
      this.discriminate = (features) => ({
        scale: 'probability',
        scores: tf.tidy(() => {
          const asks = this.answerAsks(features.dataSync() as Float32Array);
          return tf.reshape(tf.sigmoid(this.judge(features, asks)), [-1]) as tf.Tensor1D;
        }),
      });
    } else {
      this.discriminator = null;
      this.discriminatorOptimizer = null;
    }
    this.realRows = rows.features;
    this.moments =
      settings.realismWeight > 0 && !gradientFree
        ? new RealMoments(this.layout.columns, this.layout.numeric, rows.features, width)
        : null;
    this.preparing = this.prepare(rows, { ...seeds, surrogate: gradientFree ? null : seeds.surrogate });
    this.lossNames = [
      EXPLORER_SERIES.generator,
      ...(gradientFree ? [] : [EXPLORER_SERIES.surrogate]),
      ...(this.discriminator ? [EXPLORER_SERIES.discriminator] : []),
    ];
    this.metricNames = [EXPLORER_SERIES.mae, ...(gradientFree ? [] : [EXPLORER_SERIES.agreement])];
  }

  /** The black box: the random forest the rows are written for. */
  get blackBox(): BlackBox {
    return this.ready().blackBox;
  }

  /** The forest's differentiable stand-in; null when training gradient-free. */
  get surrogate(): Surrogate | null {
    return this.ready().surrogate;
  }

  /** Growing the forest and distilling the surrogate take seconds on a large table: done in pieces. */
  preparation(): Iterator<Preparing, void> {
    return this.preparing;
  }

  /** What preparation makes, finishing what is left of it first (at once) if a run has not. */
  private ready(): Prepared {
    while (!this.prepared) {
      if (this.preparing.next().done && !this.prepared)
        throw new Error('The explorer’s preparation ended without a forest.');
    }
    return this.prepared;
  }

  private *prepare(rows: EncodedRows, seeds: { forest: number; surrogate: number | null }) {
    const blackBox = yield* BlackBox.grow(this.layout.width, rows, seeds.forest);
    const answers = yield* blackBox.answer(rows.features, 'Asking the forest about the real rows');
    const labels = Int32Array.from({ length: rows.count }, (_, r) =>
      argmax(rows.conditions, r * this.classCount, this.classCount),
    );
    const realAnswers = new RealAnswers(answers, labels, this.classCount);
    const surrogate =
      seeds.surrogate === null ? null : yield* Surrogate.distil(this.layout, blackBox, rows, seeds.surrogate);
    this.prepared = { blackBox, realAnswers, surrogate };
  }

  trainStep(batch: Batch, rng: Rng): tf.Scalar[] {
    const size = batch.features.shape[0];
    const step = this.surrogate
      ? this.surrogateStep(this.surrogate, size, rng)
      : this.gradientFreeStep(size, rng);
    const mae = tf.scalar(step.mae);
    const discriminatorLoss = this.discriminatorStep(step.asks, step.rows, rng);
    return [
      step.generatorLoss,
      ...(step.surrogateLosses ? [step.surrogateLosses.loss] : []),
      ...(discriminatorLoss ? [discriminatorLoss] : []),
      mae,
      ...(step.surrogateLosses ? [step.surrogateLosses.agreement] : []),
    ];
  }

  /**
   * Rows for the table's classes (one-hot `conditions`), each asked what the forest answers a real row
   * of its class drawn at random, so the rows' confidences are spread as the real rows' are.
   */
  generate(conditions: tf.Tensor2D, rng: Rng): tf.Tensor2D {
    const classes = conditions.arraySync().map((row) => argmax(row, 0, row.length));
    const asks = classes.map((label) => this.ready().realAnswers.askLike(label, rng));
    const { rows } = this.draw(asks, rng);
    return tf.tensor2d(rows, [asks.length, this.layout.width]);
  }

  /** Rows written for `asks`, with the forest's answers. Inference only: training is untouched. */
  explore(asks: readonly Ask[], rng: Rng): Explored {
    const { rows } = this.draw(asks, rng);
    return { rows, probabilities: this.blackBox.probabilities(rows) };
  }

  configure({ learningRates }: Pick<ExplorerSettings, 'learningRates'>): void {
    setLearningRate(this.generatorOptimizer, learningRates.generator);
    if (this.discriminatorOptimizer)
      setLearningRate(this.discriminatorOptimizer, learningRates.discriminator);
  }

  state(): ModelState {
    const surrogate = this.surrogate?.state();
    return {
      variables: [
        ...mlpVariables(this.generator),
        ...(this.logSpread ? [this.logSpread] : []),
        ...(this.discriminator ? mlpVariables(this.discriminator) : []),
        ...(surrogate?.variables ?? []),
      ],
      optimizers: [
        this.generatorOptimizer,
        ...(this.discriminatorOptimizer ? [this.discriminatorOptimizer] : []),
        ...(surrogate?.optimizers ?? []),
      ],
    };
  }

  dispose(): void {
    disposeMlp(this.generator);
    if (this.discriminator) disposeMlp(this.discriminator);
    this.logSpread?.dispose();
    this.generatorOptimizer.dispose();
    this.discriminatorOptimizer?.dispose();
    this.moments?.dispose();
    this.prepared?.surrogate?.dispose(); // an unprepared explorer has none yet: nothing is grown to dispose
    this.activation.dispose();
    tf.dispose([this.numericMask, this.categoryMask, this.reach.centre, this.reach.above, this.reach.below]);
  }

  /**
   * One step through the surrogate: the generator writes rows (categories drawn by Gumbel-max), the
   * surrogate's confidence in them is pulled toward the asked one (and, with a discriminator, the rows
   * toward real ones, by a gradient at most `realismWeight` times as large, and a batch asked as real
   * rows are answered toward the real rows' shapes and pairs: see `balanced`); then the forest scores
   * the same rows and the surrogate learns its answers.
   */
  private surrogateStep(surrogate: Surrogate, size: number, rng: Rng) {
    const asks = drawAsks(size, this.classCount, rng);
    const likeReal = this.moments && { asks: this.asksLikeReal(size, rng), noiseSeed: rng.seed() };
    const gumbel = this.layout.gumbel(size, rng);
    const noiseSeed = rng.seed();
    let rows: Float32Array = new Float32Array(0);
    const generatorLoss = tf.tidy(() => {
      const input = this.input(asks, noiseSeed);
      const perturbation = tf.tensor2d(gumbel, [size, this.layout.width]);
      const wanted = askTensors(asks, this.classCount);
      const written = () => {
        const logits = tf.add(this.outputs(input), perturbation) as tf.Tensor2D;
        const soft = this.activation.apply(logits);
        // The forest sees hard rows; the gradient reaches the soft ones as if they were (straight-through).
        rows = this.layout.harden(logits.dataSync() as Float32Array);
        const offset = tf.tensor2d(subtract(rows, soft.dataSync() as Float32Array), soft.shape);
        return tf.add(soft, offset) as tf.Tensor2D;
      };
      const variables = mlpVariables(this.generator);
      const confidence = tf.variableGrads(() => {
        const obtained = confidenceOf(surrogate.probabilities(written()), wanted);
        return tf.mean(tf.abs(tf.sub(obtained, wanted.confidence))) as tf.Scalar;
      }, variables);
      if (!this.discriminator || !likeReal) {
        this.generatorOptimizer.applyGradients(named(confidence.grads));
        return confidence.value;
      }
      const weight = this.settings.realismWeight;
      const realism = tf.variableGrads(() => logisticLoss(this.judge(written(), asks), 1), variables);
      const moments = tf.variableGrads(
        () => this.momentDistance(likeReal.asks, likeReal.noiseSeed),
        variables,
      );
      this.generatorOptimizer.applyGradients(
        named(balanced(confidence.grads, realism.grads, weight, moments.grads, weight * MOMENT_SHARE)),
      );
      const realismLoss = tf.add(realism.value, tf.mul(MOMENT_SHARE, moments.value));
      return tf.add(confidence.value, tf.mul(weight, realismLoss)) as tf.Scalar;
    });
    const probabilities = this.blackBox.probabilities(rows);
    const surrogateLosses = surrogate.learn(rows, probabilities, rng);
    return { generatorLoss, surrogateLosses, rows, asks, mae: this.meanError(asks, probabilities) };
  }

  /**
   * One gradient-free step: per ask, GROUP rows drawn from the policy; each row's cost (its forest error,
   * plus the realism term) minus the mean cost of the other rows of its ask weighs the gradient of its
   * log-probability (REINFORCE with a leave-one-out baseline). Each term's advantages are scaled to a
   * spread of 1 before the realism term's are weighted and added: added to the cost instead, a realism
   * cost of 1 to 10 outweighed errors below 1 (Adult, weight 1: MAE 0.247, quality 0.311 → 0.086, 0.799).
   * Joined as in the surrogate step (`balanced`) the MAE was the same and the quality 0.491. The
   * surrogate step's moment term, added here on the policy's softmax and means, moved quality by
   * +0.127, +0.016 and −0.017 (seeds 42, 7, 3): not built here.
   */
  private gradientFreeStep(size: number, rng: Rng) {
    const askCount = Math.max(1, Math.floor(size / GROUP));
    const asks = drawAsks(askCount, this.classCount, rng).flatMap((ask) => Array<Ask>(GROUP).fill(ask));
    const noiseSeed = rng.seed();
    const { rows, drawn } = this.draw(asks, rng, noiseSeed);
    const probabilities = this.blackBox.probabilities(rows);
    const costs = asks.map((ask, i) =>
      Math.abs(ask.confidence - obtainedConfidence(probabilities, i, this.classCount, ask)),
    );
    const advantages = leaveOneOut(costs, GROUP);
    const realism = this.realismCosts(rows, asks);
    if (realism) {
      const weight = this.settings.realismWeight;
      leaveOneOut(Array.from(realism), GROUP).forEach((a, i) => (advantages[i]! += weight * a));
      realism.forEach((c, i) => (costs[i]! += weight * c));
    }
    const generatorLoss = tf.tidy(() => {
      const input = this.input(asks, noiseSeed);
      const sample = tf.tensor2d(drawn, [asks.length, this.layout.width]);
      const weights = tf.tensor1d(advantages);
      this.generatorOptimizer.minimize(
        () => tf.mean(tf.mul(weights, this.logProbability(input, sample))) as tf.Scalar,
        false,
        [...mlpVariables(this.generator), this.logSpread!],
      );
      return tf.scalar(costs.reduce((s, c) => s + c, 0) / costs.length);
    });
    return { generatorLoss, surrogateLosses: null, rows, asks, mae: this.meanError(asks, probabilities) };
  }

  /** Asks drawn as the forest answers random real rows: what the Synthetic rows panel and the quality score ask. */
  private asksLikeReal(count: number, rng: Rng): Ask[] {
    return Array.from({ length: count }, () => this.ready().realAnswers.askLikeAny(rng));
  }

  /**
   * How far the rows written for `asks` lie from the real rows' shapes and pairs (RealMoments), read at
   * the generator's softmax (the frequencies its Gumbel-max draws have on average) and its numbers.
   */
  private momentDistance(asks: readonly Ask[], noiseSeed: number): tf.Scalar {
    return this.moments!.distance(this.activation.apply(this.outputs(this.input(asks, noiseSeed))));
  }

  /** Log-probability of each drawn row under the policy: its categories' softmax, its numbers' normal. */
  private logProbability(input: tf.Tensor2D, sample: tf.Tensor2D): tf.Tensor1D {
    const logits = this.outputs(input);
    const soft = this.activation.apply(logits);
    const categories = tf.sum(tf.mul(tf.mul(sample, tf.log(tf.add(soft, 1e-8))), this.categoryMask), 1);
    const logSpread = tf.maximum(this.logSpread!, Math.log(SPREAD.least));
    const z = tf.div(tf.sub(sample, logits), tf.exp(logSpread));
    const numbers = tf.sum(tf.mul(tf.neg(tf.add(tf.mul(0.5, tf.square(z)), logSpread)), this.numericMask), 1);
    return tf.add(categories, numbers) as tf.Tensor1D;
  }

  /**
   * Rows for `asks` as the generator writes them: categories drawn from its softmax by Gumbel-max,
   * numbers clamped to their range (with the policy's spread added first, gradient-free). `drawn` is the
   * draw before clamping, for the policy's log-probability.
   */
  private draw(
    asks: readonly Ask[],
    rng: Rng,
    noiseSeed = rng.seed(),
  ): { rows: Float32Array; drawn: Float32Array } {
    const logits = tf.tidy(() => this.outputs(this.input(asks, noiseSeed)));
    const outputs = logits.dataSync() as Float32Array;
    logits.dispose();
    const gumbel = this.layout.gumbel(asks.length, rng);
    const noise = this.logSpread ? this.layout.gaussian(asks.length, rng) : null;
    const spread = this.logSpread?.dataSync();
    const drawn = new Float32Array(outputs.length);
    const width = this.layout.width;
    for (let i = 0; i < outputs.length; i++) {
      const scale = noise ? Math.exp(Math.max(spread![i % width]!, Math.log(SPREAD.least))) : 0;
      drawn[i] = outputs[i]! + gumbel[i]! + (noise ? noise[i]! * scale : 0);
    }
    const rows = this.layout.harden(drawn);
    // For the log-probability the categories are the one-hot drawn, the numbers the value before clamping.
    for (let i = 0; i < drawn.length; i++) if (!this.layout.numeric[i % width]) drawn[i] = rows[i]!;
    return { rows, drawn };
  }

  /**
   * The generator's outputs: logits for the categories, and each number squashed into its column's
   * range, so a number never goes far from where the forest and the surrogate have seen rows (and its
   * gradient never dies at a clamp). tanh is stretched to the range on each side of the layout's centre
   * apart, so an output of 0 is the centre: written as real values, the median (centred on the middle
   * of the range, a skewed column such as Adult's fnlwgt, its median 1.7 and its maximum 12 standard
   * deviations above its minimum, started far from its rows and stayed where tanh is flat; realism 1:
   * quality 0.731 → 0.801 with the values snapped).
   */
  private outputs(input: tf.Tensor2D): tf.Tensor2D {
    const raw = applyMlp(this.generator, input, { dropout: 0 });
    const squashed = tf.tanh(raw);
    const numbers = tf.add(
      this.reach.centre,
      tf.sub(
        tf.mul(tf.relu(squashed), this.reach.above),
        tf.mul(tf.relu(tf.neg(squashed)), this.reach.below),
      ),
    );
    return tf.add(tf.mul(raw, this.categoryMask), tf.mul(numbers, this.numericMask)) as tf.Tensor2D;
  }

  /** The generator's input: noise, the asked confidence scaled to [−1, 1], the asked class's one-hot (none: zeros). */
  private input(asks: readonly Ask[], noiseSeed: number): tf.Tensor2D {
    return tf.tidy(() =>
      tf.concat(
        [randomNormal([asks.length, this.settings.noiseSize], noiseSeed) as tf.Tensor2D, this.asked(asks)],
        1,
      ),
    );
  }

  /** The asks as the networks read them: the confidence scaled to [−1, 1], the asked class's one-hot (none: zeros). */
  private asked(asks: readonly Ask[]): tf.Tensor2D {
    const floor = confidenceFloor(this.classCount);
    const asked = new Float32Array(asks.length * (1 + this.classCount));
    asks.forEach((ask, i) => {
      const at = i * (1 + this.classCount);
      asked[at] = (2 * (ask.confidence - floor)) / Math.max(1 - floor, 1e-6) - 1;
      if (ask.classIndex !== null) asked[at + 1 + ask.classIndex] = 1;
    });
    return tf.tensor2d(asked, [asks.length, 1 + this.classCount]);
  }

  /** −log D(row) per row, the non-saturating realism cost, for the gradient-free estimator. */
  private realismCosts(rows: Float32Array, asks: readonly Ask[]): Float32Array | null {
    if (!this.discriminator) return null;
    const costs = tf.tidy(() => tf.softplus(tf.neg(this.judge(this.tensor(rows), asks))));
    const values = costs.dataSync() as Float32Array;
    costs.dispose();
    return values;
  }

  /** One discriminator update: the generated rows against real rows the forest scores as they were asked. */
  private discriminatorStep(asks: readonly Ask[], fakeRows: Float32Array, rng: Rng): tf.Scalar | null {
    if (!this.discriminator || !this.discriminatorOptimizer) return null;
    const layers = this.discriminator;
    const width = this.layout.width;
    const realRows = new Float32Array(asks.length * width);
    asks.forEach((ask, i) => {
      const row = this.ready().realAnswers.match(ask, rng);
      realRows.set(this.realRows.subarray(row * width, (row + 1) * width), i * width);
    });
    return tf.tidy(() => {
      const real = this.tensor(realRows);
      const fake = this.tensor(fakeRows);
      return this.discriminatorOptimizer!.minimize(
        () =>
          tf.add(
            logisticLoss(this.judge(real, asks), 1),
            logisticLoss(this.judge(fake, asks), 0),
          ) as tf.Scalar,
        true,
        mlpVariables(layers),
      )!;
    });
  }

  /** The discriminator's logit for rows beside the asks they answer. */
  private judge(rows: tf.Tensor2D, asks: readonly Ask[]): tf.Tensor2D {
    return applyMlp(this.discriminator!, tf.concat([rows, this.asked(asks)], 1), { dropout: 0 });
  }

  /** What each row answers as the forest scores it: its predicted class and confidence (for the verdicts). */
  private answerAsks(rows: Float32Array): Ask[] {
    const probabilities = this.blackBox.probabilities(rows);
    const k = this.classCount;
    return Array.from({ length: rows.length / this.layout.width }, (_, r) => {
      const classIndex = argmax(probabilities, r * k, k);
      return { classIndex, confidence: probabilities[r * k + classIndex]! };
    });
  }

  private tensor(rows: Float32Array): tf.Tensor2D {
    return tf.tensor2d(rows, [rows.length / this.layout.width, this.layout.width]);
  }

  private meanError(asks: readonly Ask[], probabilities: Float64Array): number {
    let total = 0;
    asks.forEach(
      (ask, i) =>
        (total += Math.abs(ask.confidence - obtainedConfidence(probabilities, i, this.classCount, ask))),
    );
    return total / Math.max(asks.length, 1);
  }
}

/** The asks as tensors: the confidence, the asked class's one-hot (zeros when none) and a 1 where none is. */
function askTensors(asks: readonly Ask[], classCount: number) {
  const classes = new Float32Array(asks.length * classCount);
  asks.forEach((ask, i) => {
    if (ask.classIndex !== null) classes[i * classCount + ask.classIndex] = 1;
  });
  return {
    confidence: tf.tensor1d(asks.map((a) => a.confidence)),
    classes: tf.tensor2d(classes, [asks.length, classCount]),
    anyClass: tf.tensor1d(asks.map((a) => (a.classIndex === null ? 1 : 0))),
  };
}

/** The probability of the asked class, or the largest one where no class was asked. */
function confidenceOf(probabilities: tf.Tensor2D, wanted: ReturnType<typeof askTensors>): tf.Tensor1D {
  const asked = tf.sum(tf.mul(probabilities, wanted.classes), 1);
  return tf.add(asked, tf.mul(tf.max(probabilities, 1), wanted.anyClass)) as tf.Tensor1D;
}

/**
 * The confidence term's gradient plus the realism term's, joined so that realism never undoes the asked
 * confidence: where the realism gradient points against the confidence one, that part of it is dropped
 * (`withoutConflict`), and what is left is scaled to a norm of at most `weight` times the confidence
 * gradient's. Without the cap a discriminator that grows sure of itself (its non-saturating loss 1 to 5,
 * against an MAE below 1) drowned the asked confidence (MAE 0.119 against 0.042 on Adult at weight 1).
 * The moment term's gradient, less its part against the confidence one, is added at `momentWeight`,
 * uncapped: capped with the realism gradient it left seed 3's quality at 0.785 and 0.796 (weights 1
 * and 3), and unprojected it cost MAE (0.057 at 0.3).
 */
function balanced(
  confidence: tf.NamedTensorMap,
  realism: tf.NamedTensorMap,
  weight: number,
  moments: tf.NamedTensorMap,
  momentWeight: number,
): tf.NamedTensorMap {
  const names = Object.keys(confidence);
  const squared = dot(confidence, confidence);
  const kept = withoutConflict(confidence, realism);
  const ratio = tf.sqrt(tf.div(squared, tf.add(dot(kept, kept), 1e-24)));
  const scale = tf.mul(weight, tf.minimum(1, ratio));
  const pulled = withoutConflict(confidence, moments);
  return Object.fromEntries(
    names.map((name) => [
      name,
      tf.add(tf.add(confidence[name]!, tf.mul(scale, kept[name]!)), tf.mul(momentWeight, pulled[name]!)),
    ]),
  );
}

/**
 * `other` less its part against `confidence`: where they point apart (a negative dot product), `other`
 * is projected onto the plane normal to `confidence` ("gradient surgery", Yu et al. 2020).
 */
function withoutConflict(confidence: tf.NamedTensorMap, other: tf.NamedTensorMap): tf.NamedTensorMap {
  const squared = dot(confidence, confidence);
  const against = tf.minimum(0, tf.div(dot(other, confidence), tf.add(squared, 1e-24)));
  return Object.fromEntries(
    Object.keys(confidence).map((name) => [name, tf.sub(other[name]!, tf.mul(against, confidence[name]!))]),
  );
}

function dot(a: tf.NamedTensorMap, b: tf.NamedTensorMap): tf.Scalar {
  return tf.addN(Object.keys(a).map((name) => tf.sum(tf.mul(a[name]!, b[name]!)))) as tf.Scalar;
}

function named(grads: tf.NamedTensorMap): { name: string; tensor: tf.Tensor }[] {
  return Object.entries(grads).map(([name, tensor]) => ({ name, tensor }));
}

function subtract(a: Float32Array, b: Float32Array): Float32Array {
  return a.map((v, i) => v - b[i]!);
}

/**
 * Each cost minus the mean of the other costs of its group (consecutive runs of `group`), scaled by the
 * spread of the result so the step size does not depend on how large the errors are.
 */
export function leaveOneOut(costs: readonly number[], group: number): Float32Array {
  const out = new Float32Array(costs.length);
  for (let start = 0; start < costs.length; start += group) {
    const end = Math.min(costs.length, start + group);
    const sum = costs.slice(start, end).reduce((s, c) => s + c, 0);
    const others = end - start - 1;
    for (let i = start; i < end; i++) out[i] = others > 0 ? costs[i]! - (sum - costs[i]!) / others : 0;
  }
  const spread = Math.sqrt(out.reduce((s, v) => s + v * v, 0) / Math.max(out.length, 1));
  return spread > 0 ? out.map((v) => v / spread) : out;
}

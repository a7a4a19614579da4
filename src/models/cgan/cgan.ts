import * as tf from '../../nn/tf';
import { applyMlp, createMlp, disposeMlp, mlpVariables, type DenseLayer } from '../../nn/mlp';
import { randomNormal } from '../../nn/random';
import type { Rng } from '../../rng';
import type { Batch, Discrimination, GanModel, LearningRates, TableShape } from '../model';
import { setLearningRate } from '../../nn/optimizer';
import { SpanActivation } from '../../nn/spanActivation';
import { logisticLoss } from '../../nn/logisticLoss';

export interface CganSettings {
  noiseSize: number;
  hiddenSizes: number[];
  dropout: number;
  learningRates: LearningRates;
}

/**
 * Conditional GAN (Mirza and Osindero, 2014) as the course assignment describes it: the generator maps
 * noise ‖ label to a row, the discriminator judges row ‖ label; both are MLPs with dropout, trained with
 * Adam on the standard (non-saturating) cross-entropy losses.
 */
/**
 * An extra, differentiable term of the generator's loss on its soft rows, weighted by a number read at
 * every step (so a change applies at the next one). DSF-GAN's downstream feedback is one. Its unweighted
 * value is reported as a loss of its own, after the CGAN's two.
 */
export interface GeneratorTerm {
  readonly name: string;
  /** Loss of the generated (activated) rows given the conditions they were generated for. */
  loss(fake: tf.Tensor2D, conditions: tf.Tensor2D): tf.Scalar;
  weight(): number;
}

export class Cgan implements GanModel {
  readonly lossNames: readonly string[];
  private readonly generator: DenseLayer[];
  private readonly discriminator: DenseLayer[];
  private readonly generatorOptimizer: tf.AdamOptimizer;
  private readonly discriminatorOptimizer: tf.AdamOptimizer;
  private readonly activation: SpanActivation;

  constructor(
    private readonly shape: TableShape,
    private readonly settings: CganSettings,
    rng: Rng,
    private readonly term?: GeneratorTerm,
  ) {
    this.lossNames = term ? ['discriminator', 'generator', term.name] : ['discriminator', 'generator'];
    const { featureWidth, conditionWidth } = shape;
    this.generator = createMlp(
      [settings.noiseSize + conditionWidth, ...settings.hiddenSizes, featureWidth],
      rng,
    );
    this.discriminator = createMlp([featureWidth + conditionWidth, ...settings.hiddenSizes, 1], rng);
    this.activation = new SpanActivation(shape.spans, featureWidth);
    // beta1 = 0.5 is the usual GAN choice (Radford et al.): less momentum keeps the two players stable.
    this.generatorOptimizer = tf.train.adam(settings.learningRates.generator, 0.5, 0.999);
    this.discriminatorOptimizer = tf.train.adam(settings.learningRates.discriminator, 0.5, 0.999);
  }

  trainStep({ features, conditions }: Batch, rng: Rng): tf.Scalar[] {
    const size = features.shape[0];
    const seeds = { noise: rng.seed(), g: rng.seed(), d: rng.seed() };

    // Generated outside the optimizer's gradient tape: the discriminator's update never reaches the
    // generator, and recording its forward pass only cost time.
    const fake = this.fakeRows(size, conditions, seeds.noise, seeds.g);
    const discriminatorLoss = this.discriminatorOptimizer.minimize(
      () => {
        // Real and generated rows in one pass: half the kernels, each product twice as tall.
        const logits = this.judge(tf.concat([features, fake]), tf.concat([conditions, conditions]), seeds.d);
        const [realLogits, fakeLogits] = tf.split(logits, 2) as [tf.Tensor2D, tf.Tensor2D];
        return tf.add(logisticLoss(realLogits, 1), logisticLoss(fakeLogits, 0)) as tf.Scalar;
      },
      true,
      mlpVariables(this.discriminator),
    )!;

    const generatorSeeds = { noise: rng.seed(), g: rng.seed(), d: rng.seed() };
    const parts: tf.Scalar[] = [];
    const generatorLoss = this.generatorOptimizer.minimize(
      () => this.generatorLoss(conditions, generatorSeeds, parts),
      true,
      mlpVariables(this.generator),
    )!;
    if (!this.term) return [discriminatorLoss, generatorLoss];
    generatorLoss.dispose();
    return [discriminatorLoss, ...parts];
  }

  /** Gradients of the generator's loss on a batch, as a step would compute them, without applying them. */
  generatorGradients(conditions: tf.Tensor2D, rng: Rng): tf.Tensor[] {
    const seeds = { noise: rng.seed(), g: rng.seed(), d: rng.seed() };
    const variables = mlpVariables(this.generator);
    return tf.tidy(() => {
      const { grads } = tf.variableGrads(() => this.generatorLoss(conditions, seeds), variables);
      return variables.map((v) => grads[v.name]!);
    });
  }

  generate(conditions: tf.Tensor2D, rng: Rng): tf.Tensor2D {
    return tf.tidy(() => this.fakeRows(conditions.shape[0], conditions, rng.seed(), undefined));
  }

  discriminate(features: tf.Tensor2D, conditions: tf.Tensor2D): Discrimination {
    const scores = tf.tidy(
      () => tf.reshape(tf.sigmoid(this.judge(features, conditions)), [-1]) as tf.Tensor1D,
    );
    return { scale: 'probability', scores };
  }

  setLearningRates(rates: LearningRates): void {
    setLearningRate(this.generatorOptimizer, rates.generator);
    setLearningRate(this.discriminatorOptimizer, rates.discriminator);
  }

  dispose(): void {
    disposeMlp(this.generator);
    disposeMlp(this.discriminator);
    this.generatorOptimizer.dispose();
    this.discriminatorOptimizer.dispose();
    this.activation.dispose();
  }

  /**
   * Non-saturating loss: the generator maximises log D(fake) rather than minimising log(1 − D(fake)); plus
   * the weighted extra term when there is one. `parts` receives the unweighted adversarial loss and term,
   * kept past the optimizer's tidy, for the loss chart.
   */
  private generatorLoss(
    conditions: tf.Tensor2D,
    seeds: { noise: number; g: number; d: number },
    parts?: tf.Scalar[],
  ): tf.Scalar {
    const fake = this.fakeRows(conditions.shape[0], conditions, seeds.noise, seeds.g);
    const logits = this.judge(fake, conditions, seeds.d);
    const adversarial = logisticLoss(logits, 1);
    if (!this.term) return adversarial;
    const extra = this.term.loss(fake, conditions);
    parts?.push(tf.keep(adversarial), tf.keep(extra));
    return tf.add(adversarial, tf.mul(extra, this.term.weight())) as tf.Scalar;
  }

  /** Generator forward pass; dropout only when a seed is given (training). */
  private fakeRows(
    size: number,
    conditions: tf.Tensor2D,
    noiseSeed: number,
    dropoutSeed?: number,
  ): tf.Tensor2D {
    const noise = randomNormal([size, this.settings.noiseSize], noiseSeed) as tf.Tensor2D;
    const raw = applyMlp(this.generator, tf.concat([noise, conditions], 1), {
      dropout: this.settings.dropout,
      dropoutSeed,
    });
    return this.activation.apply(raw);
  }

  private judge(rows: tf.Tensor2D, conditions: tf.Tensor2D, dropoutSeed?: number): tf.Tensor2D {
    return applyMlp(this.discriminator, tf.concat([rows, conditions], 1), {
      dropout: this.settings.dropout,
      dropoutSeed,
    });
  }
}

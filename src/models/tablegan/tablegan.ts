import * as tf from '../../nn/tf';
import type { Rng } from '../../rng';
import type { CriticLoss, GanSettings } from '../ganFields';
import type { Batch, Discrimination, ModelState, NetworkPart, TrainableModel } from '../model';
import type { PrivacyThresholds } from './description';
import { adam, setLearningRate } from '../../nn/optimizer';
import { updateMovingMoments, type BatchMoments, type Training } from '../../nn/batchNorm';
import {
  averageGaps,
  featureMoments,
  informationLoss,
  MovingMoments,
  stopGradient,
  type FeatureMoments,
} from './information';
import type { ImageLayout } from './layout';
import { ConvJudge, Generator } from './networks';
import { gradientPenalty } from './penalty';
import { logisticLoss } from '../../nn/logisticLoss';

/**
 * What table-GAN reads of its settings (TableganTrainingSettings). critic: 'cross-entropy' is the
 * paper's discriminator, a logit trained with sigmoid cross-entropy; 'wgan-gp' a variant, not the
 * paper's: a Wasserstein critic with a gradient penalty (Gulrajani et al., 2017, λ = 10, one critic
 * step per generator step as in CTGAN).
 */
export interface TableGanSettings extends GanSettings {
  /** Filters of the first convolution; the second has twice as many. */
  channels: number;
  critic: CriticLoss;
  classifierLearningRate: number;
  privacy: PrivacyThresholds;
}

const PENALTY_WEIGHT = 10;

type GeneratorTerm = 'adversarial' | 'classification' | 'information';
type GeneratorTerms = Record<GeneratorTerm, tf.Scalar> & {
  /** The moving averages of the real and generated feature moments after this batch. */
  blended: FeatureMoments[];
};
/** The generator's loss as the authors' code weighs it: adversarial + 0.5 · classification + information. */
const CLASSIFICATION_WEIGHT = 0.5;

/**
 * table-GAN (Park et al., 2018): rows as d×d images; a convolutional generator, discriminator and
 * classifier. Each step updates the discriminator, then the classifier (on real rows, target masked),
 * then the generator on three losses: adversarial, classification (the classifier must recover the
 * target the generator wrote from the rest of the generated row) and information (feature statistics
 * within the privacy thresholds). There are no conditions (the codec's are empty): the generator
 * writes the target as one of the cells, and the classifier learns it from the real rows' target cell.
 */
export class TableGan implements TrainableModel {
  readonly lossNames = ['discriminator', 'generator', 'classifier', 'information'] as const;
  private readonly generator: Generator;
  private readonly discriminator: ConvJudge;
  private readonly classifier: ConvJudge;
  private readonly generatorOptimizer: tf.AdamOptimizer;
  private readonly discriminatorOptimizer: tf.AdamOptimizer;
  private readonly classifierOptimizer: tf.AdamOptimizer;
  /** 1 on every cell but the target's: what the classifier is allowed to see. */
  private readonly targetMask: tf.Tensor2D;
  private readonly dataMask: tf.Tensor2D;
  private readonly realMoments: MovingMoments;
  private readonly fakeMoments: MovingMoments;

  constructor(
    private readonly layout: ImageLayout,
    private readonly settings: TableGanSettings,
    rng: Rng,
  ) {
    const cells = layout.side * layout.side;
    const cellMask = (keep: (cell: number) => boolean) =>
      tf.tensor2d(
        Float32Array.from({ length: cells }, (_, i) => (keep(i) ? 1 : 0)),
        [1, cells],
      );
    this.dataMask = cellMask((i) => i < layout.usedCells);
    this.targetMask = cellMask((i) => i !== layout.targetCell);
    const classifierOutputs = layout.target.kind === 'classes' ? layout.target.count : 1;
    this.generator = new Generator(settings.noiseSize, settings.channels, this.dataMask, rng);
    this.discriminator = new ConvJudge(layout.side, settings.channels, 1, rng);
    this.classifier = new ConvJudge(layout.side, settings.channels, classifierOutputs, rng);
    this.realMoments = new MovingMoments(this.discriminator.featureWidth);
    this.fakeMoments = new MovingMoments(this.discriminator.featureWidth);
    // beta1 = 0.5 as in DCGAN; a Wasserstein critic also wants a shorter second-moment memory (0.9).
    const beta2 = settings.critic === 'wgan-gp' ? 0.9 : 0.999;
    this.generatorOptimizer = adam(settings.learningRates.generator, 0.5, beta2);
    this.discriminatorOptimizer = adam(settings.learningRates.discriminator, 0.5, beta2);
    this.classifierOptimizer = adam(settings.classifierLearningRate, 0.5, 0.999);
  }

  trainStep(batch: Batch, rng: Rng): tf.Scalar[] {
    const seeds = { dNoise: rng.seed(), penalty: rng.seed(), gNoise: rng.seed() };
    const [discriminatorLoss, classifierLoss] = this.discriminatorSide(batch.features, seeds);
    const [adversarial, information] = this.generatorSide(batch.features, seeds);
    return [discriminatorLoss, adversarial, classifierLoss, information];
  }

  /** The discriminator's side trains the discriminator and, on the same real rows, the classifier. */
  trainPart(part: NetworkPart, { features }: Batch, rng: Rng): (tf.Scalar | null)[] {
    const seeds = { dNoise: rng.seed(), penalty: rng.seed(), gNoise: rng.seed() };
    if (part === 'discriminator') {
      const [discriminatorLoss, classifierLoss] = this.discriminatorSide(features, seeds);
      return [discriminatorLoss, null, classifierLoss, null];
    }
    const [adversarial, information] = this.generatorSide(features, seeds);
    return [null, adversarial, null, information];
  }

  /** Updates the discriminator, then the classifier; their losses. */
  private discriminatorSide(real: tf.Tensor2D, seeds: StepSeeds): [tf.Scalar, tf.Scalar] {
    const size = real.shape[0];
    const discriminatorLoss = this.discriminatorOptimizer.minimize(
      () => {
        const fake = this.generator.apply(this.noise(size, seeds.dNoise), {});
        const realLogits = this.discriminator.apply(real).outputs;
        const fakeLogits = this.discriminator.apply(fake).outputs;
        if (this.settings.critic === 'wgan-gp') {
          const critic = (rows: tf.Tensor2D) => this.discriminator.apply(rows).outputs;
          const wasserstein = tf.sub(tf.mean(fakeLogits), tf.mean(realLogits));
          return tf.add(
            wasserstein,
            tf.mul(gradientPenalty(critic, real, fake, seeds.penalty), PENALTY_WEIGHT),
          );
        }
        return tf.add(logisticLoss(realLogits, 1), logisticLoss(fakeLogits, 0)) as tf.Scalar;
      },
      true,
      this.discriminator.variables(),
    )!;

    const classifierLoss = this.classifierOptimizer.minimize(
      () => this.classificationLoss(real, this.targetOf(real)),
      true,
      this.classifier.variables(),
    )!;
    return [discriminatorLoss, classifierLoss];
  }

  /** Updates the generator; its adversarial and information losses. */
  private generatorSide(real: tf.Tensor2D, seeds: StepSeeds): [tf.Scalar, tf.Scalar] {
    const record: BatchMoments[] = [];
    let parts: Omit<GeneratorTerms, 'classification'>;
    const generatorTotal = this.generatorOptimizer.minimize(
      () => {
        const terms = this.generatorTerms(real, seeds.gNoise, { record });
        parts = {
          adversarial: tf.keep(terms.adversarial),
          information: tf.keep(terms.information),
          blended: terms.blended.map((s) => ({ mean: tf.keep(s.mean), variance: tf.keep(s.variance) })),
        };
        return tf.addN([terms.adversarial, terms.classification, terms.information]) as tf.Scalar;
      },
      true,
      this.generator.variables(),
    )!;
    updateMovingMoments(record);
    const [realStats, fakeStats] = parts!.blended;
    this.realMoments.commit(realStats!);
    this.fakeMoments.commit(fakeStats!);
    tf.dispose([generatorTotal, ...parts!.blended.flatMap((s) => [s.mean, s.variance])]);

    return [parts!.adversarial, parts!.information];
  }

  /**
   * How hard each term of the generator's loss pulls on it: the norm of each term's gradient over the
   * generator's weights, for real rows and seeded noise (nothing is updated or stored).
   */
  async generatorGradientNorms(real: tf.Tensor2D, seed: number): Promise<Record<GeneratorTerm, number>> {
    const terms = ['adversarial', 'classification', 'information'] as const;
    const norms = tf.tidy(() => {
      const variables = this.generator.variables();
      return tf.stack(
        terms.map((term) => {
          const { grads } = tf.variableGrads(() => this.generatorTerms(real, seed, {})[term], variables);
          return tf.sqrt(tf.addN(Object.values(grads).map((g) => tf.sum(tf.square(g)))));
        }),
      );
    });
    const values = await norms.data();
    norms.dispose();
    return { adversarial: values[0]!, classification: values[1]!, information: values[2]! };
  }

  /** `conditions` only says how many rows: they are empty, the rows carry their target in a cell. */
  generatorState(): tf.Variable[] {
    return this.generator.stateVariables();
  }

  generate(conditions: tf.Tensor2D, rng: Rng): tf.Tensor2D {
    return tf.tidy(() => this.generator.apply(this.noise(conditions.shape[0], rng.seed())));
  }

  /** The discriminator's P(real), or the Wasserstein critic's unbounded score. */
  discriminate(features: tf.Tensor2D): Discrimination {
    const wasserstein = this.settings.critic === 'wgan-gp';
    const scores = tf.tidy(() => {
      const logits = tf.reshape(this.discriminator.apply(features).outputs, [-1]) as tf.Tensor1D;
      return wasserstein ? logits : tf.sigmoid(logits);
    });
    return { scale: wasserstein ? 'critic' : 'probability', scores };
  }

  /** The classifier's outputs for rows (images), their target masked: class logits, or the scaled value. */
  predictTarget(rows: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => this.classifier.apply(tf.mul(rows, this.targetMask)).outputs);
  }

  /**
   * How far apart the real and generated feature statistics are now: the moving averages' average gap
   * per feature, of the means and of the variances, which δ_mean and δ_sd bound; and the number of
   * features. Zero before the first step.
   */
  async statisticsGap(): Promise<{ mean: number; variance: number; features: number }> {
    const real = this.realMoments.current();
    const fake = this.fakeMoments.current();
    const gaps = tf.tidy(() => averageGaps(real, fake));
    const [mean, variance] = await gaps.data();
    gaps.dispose();
    return { mean: mean!, variance: variance!, features: real.mean.shape[0] };
  }

  configure({ learningRates }: Pick<GanSettings, 'learningRates'>): void {
    setLearningRate(this.generatorOptimizer, learningRates.generator);
    setLearningRate(this.discriminatorOptimizer, learningRates.discriminator);
  }

  state(): ModelState {
    return {
      variables: [
        ...this.generator.stateVariables(),
        ...this.discriminator.variables(),
        ...this.classifier.variables(),
        ...this.realMoments.variables(),
        ...this.fakeMoments.variables(),
      ],
      optimizers: [this.generatorOptimizer, this.discriminatorOptimizer, this.classifierOptimizer],
    };
  }

  dispose(): void {
    this.generator.dispose();
    this.discriminator.dispose();
    this.classifier.dispose();
    this.generatorOptimizer.dispose();
    this.discriminatorOptimizer.dispose();
    this.classifierOptimizer.dispose();
    this.realMoments.dispose();
    this.fakeMoments.dispose();
    tf.dispose([this.targetMask, this.dataMask]);
  }

  private noise(size: number, seed: number): tf.Tensor2D {
    return tf.randomNormal([size, this.settings.noiseSize], 0, 1, 'float32', seed) as tf.Tensor2D;
  }

  /** The generator's loss, term by term (classification already weighted), on one batch of noise. */
  private generatorTerms(real: tf.Tensor2D, seed: number, training: Training): GeneratorTerms {
    const fake = this.generator.apply(this.noise(real.shape[0], seed), training);
    const judged = this.discriminator.apply(fake);
    const adversarial = (
      this.settings.critic === 'wgan-gp' ? tf.neg(tf.mean(judged.outputs)) : logisticLoss(judged.outputs, 1)
    ) as tf.Scalar;
    const classification = tf.mul(
      this.classificationLoss(fake, this.targetOf(fake)),
      CLASSIFICATION_WEIGHT,
    ) as tf.Scalar;
    const realStats = this.realMoments.blend(featureMoments(this.discriminator.apply(real).features));
    const fakeStats = this.fakeMoments.blend(featureMoments(judged.features));
    const information = informationLoss(realStats, fakeStats, this.settings.privacy);
    return { adversarial, classification, information, blended: [realStats, fakeStats] };
  }

  /** The target each row holds in its target cell: one-hot over the classes, or the scaled value. */
  private targetOf(rows: tf.Tensor2D): tf.Tensor2D {
    const cell = tf.slice(rows, [0, this.layout.targetCell], [-1, 1]);
    const target = this.layout.target;
    if (target.kind === 'value') return cell;
    // The nearest label index, as decoding reads it; a label, so no gradient flows through it.
    const index = tf.clipByValue(
      tf.round(tf.mul(tf.add(cell, 1), (target.count - 1) / 2)),
      0,
      target.count - 1,
    );
    const oneHot = tf.oneHot(tf.cast(tf.reshape(index, [-1]), 'int32'), target.count);
    return stopGradient(tf.cast(oneHot, 'float32') as tf.Tensor2D);
  }

  /** Cross-entropy against the class (categorical target) or mean absolute error (numeric target). */
  private classificationLoss(rows: tf.Tensor2D, targets: tf.Tensor2D): tf.Scalar {
    const outputs = this.classifier.apply(tf.mul(rows, this.targetMask)).outputs;
    return (
      this.layout.target.kind === 'classes'
        ? tf.neg(tf.mean(tf.sum(tf.mul(targets, tf.logSoftmax(outputs)), 1)))
        : tf.mean(tf.abs(tf.sub(outputs, targets)))
    ) as tf.Scalar;
  }
}

/** The seeds of one step, drawn before either side trains, so both halves see a step's streams. */
interface StepSeeds {
  dNoise: number;
  penalty: number;
  gNoise: number;
}

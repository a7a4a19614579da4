import * as tf from '../../nn/tf';
import { applyMlp, createMlp, disposeMlp, mlpVariables, type DenseLayer } from '../../nn/mlp';
import { randomNormal } from '../../nn/random';
import type { Rng } from '../../rng';
import type { GanSettings } from '../ganFields';
import type {
  Batch,
  Discrimination,
  GeneratorTerm,
  ModelState,
  NetworkPart,
  RowSampler,
  TableShape,
  TrainableModel,
} from '../model';
import { adam, setLearningRate } from '../../nn/optimizer';
import { SpanActivation } from '../../nn/spanActivation';
import { packRows, rowScoringLayers } from '../../nn/packs';
import { logisticLoss } from '../../nn/logisticLoss';
import type { EncodedRows } from '../../encoding/encoder';
import type { PrivacyPlan } from '../../privacy/plan';
import { privateUpdate } from '../../privacy/dpsgd';
import { generatedRowLosses, PrivateTraining, realRowLosses } from '../../privacy/privateTraining';

/** What the CGAN reads of its settings (CganTrainingSettings; DSF-GAN's too). */
export interface CganSettings extends GanSettings {
  hiddenSizes: number[];
  dropout: number;
  /** Gumbel-softmax temperature of the generated categories; 0: a plain softmax (the course's). */
  gumbelTau: number;
  /** PacGAN: the discriminator judges this many rows at once; 1: each row alone (the course's). */
  pac: number;
}

/**
 * Conditional GAN (Mirza and Osindero, 2014) as the course assignment describes it: the generator maps
 * noise ‖ label to a row, the discriminator judges row ‖ label; both are MLPs with dropout, trained with
 * Adam on the standard (non-saturating) cross-entropy losses.
 */
export class Cgan implements TrainableModel {
  readonly lossNames: readonly string[];
  private readonly generator: DenseLayer[];
  private readonly discriminator: DenseLayer[];
  private readonly generatorOptimizer: tf.AdamOptimizer;
  private readonly discriminatorOptimizer: tf.AdamOptimizer;
  private readonly activation: SpanActivation;
  private privacy: PrivateTraining | null = null;
  /** Set only when training privately: rows are then drawn by Poisson sampling. */
  rowSampler?: (rows: EncodedRows) => RowSampler;

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
    this.discriminator = createMlp(
      [(featureWidth + conditionWidth) * settings.pac, ...settings.hiddenSizes, 1],
      rng,
    );
    this.activation = new SpanActivation(shape.spans, featureWidth);
    // beta1 = 0.5 is the usual GAN choice (Radford et al.): less momentum keeps the two players stable.
    this.generatorOptimizer = adam(settings.learningRates.generator, 0.5, 0.999);
    this.discriminatorOptimizer = adam(settings.learningRates.discriminator, 0.5, 0.999);
  }

  /** DP-SGD for the discriminator from now on (see privacy/privateTraining.ts); before training starts. */
  trainPrivately(dp: PrivacyPlan): void {
    if (this.settings.pac !== 1)
      throw new Error(
        `Differential privacy needs pac = 1 (it is ${this.settings.pac}): a pack mixes several rows in one gradient.`,
      );
    const privacy = new PrivateTraining(dp, this.shape.conditionWidth);
    this.privacy = privacy;
    this.rowSampler = (rows) => privacy.rowSampler(rows);
  }

  trainStep(batch: Batch, rng: Rng): tf.Scalar[] {
    return [this.discriminatorStep(batch, rng), ...this.generatorPart(batch, rng)];
  }

  trainPart(part: NetworkPart, batch: Batch, rng: Rng): (tf.Scalar | null)[] {
    const others = Array.from({ length: this.lossNames.length - 1 }, () => null);
    return part === 'discriminator'
      ? [this.discriminatorStep(batch, rng), ...others]
      : [null, ...this.generatorPart(batch, rng)];
  }

  /** The generator's half of a step: rows for the batch's conditions (the prior's, when private). */
  private generatorPart(batch: Batch, rng: Rng): tf.Scalar[] {
    const privacy = this.privacy;
    const conditions = privacy ? privacy.conditions(privacy.generatedRows, rng) : batch.conditions;
    return this.generatorStep(conditions, rng);
  }

  /** The discriminator's half of a step: one update on the batch's real rows and as many generated. */
  private discriminatorStep(batch: Batch, rng: Rng): tf.Scalar {
    if (this.privacy) return this.privateStep(batch, this.privacy, rng);
    const { features, conditions } = batch;
    const size = features.shape[0];
    const seeds = { noise: rng.seed(), g: rng.seed(), d: rng.seed() };

    // Generated outside the optimizer's gradient tape: the discriminator's update never reaches the
    // generator, and recording its forward pass only cost time.
    const fake = this.fakeRows(size, conditions, seeds.noise, seeds.g);
    return this.discriminatorOptimizer.minimize(
      () => {
        // Real and generated rows in one pass: half the kernels, each product twice as tall.
        const packs = tf.concat([this.packs(features, conditions), this.packs(fake, conditions)]);
        const logits = this.judge(packs as tf.Tensor2D, seeds.d);
        const [realLogits, fakeLogits] = tf.split(logits, 2) as [tf.Tensor2D, tf.Tensor2D];
        return tf.add(logisticLoss(realLogits, 1), logisticLoss(fakeLogits, 0)) as tf.Scalar;
      },
      true,
      mlpVariables(this.discriminator),
    )!;
  }

  /**
   * The private step: the discriminator sees this step's Poisson sample of real rows (clipped, noised)
   * and generated rows for conditions drawn from the prior; the generator trains on such conditions too.
   */
  private privateStep({ features, conditions }: Batch, privacy: PrivateTraining, rng: Rng): tf.Scalar {
    privacy.spend();
    const size = privacy.generatedRows;
    const fakeConditions = privacy.conditions(size, rng);
    const seeds = { noise: rng.seed(), g: rng.seed(), d: rng.seed(), dp: rng.seed() };
    const fake = this.fakeRows(size, fakeConditions, seeds.noise, seeds.g);
    return privateUpdate(
      this.discriminatorOptimizer,
      {
        layers: this.discriminator,
        call: { dropout: this.settings.dropout, dropoutSeed: seeds.d },
        real: tf.concat([features, conditions], 1) as tf.Tensor2D,
        realLoss: realRowLosses,
        generated: { rows: tf.concat([fake, fakeConditions], 1) as tf.Tensor2D, loss: generatedRowLosses },
      },
      privacy.dp,
      seeds.dp,
    );
  }

  /** One generator update for rows of the given conditions; its losses in `lossNames` order after the first. */
  private generatorStep(conditions: tf.Tensor2D, rng: Rng): tf.Scalar[] {
    const generatorSeeds = { noise: rng.seed(), g: rng.seed(), d: rng.seed() };
    const parts: tf.Scalar[] = [];
    const generatorLoss = this.generatorOptimizer.minimize(
      () => this.generatorLoss(conditions, generatorSeeds, parts),
      true,
      mlpVariables(this.generator),
    )!;
    if (!this.term) return [generatorLoss];
    generatorLoss.dispose();
    return parts;
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

  generatorState(): tf.Variable[] {
    return mlpVariables(this.generator);
  }

  generate(conditions: tf.Tensor2D, rng: Rng): tf.Tensor2D {
    return tf.tidy(() => this.fakeRows(conditions.shape[0], conditions, rng.seed(), undefined));
  }

  discriminate(features: tf.Tensor2D, conditions: tf.Tensor2D): Discrimination {
    // Each row judged as a pack of copies of itself (packs.ts).
    const layers = rowScoringLayers(this.discriminator, this.settings.pac);
    const scores = tf.tidy(() => {
      const logits = applyMlp(layers, tf.concat([features, conditions], 1), { dropout: 0 });
      return tf.reshape(tf.sigmoid(logits), [-1]) as tf.Tensor1D;
    });
    return { scale: 'probability', scores };
  }

  configure({ learningRates }: Pick<GanSettings, 'learningRates'>): void {
    setLearningRate(this.generatorOptimizer, learningRates.generator);
    setLearningRate(this.discriminatorOptimizer, learningRates.discriminator);
  }

  state(): ModelState {
    return {
      variables: [...mlpVariables(this.generator), ...mlpVariables(this.discriminator)],
      optimizers: [this.generatorOptimizer, this.discriminatorOptimizer],
    };
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
    const logits = this.judge(this.packs(fake, conditions), seeds.d);
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
    const tau = this.settings.gumbelTau;
    // The Gumbel noise's seed follows from the noise's: the plain CGAN's random streams stay as they were.
    return this.activation.apply(raw, tau > 0 ? { tau, seed: noiseSeed + 1 } : undefined);
  }

  /** Rows beside their conditions, `pac` of them side by side (each row alone at pac 1). */
  private packs(rows: tf.Tensor2D, conditions: tf.Tensor2D): tf.Tensor2D {
    return packRows(tf.concat([rows, conditions], 1) as tf.Tensor2D, this.settings.pac);
  }

  /** A logit per pack. */
  private judge(packs: tf.Tensor2D, dropoutSeed?: number): tf.Tensor2D {
    return applyMlp(this.discriminator, packs, {
      dropout: this.settings.dropout,
      dropoutSeed,
    });
  }
}

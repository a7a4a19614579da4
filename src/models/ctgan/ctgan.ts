import * as tf from '../../nn/tf';
import type { EncodedRows, TableEncoder } from '../../encoding/encoder';
import { randomNormal } from '../../nn/random';
import type { Rng } from '../../rng';
import type { CtganTrainingSettings } from './description';
import type { GanSettings } from '../ganFields';
import type {
  Batch,
  Discrimination,
  GeneratorTerm,
  ModelState,
  NetworkPart,
  RowSampler,
  TrainableModel,
} from '../model';
import { adam, setLearningRate } from '../../nn/optimizer';
import { ConditionSampler, conditionLayout, type ConditionLayout } from './conditions';
import { PacCritic } from './critic';
import { OutputActivation, ResidualGenerator, type RecordedMoments } from './generator';
import { ConditionLoss } from './conditionLoss';
import { logisticLoss } from '../../nn/logisticLoss';
import { privateUpdate } from '../../privacy/dpsgd';
import type { PrivacyPlan } from '../../privacy/plan';
import {
  generatedRowLosses,
  generatedRowScores,
  PrivateTraining,
  realRowLosses,
  realRowScores,
} from '../../privacy/privateTraining';

export type CtganSettings = Omit<CtganTrainingSettings, 'model' | 'epochs' | 'batchSize' | 'seed'>;

/**
 * CTGAN (Xu et al., 2019) as its reference code builds it: a residual generator with batch norm, a
 * PacGAN critic (Wasserstein with gradient penalty, or the standard cross-entropy discriminator),
 * Gumbel-softmax outputs, and a conditional vector over the discrete columns with training-by-sampling
 * (conditions.ts). The generator pays a cross-entropy penalty when its row does not have the category
 * its vector asked for, which is what makes the condition stick.
 *
 * Both players also see the target, as the CGAN does, so rows are generated for targets drawn in their
 * real proportions (the session's contract). Each generated row also gets a condition vector drawn, as
 * CTGAN samples them, from the real rows of its target (see `ConditionSampler.generationVectors`).
 */
export class Ctgan implements TrainableModel {
  readonly lossNames: readonly string[];
  private readonly layout: ConditionLayout;
  private readonly generator: ResidualGenerator;
  private readonly critic: PacCritic;
  private readonly generatorOptimizer: tf.AdamOptimizer;
  private readonly criticOptimizer: tf.AdamOptimizer;
  private readonly moments: RecordedMoments[] = [];
  private readonly activation: OutputActivation;
  private readonly conditionLoss: ConditionLoss;
  /**
   * Set once the training rows are known; until then, and always when training privately, rows are
   * generated with all-zero vectors (given their target alone).
   */
  private sampler: ConditionSampler | null = null;
  private privacy: PrivateTraining | null = null;

  constructor(
    private readonly encoder: TableEncoder,
    private readonly settings: CtganSettings,
    rng: Rng,
    private readonly term?: GeneratorTerm,
  ) {
    this.layout = conditionLayout(encoder);
    this.activation = new OutputActivation(encoder.spans, encoder.featureWidth);
    this.conditionLoss = new ConditionLoss(this.layout, encoder.featureWidth);
    const { featureWidth, conditionWidth } = encoder;
    const givenWidth = conditionWidth + this.layout.width;
    this.generator = new ResidualGenerator(
      settings.noiseSize + givenWidth,
      settings.generatorSizes,
      featureWidth,
      rng,
    );
    this.critic = new PacCritic(
      featureWidth + givenWidth,
      settings.criticSizes,
      settings.pac,
      settings.dropout,
      rng,
    );
    // CTGAN's Adam: betas (0.5, 0.9). Its weight decay of 1e-6 is left out (tfjs's Adam has none).
    this.generatorOptimizer = adam(settings.learningRates.generator, 0.5, 0.9);
    this.criticOptimizer = adam(settings.learningRates.discriminator, 0.5, 0.9);
    const criticName = settings.critic === 'wgan-gp' ? 'critic' : 'discriminator';
    this.lossNames = [criticName, 'generator', 'condition', ...(term ? [term.name] : [])];
  }

  /**
   * DP-SGD for the critic from now on (see privacy/privateTraining.ts); before training starts. The
   * critic must judge rows one at a time (pac 1): a pack mixes several people's rows in one gradient.
   * Training-by-sampling is off: it picks rows by their categories' frequencies at every step, reading
   * the data outside the accounting. Rows are drawn by Poisson sampling and the conditional vector stays
   * empty (each row given its target alone, as rows are then generated). Under WGAN-GP the penalty is
   * taken at generated rows only: interpolating with real rows would put them into a second-order
   * term whose per-example gradients the clipping cannot bound; at generated rows it reads no real row.
   */
  trainPrivately(dp: PrivacyPlan): void {
    if (this.settings.pac !== 1)
      throw new Error(
        `Differential privacy needs pac = 1 (it is ${this.settings.pac}): a pack mixes several rows in one gradient.`,
      );
    this.privacy = new PrivateTraining(dp, this.encoder.conditionWidth, this.layout.width);
  }

  rowSampler(rows: EncodedRows): RowSampler {
    if (this.privacy) return this.privacy.rowSampler(rows);
    this.sampler = new ConditionSampler(this.encoder, this.layout, rows);
    return this.sampler;
  }

  trainStep(batch: Batch, rng: Rng): tf.Scalar[] {
    return [this.criticStep(batch, rng), ...this.generatorPart(batch, rng)];
  }

  trainPart(part: NetworkPart, batch: Batch, rng: Rng): (tf.Scalar | null)[] {
    return part === 'discriminator'
      ? [this.criticStep(batch, rng), null, null]
      : [null, ...this.generatorPart(batch, rng)];
  }

  /** The generator's half of a step: for the batch's drawn conditions (the prior's, when private). */
  private generatorPart(batch: Batch, rng: Rng): tf.Scalar[] {
    const { conditions, drawn } = batch;
    if (!drawn) throw new Error('CTGAN trains on rows drawn by its own sampler.');
    const privacy = this.privacy;
    if (!privacy) return this.generatorStep(tf.concat([conditions, drawn], 1) as tf.Tensor2D, drawn, rng);
    const size = privacy.generatedRows;
    const vectors = tf.zeros([size, this.layout.width]) as tf.Tensor2D;
    const given = tf.concat([privacy.conditions(size, rng), vectors], 1) as tf.Tensor2D;
    return this.generatorStep(given, vectors, rng);
  }

  /** The critic's half of a step. */
  private criticStep(batch: Batch, rng: Rng): tf.Scalar {
    if (this.privacy) return this.privateStep(batch, this.privacy, rng);
    const { features, conditions, drawn } = batch;
    if (!drawn) throw new Error('CTGAN trains on rows drawn by its own sampler.');
    const size = features.shape[0];
    const given = tf.concat([conditions, drawn], 1) as tf.Tensor2D;
    const real = tf.concat([features, given], 1) as tf.Tensor2D;
    const c = { noise: rng.seed(), gumbel: rng.seed(), real: rng.seed(), fake: rng.seed(), mix: rng.seed() };

    // The critic's gradients are written by hand (critic.ts): no tape records this pass.
    return tf.tidy(() => {
      const generated = this.fakeRows(size, given, c.noise, c.gumbel, true);
      const fake = tf.concat([generated, given], 1) as tf.Tensor2D;
      const { loss, gradients } = this.critic.step(real, fake, this.settings.critic, c);
      this.criticOptimizer.applyGradients(gradients);
      return loss;
    });
  }

  /**
   * The private step: the critic sees this step's Poisson sample of real rows (clipped, noised) and rows
   * generated for targets drawn from the prior; the generator trains on such targets too.
   */
  private privateStep({ features, conditions, drawn }: Batch, privacy: PrivateTraining, rng: Rng): tf.Scalar {
    privacy.spend();
    const size = privacy.generatedRows;
    const vectors = tf.zeros([size, this.layout.width]) as tf.Tensor2D;
    const fakeGiven = tf.concat([privacy.conditions(size, rng), vectors], 1) as tf.Tensor2D;
    const real = tf.concat([features, conditions, drawn!], 1) as tf.Tensor2D;
    const c = {
      noise: rng.seed(),
      gumbel: rng.seed(),
      real: rng.seed(),
      fake: rng.seed(),
      mix: rng.seed(),
      dp: rng.seed(),
    };
    const fake = tf.concat(
      [this.fakeRows(size, fakeGiven, c.noise, c.gumbel, true), fakeGiven],
      1,
    ) as tf.Tensor2D;
    const wasserstein = this.settings.critic === 'wgan-gp';
    return privateUpdate(
      this.criticOptimizer,
      {
        layers: this.critic.layers,
        call: { dropout: this.critic.dropout, dropoutSeed: c.real },
        real,
        realLoss: wasserstein ? realRowScores : realRowLosses,
        generated: { rows: fake, loss: wasserstein ? generatedRowScores : generatedRowLosses },
        penalty: wasserstein ? () => this.critic.penalty(fake, fake, c.mix, c.fake) : undefined,
      },
      privacy.dp,
      c.dp,
    );
  }

  /** One generator update for rows given `given` (whose vectors are `vectors`): its loss and the condition loss. */
  private generatorStep(given: tf.Tensor2D, vectors: tf.Tensor2D, rng: Rng): tf.Scalar[] {
    const size = given.shape[0];
    const g = { noise: rng.seed(), gumbel: rng.seed(), critic: rng.seed() };
    let conditionTerm: tf.Scalar | null = null;
    let extraTerm: tf.Scalar | null = null;
    // The generator's gradients are written by hand too (generator.ts, critic.ts, conditionLoss.ts).
    const generatorLoss = tf.tidy(() => {
      const noise = randomNormal([size, this.settings.noiseSize], g.noise);
      const trace = this.generator.trace(tf.concat([noise, given], 1) as tf.Tensor2D, this.moments);
      const activated = this.activation.trace(trace.raw, this.settings.gumbelTau, g.gumbel);
      const judged = this.critic.judge(tf.concat([activated.out, given], 1) as tf.Tensor2D, g.critic);
      const packs = judged.scores.shape[0];
      const wasserstein = this.settings.critic === 'wgan-gp';
      const adversarial = wasserstein ? tf.neg(tf.mean(judged.scores)) : logisticLoss(judged.scores, 1);
      // d/dx −mean(x) = −1/n; d/dx mean softplus(−x) = −sigmoid(−x)/n.
      const dScores = wasserstein
        ? tf.fill([packs, 1], -1 / packs)
        : tf.div(tf.neg(tf.sigmoid(tf.neg(judged.scores))), packs);
      const dRows = judged.rowGradient(dScores as tf.Tensor2D);
      let dOut = tf.slice(dRows, [0, 0], [-1, activated.out.shape[1]]) as tf.Tensor2D;
      if (this.term) {
        // The extra term's gradient in the rows, by autodiff through its own (small) model only.
        const target = tf.slice(given, [0, 0], [-1, this.encoder.conditionWidth]) as tf.Tensor2D;
        const term = this.term;
        const { value, grad } = tf.valueAndGrad((rows: tf.Tensor) => term.loss(rows as tf.Tensor2D, target))(
          activated.out,
        );
        extraTerm = tf.keep(value as tf.Scalar);
        dOut = tf.add(dOut, tf.mul(grad, term.weight())) as tf.Tensor2D;
      }
      const condition = this.conditionLoss.apply(trace.raw, vectors);
      const dRaw = tf.add(this.activation.backward(activated, dOut, this.settings.gumbelTau), condition.dRaw);
      this.generatorOptimizer.applyGradients(this.generator.gradients(trace, dRaw as tf.Tensor2D));
      conditionTerm = tf.keep(condition.value);
      return tf.add(adversarial, condition.value) as tf.Scalar;
    });
    this.generator.updateMovingMoments(this.moments, size);
    return extraTerm ? [generatorLoss, conditionTerm!, extraTerm] : [generatorLoss, conditionTerm!];
  }

  generatorState(): tf.Variable[] {
    return this.generator.stateVariables();
  }

  generate(conditions: tf.Tensor2D, rng: Rng): tf.Tensor2D {
    return tf.tidy(() => this.generateWith(conditions, this.generationVectors(conditions, rng), rng));
  }

  /**
   * Each row's vector, drawn for its own target class. The classes' vectors are drawn on the CPU for
   * every row and picked by the (one-hot) conditions on the device, so the targets are never read back.
   */
  private generationVectors(conditions: tf.Tensor2D, rng: Rng): tf.Tensor2D {
    const size = conditions.shape[0];
    const width = this.layout.width;
    if (!this.sampler || width === 0) return tf.zeros([size, width]);
    const perClass = this.sampler.generationVectors(size, rng);
    if (perClass.length === 1) return tf.tensor2d(perClass[0]!, [size, width]);
    const target = this.encoder.target;
    return perClass.reduce<tf.Tensor2D>(
      (sum, vectors, k) =>
        tf.add(
          sum,
          tf.mul(
            tf.slice(conditions, [0, target.offset + k], [size, 1]),
            tf.tensor2d(vectors, [size, width]),
          ),
        ) as tf.Tensor2D,
      tf.zeros([size, width]),
    );
  }

  /**
   * Rows generated under given conditional vectors: `generate` draws them as CTGAN does; a caller may
   * also name a category of a feature column.
   */
  generateWith(conditions: tf.Tensor2D, vectors: tf.Tensor2D, rng: Rng): tf.Tensor2D {
    return tf.tidy(() => {
      const given = tf.concat([conditions, vectors], 1) as tf.Tensor2D;
      return this.fakeRows(conditions.shape[0], given, rng.seed(), rng.seed(), false);
    });
  }

  discriminate(features: tf.Tensor2D, conditions: tf.Tensor2D): Discrimination {
    const scores = tf.tidy(() => {
      const size = features.shape[0];
      const rows = tf.concat([features, conditions, tf.zeros([size, this.layout.width])], 1) as tf.Tensor2D;
      const logits = this.critic.scoreRows(rows);
      return this.settings.critic === 'cross-entropy' ? (tf.sigmoid(logits) as tf.Tensor1D) : logits;
    });
    return { scale: this.settings.critic === 'cross-entropy' ? 'probability' : 'critic', scores };
  }

  configure({ learningRates }: Pick<GanSettings, 'learningRates'>): void {
    setLearningRate(this.generatorOptimizer, learningRates.generator);
    setLearningRate(this.criticOptimizer, learningRates.discriminator);
  }

  state(): ModelState {
    return {
      variables: [...this.generator.stateVariables(), ...this.critic.variables()],
      optimizers: [this.generatorOptimizer, this.criticOptimizer],
    };
  }

  dispose(): void {
    this.generator.dispose();
    this.critic.dispose();
    this.generatorOptimizer.dispose();
    this.criticOptimizer.dispose();
    tf.dispose(this.moments.flatMap((m) => [m.mean, m.variance]));
  }

  /** Activated generated rows: with the batch's moments when training, else the moving averages. */
  private fakeRows(
    size: number,
    given: tf.Tensor2D,
    noiseSeed: number,
    gumbelSeed: number,
    training: boolean,
  ): tf.Tensor2D {
    const input = tf.concat(
      [randomNormal([size, this.settings.noiseSize], noiseSeed), given],
      1,
    ) as tf.Tensor2D;
    const raw = training ? this.generator.trace(input).raw : this.generator.forward(input);
    return this.activation.apply(raw, this.settings.gumbelTau, gumbelSeed);
  }
}

import type { RawTable } from '../../data/table';
import type { TableEncoder } from '../../encoding/encoder';
import { logisticLoss } from '../../nn/logisticLoss';
import { applyMlp, createMlp, disposeMlp, mlpVariables, type DenseLayer } from '../../nn/mlp';
import { adam, setLearningRate } from '../../nn/optimizer';
import * as tf from '../../nn/tf';
import type { Rng } from '../../rng';
import type {
  Batch,
  Discrimination,
  ModelDetails,
  ModelState,
  TrainableModel,
  TrainingStage,
} from '../model';
import type { PpoganTrainingSettings } from './description';
import { advantages, meanEntropy, normalise, pickedLogp, ppoTerms, shapedRewards } from './ppo';
import { parseRow, sampleRows, samplingOrder, shuffledOrder, tokenRows, type Rows } from './sampler';
import { RowTokenizer, type BlockValue } from './tokenizer';
import { Transformer } from './transformer';

/** The discriminator's hidden layers: an MLP on encoded rows, as the CGAN's. */
const DISCRIMINATOR_SIZES = [64, 64];
/** A row that does not parse is scored as a row the discriminator is sure is fake. */
export const UNPARSEABLE_REWARD = -5;
/** GAE's λ; γ is 1. */
const GAE_LAMBDA = 0.95;
/** Weight of the value head's loss in PPO's. */
const VALUE_WEIGHT = 0.5;

const LOSSES = ['likelihood', 'policy', 'value', 'discriminator'] as const;
const METRICS = ['reward', 'KL', 'clip fraction', 'entropy', 'D accuracy', 'unparseable'] as const;

/**
 * PPO-GAN: stage 1 trains the policy on real rows by next-token likelihood, each row's columns in a
 * fresh random order; stage 2 runs one PPO round a step: rows drawn for the batch's targets, the
 * discriminator trained on them against the batch's real rows, its logit as each row's reward, then
 * `ppoEpochs` clipped updates with a KL penalty to the policy as stage 1 left it.
 */
export class PpoGan implements TrainableModel {
  readonly lossNames = LOSSES;
  readonly metricNames = METRICS;
  readonly stages: readonly TrainingStage[];
  readonly tokenizer: RowTokenizer;
  readonly policy: Transformer;
  private reference: tf.Tensor[] | null = null;
  private readonly discriminator: DenseLayer[];
  private readonly optimizers: {
    likelihood: tf.AdamOptimizer;
    ppo: tf.AdamOptimizer;
    discriminator: tf.AdamOptimizer;
  };
  private settings: PpoganTrainingSettings;
  /** Rows written by `generate` since the note was last taken, and how many did not parse. */
  private draws = { drawn: 0, unparseable: 0 };

  constructor(
    private readonly encoder: TableEncoder,
    training: RawTable,
    settings: PpoganTrainingSettings,
    rng: Rng,
  ) {
    this.settings = settings;
    this.stages = [
      { name: 'likelihood', series: ['likelihood'], epochs: settings.likelihoodEpochs },
      {
        name: 'PPO',
        series: [...LOSSES.slice(1), ...METRICS],
        epochs: settings.epochs - settings.likelihoodEpochs,
      },
    ];
    this.tokenizer = new RowTokenizer(encoder, training, settings);
    const { layers, heads, width } = settings;
    this.policy = new Transformer(
      { vocabulary: this.tokenizer.size, length: this.tokenizer.length, width, heads, layers },
      rng,
    );
    this.discriminator = createMlp(
      [encoder.featureWidth + encoder.conditionWidth, ...DISCRIMINATOR_SIZES, 1],
      rng,
    );
    const rates = settings.learningRates;
    this.optimizers = {
      likelihood: adam(rates.likelihood),
      ppo: adam(rates.ppo),
      // As the CGAN's discriminator: β1 = 0.5.
      discriminator: adam(rates.discriminator, 0.5, 0.999),
    };
  }

  trainStep(batch: Batch, rng: Rng): tf.Scalar[] {
    return batch.stage === 0 ? this.likelihoodStep(batch, rng) : this.ppoRound(batch, rng);
  }

  /** Mean negative log-likelihood per value token of the batch's rows, each in a random column order. */
  likelihoodStep({ features, conditions }: Batch, rng: Rng): tf.Scalar[] {
    const values = this.readRows(features, conditions);
    const rows = tokenRows(
      this.tokenizer,
      values,
      values.map(() => shuffledOrder(this.tokenizer, rng)),
    );
    const { positions, taken } = actionTensors(rows);
    const loss = this.optimizers.likelihood.minimize(
      () => {
        const { logits } = this.policy.apply(tokenTensor(rows), positions);
        return tf.neg(tf.mean(pickedLogp(logits, taken)));
      },
      true,
      this.policyVariables(),
    )!;
    return [loss, ...nothing(LOSSES.length + METRICS.length - 1)];
  }

  /** One PPO round on the batch: its real rows for the discriminator, its targets for the policy's rows. */
  ppoRound({ features, conditions }: Batch, rng: Rng): tf.Scalar[] {
    this.reference ??= this.policy.snapshot();
    const count = features.shape[0];
    const targetValues = this.readTargets(conditions);
    const orders = targetValues.map(() => samplingOrder(this.tokenizer, this.settings.sampleOrder, rng));
    const rows = sampleRows(this.policy, this.tokenizer, targetValues, orders, rng, {
      temperature: 1,
      constrained: false,
    });
    const parsed = Array.from({ length: count }, (_, r) => parseRow(this.tokenizer, rows, r));
    const good = parsed.flatMap((p, r) => (typeof p === 'string' ? [] : [r]));
    const fake = this.encodeRows(good.map((r) => parsed[r] as BlockValue[]));

    // The discriminator learns this round's rows, then scores them: its logit is the reward.
    const real = tf.concat([features, conditions], 1) as tf.Tensor2D;
    const discriminatorLoss =
      good.length > 0
        ? this.optimizers.discriminator.minimize(
            () => tf.add(logisticLoss(this.judge(real), 1), logisticLoss(this.judge(fake), 0)) as tf.Scalar,
            true,
            mlpVariables(this.discriminator),
          )!
        : logisticLoss(this.judge(real), 1);
    const fakeLogits = this.judge(fake).dataSync();
    const realLogits = this.judge(real).dataSync();
    const scores = new Float32Array(count).fill(UNPARSEABLE_REWARD);
    good.forEach((r, i) => (scores[r] = fakeLogits[i]!));
    // Balanced over the rows it judged: real ones, and generated ones that parse.
    const fakeRight = good.length > 0 ? fakeLogits.filter((x) => x <= 0).length / good.length : 1;
    const accuracy = (realLogits.filter((x) => x > 0).length / count + fakeRight) / 2;

    const perRow = rows.actions[0]!.length;
    const { positions, taken } = actionTensors(rows);
    const tokens = tokenTensor(rows);
    const old = this.policy.apply(tokens, positions);
    const oldLogpT = pickedLogp(old.logits, taken);
    const refLogpT = pickedLogp(this.policy.apply(tokens, positions, this.reference).logits, taken);
    const [oldLogp, refLogp, oldValues] = [oldLogpT, refLogpT, old.values].map(
      (t) => t.dataSync() as Float32Array,
    );
    const rewards = shapedRewards(oldLogp!, refLogp!, scores, perRow, this.settings.klCoefficient);
    const gae = advantages(rewards, oldValues!, perRow, GAE_LAMBDA);
    const inputs = {
      oldLogp: oldLogpT,
      advantages: tf.tensor1d(normalise(gae.advantages)),
      returns: tf.tensor1d(gae.returns),
    };

    const parts: tf.Scalar[][] = [];
    for (let epoch = 0; epoch < this.settings.ppoEpochs; epoch++) {
      const total = this.optimizers.ppo.minimize(
        () => {
          const now = this.policy.apply(tokens, positions);
          const terms = ppoTerms(
            { ...inputs, logp: pickedLogp(now.logits, taken), values: now.values },
            this.settings.clip,
          );
          const entropy = meanEntropy(now.logits);
          parts.push([terms.policy, terms.value, terms.clipFraction, entropy].map((t) => tf.keep(t)));
          return tf.addN([
            terms.policy,
            tf.mul(VALUE_WEIGHT, terms.value),
            tf.mul(-this.settings.entropyCoefficient, entropy),
          ]) as tf.Scalar;
        },
        false,
        this.policyVariables(),
      );
      total?.dispose();
    }
    const [policy, value, clipFraction, entropy] = [0, 1, 2, 3].map(
      (k) => tf.mean(tf.stack(parts.map((p) => p[k]!))) as tf.Scalar,
    );
    // Kept past the optimizer's scope, so no enclosing tidy owns them.
    tf.dispose(parts.flat());
    return [
      tf.scalar(NaN),
      policy!,
      value!,
      discriminatorLoss,
      tf.scalar(average(scores)),
      tf.mean(tf.sub(oldLogpT, refLogpT)) as tf.Scalar,
      clipFraction!,
      entropy!,
      tf.scalar(accuracy),
      tf.scalar((count - good.length) / count),
    ];
  }

  /**
   * Rows for the given targets at the set temperature. Rows that do not parse are counted (see
   * `takeGenerationNote`) and drawn again from their columns' own tokens, so every row asked for comes back.
   */
  generate(conditions: tf.Tensor2D, rng: Rng): tf.Tensor2D {
    const targets = this.readTargets(conditions);
    const orders = targets.map(() => samplingOrder(this.tokenizer, this.settings.sampleOrder, rng));
    const options = { temperature: this.settings.temperature, constrained: false };
    const free = sampleRows(this.policy, this.tokenizer, targets, orders, rng, options);
    const values = Array.from({ length: targets.length }, (_, r) => parseRow(this.tokenizer, free, r));
    const failed = values.flatMap((v, r) => (typeof v === 'string' ? [r] : []));
    this.draws.drawn += targets.length;
    this.draws.unparseable += failed.length;
    if (failed.length > 0) {
      const again = sampleRows(
        this.policy,
        this.tokenizer,
        failed.map((r) => targets[r]!),
        failed.map((r) => orders[r]!),
        rng,
        { ...options, constrained: true },
      );
      failed.forEach((r, i) => (values[r] = parseRow(this.tokenizer, again, i)));
    }
    return tf.tidy(() =>
      tf.slice(this.encodeRows(values as BlockValue[][]), [0, 0], [-1, this.encoder.featureWidth]),
    );
  }

  takeGenerationNote(): string | null {
    const { drawn, unparseable } = this.draws;
    this.draws = { drawn: 0, unparseable: 0 };
    if (drawn === 0) return null;
    const share = `${unparseable.toLocaleString('en')} of ${drawn.toLocaleString('en')}`;
    return unparseable === 0
      ? `All ${drawn.toLocaleString('en')} rows the policy wrote parsed.`
      : `${share} rows the policy wrote did not parse (a token that is no value of its column); ` +
          'they were written again from each column’s own tokens.';
  }

  details(): ModelDetails {
    const { tokenizer } = this;
    const owner = new Map<number, string>();
    for (const block of tokenizer.blocks) {
      const count = block.kind === 'categorical' ? block.levels.length : block.bins.length;
      owner.set(block.nameToken, `${block.name} (name)`);
      for (let t = 0; t < count; t++) owner.set(block.firstValue + t, block.name);
    }
    const numbers = tokenizer.blocks.filter((b) => b.kind === 'numeric').length;
    return {
      title: 'Vocabulary',
      caption:
        `${tokenizer.size} tokens; a row is ${tokenizer.length} of them: <row>, then each column’s name and value ` +
        `(${numbers} number columns as a quantile bin and one of ${tokenizer.offsets} fine offsets). ` +
        'The policy may write any token at a value’s place; one that is not a value of that column makes the row unparseable.',
      columns: ['Token', 'Column', 'Text'],
      rows: tokenizer.vocabulary.map((text, t) => [String(t), owner.get(t) ?? 'any', text]),
    };
  }

  discriminate(features: tf.Tensor2D, conditions: tf.Tensor2D): Discrimination {
    const scores = tf.tidy(
      () =>
        tf.reshape(tf.sigmoid(this.judge(tf.concat([features, conditions], 1) as tf.Tensor2D)), [
          -1,
        ]) as tf.Tensor1D,
    );
    return { scale: 'probability', scores };
  }

  configure(settings: PpoganTrainingSettings): void {
    this.settings = { ...this.settings, ...pickLive(settings) };
    const rates = settings.learningRates;
    setLearningRate(this.optimizers.likelihood, rates.likelihood);
    setLearningRate(this.optimizers.ppo, rates.ppo);
    setLearningRate(this.optimizers.discriminator, rates.discriminator);
  }

  /**
   * Policy, discriminator and optimizers. The stage-1 reference policy of the KL penalty is not kept: a run
   * restored during stage 2 takes the restored policy as its reference at its next PPO round.
   */
  state(): ModelState {
    return {
      variables: [...this.policyVariables(), ...mlpVariables(this.discriminator)],
      optimizers: [this.optimizers.likelihood, this.optimizers.ppo, this.optimizers.discriminator],
    };
  }

  dispose(): void {
    this.policy.dispose();
    tf.dispose(this.reference ?? []);
    disposeMlp(this.discriminator);
    Object.values(this.optimizers).forEach((o) => o.dispose());
  }

  private policyVariables(): tf.Variable[] {
    return this.policy.variables;
  }

  private judge(rows: tf.Tensor2D): tf.Tensor2D {
    return applyMlp(this.discriminator, rows, { dropout: 0 });
  }

  private readRows(features: tf.Tensor2D, conditions: tf.Tensor2D): BlockValue[][] {
    const [f, c] = [features.dataSync() as Float32Array, conditions.dataSync() as Float32Array];
    return Array.from({ length: features.shape[0] }, (_, r) => this.tokenizer.valuesOf(f, c, r));
  }

  private readTargets(conditions: tf.Tensor2D): BlockValue[] {
    const c = conditions.dataSync() as Float32Array;
    return Array.from({ length: conditions.shape[0] }, (_, r) => this.tokenizer.targetOf(c, r));
  }

  /** Rows of values as the encoder writes them: features ‖ conditions, [rows, featureWidth + conditionWidth]. */
  private encodeRows(values: BlockValue[][]): tf.Tensor2D {
    const { featureWidth, conditionWidth } = this.encoder;
    const features = new Float32Array(values.length * featureWidth);
    const conditions = new Float32Array(values.length * conditionWidth);
    values.forEach((row, r) => this.tokenizer.writeValues(row, features, conditions, r));
    return tf.concat(
      [
        tf.tensor2d(features, [values.length, featureWidth]),
        tf.tensor2d(conditions, [values.length, conditionWidth]),
      ],
      1,
    ) as tf.Tensor2D;
  }
}

/** The live settings (learning rates are handed to the optimizers). */
function pickLive(s: PpoganTrainingSettings) {
  const { klCoefficient, entropyCoefficient, temperature, learningRates } = s;
  return { klCoefficient, entropyCoefficient, temperature, learningRates };
}

function tokenTensor(rows: Rows): tf.Tensor2D {
  return tf.tensor2d(rows.tokens, [rows.count, rows.length], 'int32');
}

/** Where the policy acted in flattened [rows·length] positions (the output before each action) and what it wrote. */
function actionTensors(rows: Rows): { positions: tf.Tensor1D; taken: tf.Tensor1D } {
  const positions: number[] = [];
  const taken: number[] = [];
  rows.actions.forEach((slots, r) =>
    slots.forEach((p) => {
      positions.push(r * rows.length + p - 1);
      taken.push(rows.tokens[r * rows.length + p]!);
    }),
  );
  return { positions: tf.tensor1d(positions, 'int32'), taken: tf.tensor1d(taken, 'int32') };
}

function nothing(n: number): tf.Scalar[] {
  return Array.from({ length: n }, () => tf.scalar(NaN));
}

function average(x: Float32Array): number {
  return x.reduce((s, v) => s + v, 0) / x.length;
}

import * as tf from '../../nn/tf';
import { applyMlp, createMlp, disposeMlp, mlpVariables, type DenseLayer } from '../../nn/mlp';
import {
  columnSums,
  deltas,
  dense,
  dropoutMasks,
  inputGradient,
  sumOfProducts,
  traceFrom,
  traceMlp,
  traceRows,
} from '../../nn/leakyMlp';
import { logisticLoss } from '../../nn/logisticLoss';
import { rowScoringLayers } from '../../nn/packs';
import { randomUniform } from '../../nn/random';
import type { Rng } from '../../rng';

/** WGAN-GP's weight on the gradient penalty (Gulrajani et al., 2017; CTGAN uses the same). */
export const PENALTY_WEIGHT = 10;

/** Scores, and ∂loss/∂rows from ∂loss/∂scores. */
export interface Judgement {
  scores: tf.Tensor2D;
  rowGradient: (dScores: tf.Tensor2D) => tf.Tensor2D;
}

/** How the critic's own step scores it: Wasserstein with gradient penalty, or cross-entropy. */
export type CriticLoss = 'wgan-gp' | 'cross-entropy';

/** The critic step's seeds: dropout on real and on generated rows, and the penalty's mixing weights. */
export interface CriticSeeds {
  real: number;
  fake: number;
  mix: number;
}

/**
 * CTGAN's critic with PacGAN packing (Lin et al., 2018): `pac` consecutive rows are concatenated and
 * judged as one, so a generator that repeats one good row (mode collapse) is easy to spot. Hidden
 * layers are Linear → leaky ReLU 0.2 → dropout.
 *
 * Its gradients are written by hand (leakyMlp.ts), not left to tfjs's autodiff: the critic's step
 * (loss, gradient penalty and all its variables' gradients) in `step`, and the gradient to the rows
 * that the generator's step needs in `judge`.
 */
export class PacCritic {
  /** Read by DP-SGD's per-example clipping (privacy/dpsgd.ts), with pac = 1. */
  readonly layers: DenseLayer[];

  constructor(
    private readonly rowWidth: number,
    sizes: number[],
    readonly pac: number,
    readonly dropout: number,
    rng: Rng,
  ) {
    this.layers = createMlp([rowWidth * pac, ...sizes, 1], rng);
  }

  /**
   * One score (logit) per pack of `pac` rows, dropout only when a seed is given (training), and the
   * gradient of a loss to the rows from its gradient to the scores (the generator's step needs no
   * gradients of the critic's own variables).
   */
  judge(rows: tf.Tensor2D, dropoutSeed?: number): Judgement {
    const packed = this.pack(rows);
    const seeds = dropoutSeed === undefined ? null : [dropoutSeed];
    const masks = dropoutMasks(this.layers, packed.shape[0], this.dropout, seeds);
    const trace = traceMlp(this.layers, packed, masks);
    return {
      scores: trace.output,
      rowGradient: (dScores) => {
        const first = deltas(this.layers, trace.slopes, dScores)[0]!;
        return tf.reshape(inputGradient(this.layers, first), rows.shape);
      },
    };
  }

  /**
   * The critic's own step: its loss on real and generated rows (generated ones already include the
   * rows' conditions, as real ones do) and the gradient of each of its variables, for an optimizer's
   * applyGradients.
   *
   * Real and generated packs go through one pass. With the Wasserstein loss, WGAN-GP's penalty
   * λ·E[(‖∇ₓcritic(x)‖ − 1)²] is taken at x = α·real + (1 − α)·generated, one α per pack (as CTGAN
   * does), with the real rows' dropout masks. Those mixed packs join the same pass from the first
   * layer's output: x·W₁ + b₁ is α·(real's) + (1 − α)·(generated's), so they cost no product there.
   * The input gradient is the backward pass with ∂output = 1, g = ((S₂ ⊙ w₃ᵀ)·W₂ᵀ ⊙ S₁)·W₁ᵀ for two
   * hidden layers; differentiating λ(‖g‖ − 1)² through it is the same chain run forwards from
   * G = ∂penalty/∂g, R₁ = G·W₁ ⊙ S₁, R₂ = R₁·W₂ ⊙ S₂, which gives W₁ the term Gᵀ·(S₁ ⊙ …), W₂ the
   * term R₁ᵀ·(S₂ ⊙ w₃ᵀ) and w₃ the column sums of R₂; S is constant where it is differentiable.
   */
  step(
    real: tf.Tensor2D,
    fake: tf.Tensor2D,
    loss: CriticLoss,
    seeds: CriticSeeds,
  ): { loss: tf.Scalar; gradients: { name: string; tensor: tf.Tensor }[] } {
    const packs = real.shape[0] / this.pac;
    const penalised = loss === 'wgan-gp';
    const judged = this.pack(tf.concat([real, fake], 0) as tf.Tensor2D);
    let firstPre = dense(judged, this.layers[0]!);
    if (penalised) {
      const alpha = randomUniform([packs, 1], 0, 1, seeds.mix);
      const [ofReal, ofFake] = tf.split(firstPre, 2, 0) as [tf.Tensor2D, tf.Tensor2D];
      const mixed = tf.add(ofFake, tf.mul(alpha, tf.sub(ofReal, ofFake)));
      firstPre = tf.concat([firstPre, mixed], 0) as tf.Tensor2D;
    }
    const maskSeeds = penalised ? [seeds.real, seeds.fake, seeds.real] : [seeds.real, seeds.fake];
    const masks = dropoutMasks(this.layers, packs, this.dropout, maskSeeds);
    const all = traceFrom(this.layers, judged, firstPre, masks);
    const trace = penalised ? traceRows(all, 0, 2 * packs) : all;
    const [realScores, fakeScores] = tf.split(trace.output, 2, 0) as [tf.Tensor2D, tf.Tensor2D];

    let value: tf.Scalar;
    let dScores: tf.Tensor2D;
    if (penalised) {
      value = tf.sub(tf.mean(fakeScores), tf.mean(realScores));
      dScores = tf.concat(
        [tf.fill([packs, 1], -1 / packs), tf.fill([packs, 1], 1 / packs)],
        0,
      ) as tf.Tensor2D;
    } else {
      value = tf.add(logisticLoss(realScores, 1), logisticLoss(fakeScores, 0));
      // d/dx mean softplus(−x) = −sigmoid(−x)/n; d/dx mean softplus(x) = sigmoid(x)/n.
      dScores = tf.div(tf.concat([tf.neg(tf.sigmoid(tf.neg(realScores))), tf.sigmoid(fakeScores)], 0), packs);
    }
    const delta = deltas(this.layers, trace.slopes, dScores);
    const kernelTerms = this.layers.map((_, i): [tf.Tensor2D, tf.Tensor2D][] => [
      [trace.inputs[i]!, delta[i]!],
    ]);

    if (penalised) {
      const mixedSlopes = all.slopes.map((s) => tf.slice(s, [2 * packs, 0], [packs, -1]) as tf.Tensor2D);
      const penalty = this.penaltyTerms(mixedSlopes);
      value = tf.add(value, penalty.value);
      penalty.kernelTerms.forEach((term, i) => kernelTerms[i]!.push(term));
    }
    const gradients = this.layers.flatMap((layer, i) => [
      { name: layer.kernel.name, tensor: sumOfProducts(kernelTerms[i]!) },
      { name: layer.bias.name, tensor: columnSums(delta[i]!) },
    ]);
    return { loss: value, gradients };
  }

  /**
   * WGAN-GP's penalty alone, at rows between `real` and `fake` (one mixing weight per pack) with the
   * dropout of `dropoutSeed`, as a scalar that tf.variableGrads can differentiate: its gradient to the
   * critic's variables is the hand-written one (DP-SGD adds the penalty as it is, privacy/dpsgd.ts).
   * The rows get no gradient.
   */
  penalty(real: tf.Tensor2D, fake: tf.Tensor2D, mixSeed: number, dropoutSeed: number): tf.Scalar {
    const variables = this.variables();
    const op = tf.customGrad((...inputs: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const packs = real.shape[0] / this.pac;
      const alpha = tf.reshape(tf.tile(randomUniform([packs, 1], 0, 1, mixSeed), [1, this.pac]), [-1, 1]);
      const mixed = this.pack(tf.add(fake, tf.mul(alpha, tf.sub(real, fake))) as tf.Tensor2D);
      const masks = dropoutMasks(this.layers, packs, this.dropout, [dropoutSeed]);
      const { value, kernelTerms } = this.penaltyTerms(traceMlp(this.layers, mixed, masks).slopes);
      // The biases do not reach the penalty (the slopes are constant where they are differentiable).
      const gradients = this.layers.flatMap((layer, i) => [
        sumOfProducts([kernelTerms[i]!]),
        tf.zerosLike(layer.bias),
      ]);
      // Saved: the forward pass's other tensors are freed before the backward pass runs.
      (inputs.at(-1) as tf.GradSaveFunc)(gradients);
      return {
        value,
        gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => [
          tf.zerosLike(real),
          tf.zerosLike(fake),
          ...saved.map((g) => tf.mul(g, dy)),
        ],
      };
    });
    return op(real, fake, ...variables) as tf.Scalar;
  }

  /**
   * The penalty λ·mean((‖g‖ − 1)²) of packs whose hidden slopes are `slopes`, g being each pack's
   * gradient to its input, and each kernel's term of its gradient as a pair (left, right) whose
   * product leftᵀ·right it adds (see `step`).
   */
  private penaltyTerms(slopes: tf.Tensor2D[]): {
    value: tf.Scalar;
    kernelTerms: [tf.Tensor2D, tf.Tensor2D][];
  } {
    const packs = slopes[0]!.shape[0];
    const toOutput = deltas(this.layers, slopes, tf.ones([packs, 1]));
    const g = inputGradient(this.layers, toOutput[0]!);
    const norms = tf.sqrt(tf.add(tf.sum(tf.square(g), 1, true), 1e-12));
    const excess = tf.sub(norms, 1);
    const value = tf.mul(tf.mean(tf.square(excess)), PENALTY_WEIGHT) as tf.Scalar;
    let chain = tf.mul(g, tf.div(tf.mul(excess, (2 * PENALTY_WEIGHT) / packs), norms)) as tf.Tensor2D;
    const kernelTerms = this.layers.map((layer, i): [tf.Tensor2D, tf.Tensor2D] => {
      const term: [tf.Tensor2D, tf.Tensor2D] = [chain, toOutput[i]!];
      if (i < slopes.length) chain = tf.mul(tf.matMul(chain, layer.kernel), slopes[i]!) as tf.Tensor2D;
      return term;
    });
    return { value, kernelTerms };
  }

  /** A score per row (inference): each row judged as a pack of `pac` copies of itself (packs.ts). */
  scoreRows(rows: tf.Tensor2D): tf.Tensor1D {
    return tf.tidy(() => {
      const layers = rowScoringLayers(this.layers, this.pac);
      return tf.reshape(applyMlp(layers, rows, { dropout: 0 }), [-1]) as tf.Tensor1D;
    });
  }

  variables(): tf.Variable[] {
    return mlpVariables(this.layers);
  }

  dispose(): void {
    disposeMlp(this.layers);
  }

  /** Rows to packs: `pac` consecutive rows side by side. */
  private pack(rows: tf.Tensor2D): tf.Tensor2D {
    return tf.reshape(rows, [-1, this.rowWidth * this.pac]);
  }
}

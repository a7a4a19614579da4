import * as tf from '../../nn/tf';
import { applyMlp, createMlp, disposeMlp, mlpVariables, type DenseLayer } from '../../nn/mlp';
import { randomUniform } from '../../nn/random';
import type { Rng } from '../../rng';

/** WGAN-GP's weight on the gradient penalty (Gulrajani et al., 2017; CTGAN uses the same). */
export const PENALTY_WEIGHT = 10;

/**
 * CTGAN's critic with PacGAN packing (Lin et al., 2018): `pac` consecutive rows are concatenated and
 * judged as one, so a generator that repeats one good row (mode collapse) is easy to spot. Hidden
 * layers are Linear → leaky ReLU 0.2 → dropout. The leaky ReLU is mlp.ts's, written from relu, and
 * there is no tanh or sigmoid inside: the gradient penalty differentiates the critic's gradient, and
 * tfjs's leakyRelu has no second-order gradient while tanh and sigmoid give wrong ones (research
 * notes, section 1).
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

  /** One score (logit) per pack of `pac` rows; dropout only when a seed is given (training). */
  score(rows: tf.Tensor2D, dropoutSeed?: number): tf.Tensor2D {
    const packed = tf.reshape(rows, [-1, this.rowWidth * this.pac]) as tf.Tensor2D;
    return applyMlp(this.layers, packed, { dropout: this.dropout, dropoutSeed });
  }

  /**
   * A score per row (inference): each row judged as a pack of `pac` copies of itself. A pack of copies
   * meets the first layer as x·(W₁ + … + W_pac), W_k being the first layer's rows for pack slot k, so
   * that sum is taken once instead of multiplying pac-fold copies: a verdict snapshot's 6,000 rows had
   * been a [6,000 × 2,540] product on a 60,000-row tile, 1.35 s of the app's first training chunk.
   */
  scoreRows(rows: tf.Tensor2D): tf.Tensor1D {
    return tf.tidy(() => {
      const [first, ...rest] = this.layers;
      const folded = tf.sum(tf.reshape(first!.kernel, [this.pac, this.rowWidth, -1]), 0);
      const layers = [{ kernel: folded, bias: first!.bias }, ...rest];
      return tf.reshape(applyMlp(layers, rows, { dropout: 0 }), [-1]) as tf.Tensor1D;
    });
  }

  variables(): tf.Variable[] {
    return mlpVariables(this.layers);
  }

  dispose(): void {
    disposeMlp(this.layers);
  }
}

/**
 * WGAN-GP's penalty: λ·E[(‖∇x critic(x)‖ − 1)²] at points x between real and generated rows, one
 * random mixing weight per pack, the gradient's norm taken per pack (as CTGAN does). Differentiating
 * this with respect to the critic's weights takes second-order gradients.
 */
export function gradientPenalty(
  critic: PacCritic,
  real: tf.Tensor2D,
  fake: tf.Tensor2D,
  mixSeed: number,
  dropoutSeed?: number,
): tf.Scalar {
  const [rows, width] = real.shape;
  const packs = rows / critic.pac;
  const alpha = tf.reshape(tf.tile(randomUniform([packs, 1], 0, 1, mixSeed), [1, critic.pac]), [rows, 1]);
  const mixed = tf.add(tf.mul(real, alpha), tf.mul(fake, tf.sub(1, alpha))) as tf.Tensor2D;
  const gradient = tf.grad((x) => tf.sum(critic.score(x as tf.Tensor2D, dropoutSeed)))(mixed);
  const perPack = tf.reshape(gradient, [packs, width * critic.pac]);
  // The small constant keeps the square root differentiable where a gradient is exactly zero.
  const norm = tf.sqrt(tf.add(tf.sum(tf.square(perPack), 1), 1e-12));
  return tf.mul(tf.mean(tf.square(tf.sub(norm, 1))), PENALTY_WEIGHT) as tf.Scalar;
}

import * as tf from '../nn/tf';
import { mlpVariables, type DenseLayer, type MlpCall } from '../nn/mlp';
import { randomNormal } from '../nn/random';
import { createRng } from '../rng';
import { disposeTrace, exampleGradientNorms, traceMlp, weightedGradientSum } from './perExample';

/**
 * DP-SGD (Abadi et al., 2016) for a discriminator, the only network that reads real rows. Each step's
 * real rows are a Poisson sample (every row in with probability q, see poisson.ts), as the accountant
 * assumes; each row's gradient is clipped to norm C; Gaussian noise of standard deviation σ·C is added
 * to their sum, which is divided by the expected batch size q·N (dividing by the drawn size would
 * itself reveal it). The generator learns only through this discriminator and from conditions drawn
 * without reading the sampled rows, so what it generates inherits the guarantee (post-processing).
 */
export interface DpSgd {
  clipNorm: number;
  noiseMultiplier: number;
  samplingRate: number;
  /** q·N. */
  expectedBatchSize: number;
}

/** What one private discriminator update reads. */
export interface PrivateLoss {
  /** The discriminator: an MLP (no batch norm: rows must not mix). */
  layers: readonly DenseLayer[];
  call: MlpCall;
  /** This step's Poisson sample of real rows, as the discriminator reads them (may have no rows). */
  real: tf.Tensor2D;
  /** Each real row's loss from its output (e.g. softplus(−logit)). */
  realLoss: PerRowLoss;
  /**
   * Generated rows (for conditions drawn without reading the sample) and each one's loss. They read no
   * real row, so they add nothing to the sensitivity, but they are clipped like the real rows: a side
   * left unclipped would outweigh the clipped one (a Wasserstein critic then stops learning).
   */
  generated?: { rows: tf.Tensor2D; loss: PerRowLoss };
  /** A term that reads no real row, added as it is: WGAN-GP's penalty at generated rows. */
  penalty?: () => tf.Scalar;
}

export type PerRowLoss = (outputs: tf.Tensor2D) => tf.Tensor1D;

/**
 * The discriminator's privatised gradient, [kernel, bias] per layer: (Σ_rows clip(∇ loss_row) +
 * N(0, σ²C²)) / (q·N) + ∇ penalty. `loss` is the mean real-row loss plus the mean generated-row loss
 * plus the penalty, as the non-private loss is defined, for the chart.
 */
export function privateGradients(
  spec: PrivateLoss,
  dp: DpSgd,
  noiseSeed: number,
): { gradients: tf.Tensor[]; loss: tf.Scalar } {
  const variables = mlpVariables(spec.layers as DenseLayer[]);
  const penalty = spec.penalty
    ? tf.variableGrads(spec.penalty, variables)
    : { value: tf.scalar(0), grads: {} as tf.NamedTensorMap };
  const noiseRng = createRng(noiseSeed);
  const noise = variables.map((v) => randomNormal(v.shape, noiseRng.seed()));
  const scale = 1 / dp.expectedBatchSize;
  const noiseStd = dp.noiseMultiplier * dp.clipNorm;

  const realCount = spec.real.shape[0];
  const generatedCount = spec.generated?.rows.shape[0] ?? 0;
  let clippedSums: tf.Tensor[] | null = null;
  let meanLoss: tf.Scalar = tf.scalar(0);
  if (realCount + generatedCount > 0) {
    const rows = spec.generated ? (tf.concat([spec.real, spec.generated.rows]) as tf.Tensor2D) : spec.real;
    const rowLosses = (outputs: tf.Tensor2D) => {
      if (!spec.generated) return spec.realLoss(outputs);
      const real = tf.slice(outputs, [0, 0], [realCount, -1]);
      const generated = tf.slice(outputs, [realCount, 0], [generatedCount, -1]);
      return tf.concat([spec.realLoss(real), spec.generated.loss(generated)]) as tf.Tensor1D;
    };
    const trace = traceMlp(spec.layers, rows, rowLosses, spec.call);
    clippedSums = tf.tidy(() => {
      // Opacus's clipping factor: min(1, C / (‖g‖ + 10⁻⁶)).
      const norms = exampleGradientNorms(trace);
      const factors = tf.minimum(tf.div(dp.clipNorm, tf.add(norms, 1e-6)), 1) as tf.Tensor1D;
      return weightedGradientSum(trace, factors);
    });
    meanLoss.dispose();
    meanLoss = tf.tidy(() => {
      const mean = (start: number, count: number) =>
        count > 0 ? tf.mean(tf.slice(trace.losses, [start], [count])) : tf.scalar(0);
      return tf.add(mean(0, realCount), mean(realCount, generatedCount)) as tf.Scalar;
    });
    disposeTrace(trace);
    if (rows !== spec.real) rows.dispose();
  }
  const gradients = tf.tidy(() =>
    variables.map((v, i) => {
      const noisy = tf.mul(noise[i]!, noiseStd);
      const privateSum = clippedSums ? tf.add(clippedSums[i]!, noisy) : noisy;
      const averaged = tf.mul(privateSum, scale);
      // A variable the penalty does not reach has no gradient from it.
      const fromPenalty = penalty.grads[v.name];
      return fromPenalty ? tf.add(averaged, fromPenalty) : averaged;
    }),
  );
  const loss = tf.add(meanLoss, penalty.value) as tf.Scalar;
  tf.dispose([
    ...noise,
    ...(clippedSums ?? []),
    meanLoss,
    penalty.value,
    ...Object.values(penalty.grads).filter((g) => g),
  ]);
  return { gradients, loss };
}

/** One private update: privateGradients applied by `optimizer`. Returns the loss. */
export function privateUpdate(
  optimizer: tf.Optimizer,
  spec: PrivateLoss,
  dp: DpSgd,
  noiseSeed: number,
): tf.Scalar {
  const { gradients, loss } = privateGradients(spec, dp, noiseSeed);
  const variables = mlpVariables(spec.layers as DenseLayer[]);
  optimizer.applyGradients(Object.fromEntries(variables.map((v, i) => [v.name, gradients[i]!])));
  tf.dispose(gradients);
  return loss;
}

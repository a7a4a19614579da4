import * as tf from '../../nn/tf';

/*
 * Proximal policy optimisation (Schulman et al., 2017) as RLHF uses it for a token-writing policy
 * (Ziegler et al., 2019): a row is an episode, each value token an action; the discriminator's logit
 * is the reward at the row's last token, and every token pays β times its log-ratio to the stage-1
 * policy (the KL penalty); advantages by GAE from the value head.
 */

/** Rewards per action: −β·(log π_old − log π_ref) at every token, plus the row's score at its last. */
export function shapedRewards(
  oldLogp: Float32Array,
  refLogp: Float32Array,
  scores: Float32Array,
  actionsPerRow: number,
  beta: number,
): Float32Array {
  const rewards = new Float32Array(oldLogp.length);
  for (let i = 0; i < rewards.length; i++) rewards[i] = -beta * (oldLogp[i]! - refLogp[i]!);
  for (let r = 0; r < scores.length; r++) rewards[(r + 1) * actionsPerRow - 1]! += scores[r]!;
  return rewards;
}

/**
 * Generalised advantage estimation (Schulman et al., 2016) per row, undiscounted (γ = 1: a row's
 * tokens are one decision), and the returns the value head learns (advantage + value).
 */
export function advantages(
  rewards: Float32Array,
  values: Float32Array,
  actionsPerRow: number,
  lambda: number,
): { advantages: Float32Array; returns: Float32Array } {
  const adv = new Float32Array(rewards.length);
  const returns = new Float32Array(rewards.length);
  for (let start = 0; start < rewards.length; start += actionsPerRow) {
    let running = 0;
    for (let i = start + actionsPerRow - 1; i >= start; i--) {
      const nextValue = i + 1 < start + actionsPerRow ? values[i + 1]! : 0;
      const delta = rewards[i]! + nextValue - values[i]!;
      running = delta + lambda * running;
      adv[i] = running;
      returns[i] = running + values[i]!;
    }
  }
  return { advantages: adv, returns };
}

/** Advantages scaled to mean 0 and standard deviation 1 over the batch (PPO's usual normalisation). */
export function normalise(x: Float32Array): Float32Array {
  const n = x.length;
  const mean = x.reduce((s, v) => s + v, 0) / n;
  const sd = Math.sqrt(x.reduce((s, v) => s + (v - mean) ** 2, 0) / n);
  return x.map((v) => (v - mean) / (sd + 1e-8));
}

export interface PpoInputs {
  /** log π(a) under the policy being trained, per action. */
  logp: tf.Tensor1D;
  /** log π_old(a) when the rows were drawn. */
  oldLogp: tf.Tensor1D;
  advantages: tf.Tensor1D;
  /** The value head's estimates now, per action, and the returns they learn. */
  values: tf.Tensor1D;
  returns: tf.Tensor1D;
}

export interface PpoTerms {
  /** −mean(min(ρA, clip(ρ, 1 − ε, 1 + ε)A)), ρ = π/π_old. */
  policy: tf.Scalar;
  /** ½·mean((V − R)²). */
  value: tf.Scalar;
  /** Share of actions whose ratio lies outside [1 − ε, 1 + ε]. */
  clipFraction: tf.Scalar;
}

export function ppoTerms(inputs: PpoInputs, clip: number): PpoTerms {
  const ratio = tf.exp(tf.sub(inputs.logp, inputs.oldLogp));
  const unclipped = tf.mul(ratio, inputs.advantages);
  const clipped = tf.mul(tf.clipByValue(ratio, 1 - clip, 1 + clip), inputs.advantages);
  return {
    policy: tf.neg(tf.mean(tf.minimum(unclipped, clipped))),
    value: tf.mul(0.5, tf.mean(tf.square(tf.sub(inputs.values, inputs.returns)))),
    clipFraction: tf.mean(tf.cast(tf.greater(tf.abs(tf.sub(ratio, 1)), clip), 'float32')),
  };
}

/** Mean entropy, in nats, of the distributions whose logits are the rows of `logits`. */
export function meanEntropy(logits: tf.Tensor2D): tf.Scalar {
  const logp = tf.logSoftmax(logits);
  return tf.neg(tf.mean(tf.sum(tf.mul(tf.exp(logp), logp), -1)));
}

/** log π(a) for each row of logits and its action. */
export function pickedLogp(logits: tf.Tensor2D, actions: tf.Tensor1D): tf.Tensor1D {
  const [rows, vocabulary] = logits.shape;
  const flat = tf.add(tf.mul(tf.range(0, rows, 1, 'int32'), tf.scalar(vocabulary, 'int32')), actions);
  return tf.gather(tf.reshape(tf.logSoftmax(logits), [-1]), flat) as tf.Tensor1D;
}

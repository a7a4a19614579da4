import * as tf from '../../nn/tf';
import type { Rng } from '../../rng';

/**
 * A small causal transformer over row tokens (GPT-style, pre-norm): token and position embeddings,
 * `layers` blocks of masked multi-head self-attention and a ReLU MLP (4× wide), a final layer norm,
 * then two heads: the next token's logits (the policy) and a scalar value (PPO's critic).
 */
export interface TransformerSize {
  vocabulary: number;
  /** Longest sequence: a whole row's tokens. */
  length: number;
  width: number;
  heads: number;
  layers: number;
}

interface Block {
  norm1: [tf.Variable, tf.Variable];
  query: tf.Variable;
  key: tf.Variable;
  value: tf.Variable;
  out: tf.Variable;
  norm2: [tf.Variable, tf.Variable];
  up: [tf.Variable, tf.Variable];
  down: [tf.Variable, tf.Variable];
}

/** What a forward pass gives at each position asked for: next-token logits and the value. */
export interface PolicyOutput {
  /** [positions, vocabulary] */
  logits: tf.Tensor2D;
  /** [positions] */
  values: tf.Tensor1D;
}

export class Transformer {
  private readonly embed: tf.Variable;
  private readonly position: tf.Variable;
  private readonly blocks: Block[];
  private readonly finalNorm: [tf.Variable, tf.Variable];
  private readonly policyHead: [tf.Variable, tf.Variable];
  private readonly valueHead: [tf.Variable, tf.Variable];
  private readonly mask: tf.Tensor2D;

  constructor(
    readonly size: TransformerSize,
    rng: Rng,
  ) {
    const { vocabulary, length, width, layers } = size;
    if (width % size.heads !== 0) throw new Error('The width must be a multiple of the heads.');
    const normal = (shape: number[], std: number) =>
      tf.tidy(() => tf.variable(tf.truncatedNormal(shape, 0, std, 'float32', rng.seed())));
    const constant = (shape: number[], value: number) => tf.tidy(() => tf.variable(tf.fill(shape, value)));
    const norm = (): [tf.Variable, tf.Variable] => [constant([width], 1), constant([width], 0)];
    const dense = (inputs: number, outputs: number, std = 0.02): [tf.Variable, tf.Variable] => [
      normal([inputs, outputs], std),
      constant([outputs], 0),
    ];
    // GPT-2's initialisation: N(0, 0.02), residual projections scaled down by the depth.
    const residualStd = 0.02 / Math.sqrt(2 * layers);
    this.embed = normal([vocabulary, width], 0.02);
    this.position = normal([length, width], 0.02);
    this.blocks = Array.from({ length: layers }, () => ({
      norm1: norm(),
      query: normal([width, width], 0.02),
      key: normal([width, width], 0.02),
      value: normal([width, width], 0.02),
      out: normal([width, width], residualStd),
      norm2: norm(),
      up: dense(width, 4 * width),
      down: dense(4 * width, width, residualStd),
    }));
    this.finalNorm = norm();
    this.policyHead = dense(width, vocabulary);
    this.valueHead = dense(width, 1);
    // −1e9 above the diagonal: a position attends to itself and the positions before it.
    this.mask = tf.tidy(() => tf.mul(tf.sub(1, tf.linalg.bandPart(tf.ones([length, length]), -1, 0)), -1e9));
  }

  /** The policy's variables (the value head included: PPO trains both with one loss). */
  get variables(): tf.Variable[] {
    return [
      this.embed,
      this.position,
      ...this.blocks.flatMap((b) => [
        ...b.norm1,
        b.query,
        b.key,
        b.value,
        b.out,
        ...b.norm2,
        ...b.up,
        ...b.down,
      ]),
      ...this.finalNorm,
      ...this.policyHead,
      ...this.valueHead,
    ];
  }

  /**
   * Logits and values at the given positions of token rows [rows, T]: `positions` indexes the
   * flattened [rows·T] grid (row·T + t), the output at t predicting the token at t + 1.
   */
  apply(
    tokens: tf.Tensor2D,
    positions: tf.Tensor1D,
    weights: readonly tf.Tensor[] = this.variables,
  ): PolicyOutput {
    const hidden = this.hidden(tokens, weights);
    const at = tf.gather(hidden, positions);
    const w = (i: number) => weights[weights.length - 4 + i]!;
    return {
      logits: tf.add(tf.matMul(at, w(0)), w(1)) as tf.Tensor2D,
      values: tf.reshape(tf.add(tf.matMul(at, w(2)), w(3)), [-1]) as tf.Tensor1D,
    };
  }

  /**
   * Frozen copies of the weights (the stage-1 policy PPO keeps close to), kept from any enclosing
   * tidy: the caller disposes them.
   */
  snapshot(): tf.Tensor[] {
    return this.variables.map((v) => tf.keep(tf.clone(v)));
  }

  dispose(): void {
    tf.dispose([...this.variables, this.mask]);
  }

  /** The final normalised hidden states, [rows·T, width]. */
  private hidden(tokens: tf.Tensor2D, weights: readonly tf.Tensor[]): tf.Tensor2D {
    const [rows, length] = tokens.shape;
    const { width, heads } = this.size;
    const perHead = width / heads;
    let next = 0;
    const take = () => weights[next++]!;
    const embed = take();
    const position = take();
    const embedded = tf.add(
      tf.reshape(tf.gather(embed, tf.reshape(tokens, [-1])), [rows, length, width]),
      tf.slice(position, [0, 0], [length, width]),
    );
    let flat = tf.reshape(embedded, [rows * length, width]) as tf.Tensor2D;
    const mask = tf.slice(this.mask, [0, 0], [length, length]);
    const split = (t: tf.Tensor2D) =>
      tf.reshape(tf.transpose(tf.reshape(t, [rows, length, heads, perHead]), [0, 2, 1, 3]), [
        rows * heads,
        length,
        perHead,
      ]) as tf.Tensor3D;
    for (let layer = 0; layer < this.blocks.length; layer++) {
      const [g1, b1, wq, wk, wv, wo, g2, b2, wUp, bUp, wDown, bDown] = Array.from({ length: 12 }, take);
      const h = layerNorm(flat, g1!, b1!);
      const q = split(tf.matMul(h, wq!));
      const k = split(tf.matMul(h, wk!));
      const v = split(tf.matMul(h, wv!));
      const scores = tf.add(tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(perHead)), mask);
      const attended = tf.matMul(tf.softmax(scores), v);
      const merged = tf.reshape(
        tf.transpose(tf.reshape(attended, [rows, heads, length, perHead]), [0, 2, 1, 3]),
        [rows * length, width],
      ) as tf.Tensor2D;
      flat = tf.add(flat, tf.matMul(merged, wo!));
      const h2 = layerNorm(flat, g2!, b2!);
      const up = tf.relu(tf.add(tf.matMul(h2, wUp!), bUp!)) as tf.Tensor2D;
      flat = tf.add(flat, tf.add(tf.matMul(up, wDown!), bDown!));
    }
    return layerNorm(flat, take(), take());
  }
}

function layerNorm(x: tf.Tensor2D, gain: tf.Tensor, bias: tf.Tensor): tf.Tensor2D {
  const { mean, variance } = tf.moments(x, -1, true);
  return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, 1e-5))), gain), bias) as tf.Tensor2D;
}

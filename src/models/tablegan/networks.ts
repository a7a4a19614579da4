import * as tf from '../../nn/tf';
import { applyMlp, createMlp, leakyRelu, mlpVariables, type DenseLayer } from '../../nn/mlp';
import type { Rng } from '../../rng';
import {
  applyBatchNorm,
  batchNormVariables,
  createBatchNorm,
  disposeBatchNorm,
  type BatchNorm,
  type Training,
} from '../../nn/batchNorm';
import { applyConv, convOutputSide, convVariables, createConv, disposeConv, type ConvLayer } from './conv';

/*
 * table-GAN's three networks, DCGAN-shaped (Radford et al., 2016) for a d×d one-channel image:
 * two stride-2 layers between the image and a ⌈d/4⌉×⌈d/4⌉ grid of 2C channels.
 */

const KERNEL = 3;
const STRIDE = 2;

/** Sides of the image and of the two smaller grids: d → ⌈d/2⌉ → ⌈d/4⌉. */
export function gridSides(side: number): [number, number, number] {
  const half = convOutputSide(side, STRIDE);
  return [side, half, convOutputSide(half, STRIDE)];
}

/** Noise → dense → batch norm → LeakyReLU → two transposed convolutions (batch norm, LeakyReLU) → tanh. */
export class Generator {
  private readonly dense: DenseLayer[];
  private readonly norm0: BatchNorm;
  private readonly up1: ConvLayer;
  private readonly norm1: BatchNorm;
  private readonly up2: ConvLayer;

  constructor(
    noiseSize: number,
    channels: number,
    /** 1 on the cells that hold data, 0 on the padding: generated padding stays 0 like the real one. */
    private readonly dataMask: tf.Tensor2D,
    rng: Rng,
  ) {
    const [side, half, small] = gridSides(Math.round(Math.sqrt(dataMask.shape[1])));
    const up = (inSide: number, outSide: number) => ({ inSide, outSide, stride: STRIDE, transposed: true });
    this.dense = createMlp([noiseSize, small * small * 2 * channels], rng);
    this.norm0 = createBatchNorm(2 * channels);
    this.up1 = createConv(KERNEL, 2 * channels, channels, up(small, half), rng);
    this.norm1 = createBatchNorm(channels);
    this.up2 = createConv(KERNEL, channels, 1, up(half, side), rng);
  }

  /** Rows as flat d·d images in [−1, 1]; batch norm in training mode when `training` is given. */
  apply(noise: tf.Tensor2D, training?: Training): tf.Tensor2D {
    let x = applyMlp(this.dense, noise, { dropout: 0 });
    x = leakyRelu(normalise(x, this.norm0, training)) as tf.Tensor2D;
    x = applyConv(x, this.up1);
    x = leakyRelu(normalise(x, this.norm1, training)) as tf.Tensor2D;
    return tf.mul(tf.tanh(applyConv(x, this.up2)), this.dataMask);
  }

  variables(): tf.Variable[] {
    return [
      ...mlpVariables(this.dense),
      ...batchNormVariables(this.norm0),
      ...convVariables(this.up1),
      ...batchNormVariables(this.norm1),
      ...convVariables(this.up2),
    ];
  }

  /** The trainable variables and the batch-norm moving averages: everything that decides a generated row. */
  state(): tf.Variable[] {
    return [
      ...this.variables(),
      ...[this.norm0, this.norm1].flatMap((bn) => [bn.movingMean, bn.movingVariance]),
    ];
  }

  dispose(): void {
    tf.dispose(mlpVariables(this.dense));
    disposeConv(this.up1);
    disposeConv(this.up2);
    disposeBatchNorm(this.norm0);
    disposeBatchNorm(this.norm1);
  }
}

/**
 * Image → two stride-2 convolutions with LeakyReLU → flattened features → a dense head. The
 * discriminator (one logit) and the classifier (a logit per class, or one value) share this shape.
 * No batch norm: a gradient penalty needs each row's score to depend on that row alone, and the
 * LeakyReLU is the relu-based one whose second-order gradient tfjs gets right.
 */
export class ConvJudge {
  private readonly conv1: ConvLayer;
  private readonly conv2: ConvLayer;
  private readonly head: DenseLayer[];

  constructor(side: number, channels: number, outputs: number, rng: Rng) {
    const [, half, small] = gridSides(side);
    const down = (inSide: number, outSide: number) => ({
      inSide,
      outSide,
      stride: STRIDE,
      transposed: false,
    });
    this.conv1 = createConv(KERNEL, 1, channels, down(side, half), rng);
    this.conv2 = createConv(KERNEL, channels, 2 * channels, down(half, small), rng);
    this.head = createMlp([small * small * 2 * channels, outputs], rng);
  }

  /** The head's outputs and the penultimate features (what the information loss compares). */
  apply(rows: tf.Tensor2D): { outputs: tf.Tensor2D; features: tf.Tensor2D } {
    const hidden = leakyRelu(applyConv(rows, this.conv1)) as tf.Tensor2D;
    const features = leakyRelu(applyConv(hidden, this.conv2)) as tf.Tensor2D;
    return { outputs: applyMlp(this.head, features, { dropout: 0 }), features };
  }

  variables(): tf.Variable[] {
    return [...convVariables(this.conv1), ...convVariables(this.conv2), ...mlpVariables(this.head)];
  }

  dispose(): void {
    disposeConv(this.conv1);
    disposeConv(this.conv2);
    tf.dispose(mlpVariables(this.head));
  }
}

/** Batch norm per channel of a flat image [batch, cells·channels]: over the batch and the cells. */
function normalise(x: tf.Tensor2D, bn: BatchNorm, training?: Training): tf.Tensor2D {
  const channels = bn.gamma.shape[0]!;
  return tf.reshape(applyBatchNorm(tf.reshape(x, [-1, channels]), bn, training), x.shape);
}

import * as tf from '../../tf';
import { applyMlp, createMlp, leakyRelu, mlpVariables, type DenseLayer } from '../../mlp';
import type { Rng } from '../../rng';
import {
  applyBatchNorm,
  batchNormVariables,
  createBatchNorm,
  disposeBatchNorm,
  type BatchNorm,
  type Training,
} from './batchNorm';
import { conv2d, conv2dTranspose, convOutputSide, convVariables, createConv, type ConvLayer } from './conv';

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
  private readonly sides: [number, number, number];

  constructor(
    noiseSize: number,
    private readonly channels: number,
    /** 1 on the cells that hold data, 0 on the padding: generated padding stays 0 like the real one. */
    private readonly dataMask: tf.Tensor2D,
    rng: Rng,
  ) {
    this.sides = gridSides(Math.round(Math.sqrt(dataMask.shape[1])));
    const small = this.sides[2];
    this.dense = createMlp([noiseSize, small * small * 2 * channels], rng);
    this.norm0 = createBatchNorm(2 * channels);
    this.up1 = createConv(KERNEL, 2 * channels, channels, rng);
    this.norm1 = createBatchNorm(channels);
    this.up2 = createConv(KERNEL, channels, 1, rng);
  }

  /** Rows as flat d·d images in [−1, 1]; batch norm in training mode when `training` is given. */
  apply(noise: tf.Tensor2D, training?: Training): tf.Tensor2D {
    const [side, half, small] = this.sides;
    const batch = noise.shape[0];
    let x = tf.reshape(applyMlp(this.dense, noise, { dropout: 0 }), [
      batch,
      small,
      small,
      2 * this.channels,
    ]) as tf.Tensor4D;
    x = leakyRelu(applyBatchNorm(x, this.norm0, training)) as tf.Tensor4D;
    x = conv2dTranspose(x, this.up1, STRIDE, half);
    x = leakyRelu(applyBatchNorm(x, this.norm1, training)) as tf.Tensor4D;
    x = conv2dTranspose(x, this.up2, STRIDE, side);
    return tf.mul(tf.tanh(tf.reshape(x, [batch, side * side])), this.dataMask);
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

  dispose(): void {
    tf.dispose([...mlpVariables(this.dense), ...convVariables(this.up1), ...convVariables(this.up2)]);
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
  private readonly side: number;

  constructor(side: number, channels: number, outputs: number, rng: Rng) {
    this.side = side;
    const small = gridSides(side)[2];
    this.conv1 = createConv(KERNEL, 1, channels, rng);
    this.conv2 = createConv(KERNEL, channels, 2 * channels, rng);
    this.head = createMlp([small * small * 2 * channels, outputs], rng);
  }

  /** The head's outputs and the penultimate features (what the information loss compares). */
  apply(rows: tf.Tensor2D): { outputs: tf.Tensor2D; features: tf.Tensor2D } {
    const batch = rows.shape[0];
    let x = tf.reshape(rows, [batch, this.side, this.side, 1]) as tf.Tensor4D;
    x = leakyRelu(conv2d(x, this.conv1, STRIDE)) as tf.Tensor4D;
    x = leakyRelu(conv2d(x, this.conv2, STRIDE)) as tf.Tensor4D;
    const features = tf.reshape(x, [batch, -1]) as tf.Tensor2D;
    return { outputs: applyMlp(this.head, features, { dropout: 0 }), features };
  }

  variables(): tf.Variable[] {
    return [...convVariables(this.conv1), ...convVariables(this.conv2), ...mlpVariables(this.head)];
  }

  dispose(): void {
    tf.dispose(this.variables());
  }
}

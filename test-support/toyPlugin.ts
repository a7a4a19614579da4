/**
 * A throwaway model family that exists only in tests: proof that a model is one folder's worth of code.
 * No discriminator: a generator writes `mean + scale · noise` per encoded feature, conditioned on
 * nothing, and learns by matching the batch's feature means and variances (moment matching), reporting
 * that loss and its current average scale as a metric.
 */
import { encoderCodec, type EncoderCodec } from '../src/encoding/codec';
import type { ModelDescription, CommonSettings } from '../src/models/plugin';
import { definePlugin, type ModelState, type TrainableModel } from '../src/models/model';
import { setLearningRate } from '../src/nn/optimizer';
import { randomNormal } from '../src/nn/random';
import * as tf from '../src/nn/tf';

export interface ToySettings extends CommonSettings {
  model: 'toy';
  learningRate: number;
  /** Initial noise scale. */
  spread: number;
}

export const toyDescription: ModelDescription<ToySettings> = {
  id: 'toy',
  label: 'Toy moments',
  description: 'A test-only generator that matches each encoded feature’s mean and variance.',
  defaults: { model: 'toy', epochs: 5, batchSize: 32, patience: 0, seed: 3, learningRate: 0.05, spread: 0.5 },
  fields: [
    {
      path: 'learningRate',
      label: 'Toy learning rate',
      help: 'Adam step size; applies live.',
      control: { kind: 'number', above: 0 },
      live: true,
    },
    {
      path: 'spread',
      label: 'Initial spread',
      help: 'Noise scale the generator starts from.',
      control: { kind: 'slider', min: 0.1, max: 2, step: 0.1, digits: 1 },
    },
  ],
  panels: [],
};

class ToyModel implements TrainableModel {
  readonly lossNames = ['moments'];
  readonly metricNames = ['scale'];
  private readonly mean: tf.Variable;
  private readonly logScale: tf.Variable;
  private readonly optimizer: tf.AdamOptimizer;

  constructor(
    private readonly width: number,
    settings: ToySettings,
  ) {
    // tidy frees the initial values; a variable keeps its own reference to the data.
    this.mean = tf.tidy(() => tf.variable(tf.zeros([width])));
    this.logScale = tf.tidy(() => tf.variable(tf.fill([width], Math.log(settings.spread))));
    this.optimizer = tf.train.adam(settings.learningRate);
  }

  trainStep({ features }: { features: tf.Tensor2D }, rng: { seed(): number }): tf.Scalar[] {
    const seed = rng.seed();
    const loss = this.optimizer.minimize(
      () => {
        const fake = this.rows(features.shape[0], seed);
        const gap = (a: tf.Tensor, b: tf.Tensor) => tf.mean(tf.square(tf.sub(a, b)));
        const moments = (x: tf.Tensor2D) => tf.moments(x, 0);
        const real = moments(features);
        const made = moments(fake);
        return tf.add(gap(real.mean, made.mean), gap(real.variance, made.variance)) as tf.Scalar;
      },
      true,
      [this.mean, this.logScale],
    )!;
    return [loss, tf.tidy(() => tf.mean(tf.exp(this.logScale)) as tf.Scalar)];
  }

  generate(conditions: tf.Tensor2D, rng: { seed(): number }): tf.Tensor2D {
    return tf.tidy(() => this.rows(conditions.shape[0], rng.seed()));
  }

  configure(settings: ToySettings): void {
    setLearningRate(this.optimizer, settings.learningRate);
  }

  state(): ModelState {
    return { variables: [this.mean, this.logScale], optimizers: [this.optimizer] };
  }

  dispose(): void {
    tf.dispose([this.mean, this.logScale]);
    this.optimizer.dispose();
  }

  private rows(count: number, seed: number): tf.Tensor2D {
    const noise = randomNormal([count, this.width], seed);
    return tf.add(this.mean, tf.mul(tf.exp(this.logScale), noise)) as tf.Tensor2D;
  }
}

export const toyPlugin = definePlugin<ToySettings, EncoderCodec>(toyDescription, {
  encode: (_settings, training, _rng, fit) => encoderCodec(fit(training.raw, training.schema)),
  create: (codec, settings) => new ToyModel(codec.featureWidth, settings),
});

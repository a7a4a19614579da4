import * as tf from '../../nn/tf';
import type { RawTable } from '../../data/table';
import { encodeRows, type EncodedRows, type TableEncoder } from '../../encoding/encoder';
import { createRng, type Rng } from '../../rng';
import { Cgan, type CganSettings } from '../cgan/cgan';
import { DownstreamModel, downstreamData, type DownstreamData, type DownstreamTask } from './downstream';
import { FEEDBACK_SERIES, type FeedbackSettings } from './description';
import type { Batch, Discrimination, NetworkPart, TableShape, TrainableModel } from '../model';

export interface DsfganSettings extends CganSettings {
  feedback: FeedbackSettings;
}

/**
 * DSF-GAN (Perets and Rappoport, 2024): the CGAN, with λ times the loss of a downstream model added to
 * the generator's loss. The paper's code adds a loss computed by scikit-learn, a plain number with no
 * gradient, so its feedback never reaches the generator. Here the downstream model is a tfjs network fitted
 * on the real training rows, applied to the generator's soft (activated) rows with the condition each was
 * asked for as the label, so the feedback back-propagates into the generator's weights.
 * λ = 0 trains exactly the CGAN of the same seed (the extra term then contributes zero gradient).
 */
export class DsfGan implements TrainableModel {
  readonly lossNames: readonly string[];
  readonly metricNames = [FEEDBACK_SERIES.lambda];
  private readonly cgan: Cgan;
  private readonly downstream: DownstreamModel;
  private readonly real: DownstreamData;
  private readonly refitRng: Rng;
  private readonly refitEvery: number;
  private lambda: number;
  private stepsSinceFit = 0;

  constructor(
    shape: TableShape,
    task: DownstreamTask,
    realRows: EncodedRows,
    settings: DsfganSettings,
    rng: Rng,
  ) {
    this.lambda = settings.feedback.lambda;
    // The CGAN draws its weights from `rng` first, exactly as a plain CGAN of the same seed would.
    this.cgan = new Cgan(shape, settings, rng, {
      name: FEEDBACK_SERIES.downstream,
      loss: (fake, conditions) => this.downstream.loss(fake, conditions),
      weight: () => this.lambda,
    });
    const own = createRng(rng.seed());
    this.real = downstreamData(realRows, own.seed());
    const { feedback } = settings;
    this.downstream = new DownstreamModel(
      shape.featureWidth,
      shape.conditionWidth,
      task,
      feedback.downstream,
      own,
    );
    this.refitRng = createRng(own.seed());
    this.downstream.fit(this.real, this.refitRng);
    this.refitEvery = feedback.refitEvery;
    this.lossNames = this.cgan.lossNames;
  }

  trainStep(batch: Batch, rng: Rng): tf.Scalar[] {
    this.keepDownstreamFresh();
    const losses = this.cgan.trainStep(batch, rng);
    return [...losses, tf.scalar(this.lambda)];
  }

  /** The CGAN's halves; the downstream model answers to the generator, so it is refitted before that one. */
  trainPart(part: NetworkPart, batch: Batch, rng: Rng): (tf.Scalar | null)[] {
    if (part === 'generator') this.keepDownstreamFresh();
    return [...this.cgan.trainPart(part, batch, rng), tf.scalar(this.lambda)];
  }

  /** Refits the downstream model every `refitEvery` generator updates (0: never). */
  private keepDownstreamFresh(): void {
    if (this.refitEvery > 0 && this.stepsSinceFit >= this.refitEvery) {
      this.downstream.fit(this.real, this.refitRng);
      this.stepsSinceFit = 0;
    }
    this.stepsSinceFit++;
  }

  configure(settings: Pick<DsfganSettings, 'learningRates' | 'feedback'>): void {
    this.cgan.configure(settings);
    this.lambda = settings.feedback.lambda;
  }

  generatorGradients(conditions: tf.Tensor2D, rng: Rng): tf.Tensor[] {
    return this.cgan.generatorGradients(conditions, rng);
  }

  generate(conditions: tf.Tensor2D, rng: Rng): tf.Tensor2D {
    return this.cgan.generate(conditions, rng);
  }

  discriminate(features: tf.Tensor2D, conditions: tf.Tensor2D): Discrimination {
    return this.cgan.discriminate(features, conditions);
  }

  dispose(): void {
    this.cgan.dispose();
    this.downstream.dispose();
    tf.dispose([this.real.features, this.real.targets]);
  }
}

/** DSF-GAN on the CGAN's encoding: a classifier for a categorical target, a regressor for a numeric one. */
export function createDsfgan(
  encoder: TableEncoder,
  training: RawTable,
  settings: DsfganSettings,
  rng: Rng,
): DsfGan {
  const task: DownstreamTask = encoder.target.kind === 'numeric' ? 'regression' : 'classification';
  return new DsfGan(encoder, task, encodeRows(encoder, training), settings, rng);
}

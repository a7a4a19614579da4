import * as tf from '../../nn/tf';
import type { RawTable } from '../../data/table';
import { encodeRows, type EncodedRows, type TableEncoder } from '../../encoding/encoder';
import { createRng, type Rng, type RngState } from '../../rng';
import { Cgan, type CganSettings } from '../cgan/cgan';
import type { GanSettings } from '../ganFields';
import { DownstreamModel, downstreamData, type DownstreamData, type DownstreamTask } from './downstream';
import { FEEDBACK_SERIES, type FeedbackSettings } from './description';
import type {
  Batch,
  Discrimination,
  FeedbackView,
  GeneratorTerm,
  ModelState,
  NetworkPart,
  RowSampler,
  TableShape,
  TrainableModel,
} from '../model';

export interface DsfganSettings extends CganSettings {
  feedback: FeedbackSettings;
}

/** A generator model that takes an extra term in its loss: the CGAN or the CTGAN-style model. */
export interface FeedbackBase extends TrainableModel {
  configure(settings: Pick<GanSettings, 'learningRates'>): void;
  discriminate(features: tf.Tensor2D, conditions: tf.Tensor2D): Discrimination;
  generatorState(): tf.Variable[];
  trainPart(part: NetworkPart, batch: Batch, rng: Rng): (tf.Scalar | null)[];
}

/**
 * DSF-GAN (Perets and Rappoport, 2024): a GAN (the paper's CGAN, or the CTGAN-style model) with λ times
 * the loss of a downstream model added to the generator's loss. The paper's code adds a loss computed by scikit-learn, a plain number with no
 * gradient, so its feedback never reaches the generator. Here the downstream model is a tfjs network fitted
 * on the real training rows, applied to the generator's soft (activated) rows with the condition each was
 * asked for as the label, so the feedback back-propagates into the generator's weights.
 * λ = 0 trains exactly the base model of the same seed (the extra term then contributes zero gradient).
 */
export class DsfGan<B extends FeedbackBase = FeedbackBase> implements TrainableModel {
  readonly lossNames: readonly string[];
  readonly metricNames = [FEEDBACK_SERIES.lambda];
  readonly rowSampler?: (rows: EncodedRows) => RowSampler;
  /** The GAN that trains, with the feedback term in its generator's loss. */
  readonly base: B;
  private readonly downstream: DownstreamModel;
  readonly feedback: FeedbackView;
  private readonly real: DownstreamData;
  private readonly refitRng: Rng;
  private readonly refitEvery: number;
  private lambda: number;
  private stepsSinceFit = 0;

  constructor(
    shape: TableShape,
    task: DownstreamTask,
    realRows: EncodedRows,
    feedback: FeedbackSettings,
    rng: Rng,
    createBase: (term: GeneratorTerm, rng: Rng) => B,
  ) {
    this.lambda = feedback.lambda;
    // The base draws its weights from `rng` first, exactly as the plain model of the same seed would.
    this.base = createBase(
      {
        name: FEEDBACK_SERIES.downstream,
        loss: (fake, conditions) => this.downstream.loss(fake, conditions),
        weight: () => this.lambda,
      },
      rng,
    );
    const base = this.base;
    if (base.rowSampler) this.rowSampler = (rows) => base.rowSampler!(rows);
    const own = createRng(rng.seed());
    this.real = downstreamData(realRows, own.seed());
    this.downstream = new DownstreamModel(
      shape.featureWidth,
      shape.conditionWidth,
      task,
      feedback.downstream,
      own,
    );
    this.refitRng = createRng(own.seed());
    this.downstream.fit(this.real, this.refitRng);
    this.feedback = {
      task,
      lambda: () => this.lambda,
      predict: (features) => this.downstream.predict(features),
    };
    this.refitEvery = feedback.refitEvery;
    this.lossNames = this.base.lossNames;
  }

  trainStep(batch: Batch, rng: Rng): tf.Scalar[] {
    this.keepDownstreamFresh();
    const losses = this.base.trainStep(batch, rng);
    return [...losses, tf.scalar(this.lambda)];
  }

  /** The CGAN's halves; the downstream model answers to the generator, so it is refitted before that one. */
  trainPart(part: NetworkPart, batch: Batch, rng: Rng): (tf.Scalar | null)[] {
    if (part === 'generator') this.keepDownstreamFresh();
    return [...this.base.trainPart(part, batch, rng), tf.scalar(this.lambda)];
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
    this.base.configure(settings);
    this.lambda = settings.feedback.lambda;
  }

  generatorState(): tf.Variable[] {
    return this.base.generatorState();
  }

  generate(conditions: tf.Tensor2D, rng: Rng): tf.Tensor2D {
    return this.base.generate(conditions, rng);
  }

  discriminate(features: tf.Tensor2D, conditions: tf.Tensor2D): Discrimination {
    return this.base.discriminate(features, conditions);
  }

  /**
   * The base model's state and the downstream model's (refitted every N steps: its latest fit), with
   * when and from which random draws the next refit comes.
   */
  state(): ModelState {
    const base = this.base.state();
    const downstream = this.downstream.state();
    return {
      variables: [...base.variables, ...downstream.variables],
      optimizers: [...base.optimizers, ...downstream.optimizers],
      host: {
        saved: { stepsSinceFit: this.stepsSinceFit, refitRng: this.refitRng.state() },
        restore: (saved) => {
          this.stepsSinceFit = saved.stepsSinceFit as number;
          this.refitRng.restore(saved.refitRng as RngState);
        },
      },
    };
  }

  dispose(): void {
    this.base.dispose();
    this.downstream.dispose();
    tf.dispose([this.real.features, this.real.targets]);
  }
}

/**
 * DSF-GAN on a base model's encoding: a classifier for a categorical target, a regressor for a numeric
 * one, fitted on the training rows only (never the held-out ones).
 */
export function createFeedbackGan<B extends FeedbackBase>(
  encoder: TableEncoder,
  training: RawTable,
  feedback: FeedbackSettings,
  rng: Rng,
  createBase: (term: GeneratorTerm, rng: Rng) => B,
): DsfGan<B> {
  const task: DownstreamTask = encoder.target.kind === 'numeric' ? 'regression' : 'classification';
  return new DsfGan(encoder, task, encodeRows(encoder, training), feedback, rng, createBase);
}

/** The paper's DSF-GAN: the CGAN with the feedback term. */
export function createDsfgan(
  encoder: TableEncoder,
  training: RawTable,
  settings: DsfganSettings,
  rng: Rng,
): DsfGan<Cgan> {
  return createFeedbackGan(
    encoder,
    training,
    settings.feedback,
    rng,
    (term, r) => new Cgan(encoder, settings, r, term),
  );
}

import type { Cell } from '../../../data/table';
import type { TableCodec } from '../../../encoding/codec';
import type { EncodedRows, TableEncoder } from '../../../encoding/encoder';
import type { TrainableModel } from '../../../models/model';
import { createRng, permutation } from '../../../rng';
import type { IdeaKind, ModelIdea } from '../../../worker/ideaProtocol';
import type { SnapshotInfo } from '../../../worker/verdictProtocol';
import { downstreamIdea, type AskedRows } from './downstreamIdea';
import { IMAGE_ROWS, imageIdea, isImageCodec } from './imageIdea';
import { modeEncodings, ModeIdeas } from './modeIdea';

/** Real rows the downstream model is asked about at each snapshot: as many as the fixed batch. */
export const DOWNSTREAM_REAL_ROWS = 2048;
/** Real rows behind the modes' histograms and shares: a seeded sample (≈30 ms on Adult, not ≈100 ms). */
export const MODE_REAL_ROWS = 10_000;

/** What the ideas read of a run. */
export interface IdeaRun {
  codec: TableCodec;
  model: TrainableModel;
  /** The training rows, encoded, and as cells (every column of the table). */
  rows: EncodedRows;
  raw: readonly Cell[][];
  /** Seeds which real rows are shown: the same ones at every snapshot. */
  seed: number;
}

/**
 * The ideas one run's model can show, built for a snapshot's fixed batch. Which ideas a model has
 * follows from what it is made of, not its name: table-GAN's image codec, an encoder with CTGAN's
 * modes (a CGAN given modes shows them too), a downstream model to learn from (DSF-GAN).
 */
export class RunIdeas {
  readonly kinds: IdeaKind[];
  private readonly realOrder: Int32Array;
  private modes: ModeIdeas | null = null;

  constructor(private readonly run: IdeaRun) {
    const encoder = encoderOf(run.codec);
    this.kinds = [
      ...(run.model.feedback && encoder ? (['downstream'] as const) : []),
      ...(encoder && modeEncodings(encoder).length > 0 ? (['modes'] as const) : []),
      ...(isImageCodec(run.codec) ? (['image'] as const) : []),
    ];
    this.realOrder = permutation(run.rows.count, createRng(run.seed));
  }

  /** The idea `kind` of the snapshot whose fixed batch is `batch`; null when the model has no such idea. */
  async idea(kind: IdeaKind, snapshot: SnapshotInfo, batch: AskedRows): Promise<ModelIdea | null> {
    if (!this.kinds.includes(kind)) return null;
    const { codec, model } = this.run;
    const encoder = encoderOf(codec);
    if (kind === 'image' && isImageCodec(codec)) {
      return imageIdea(codec, snapshot, this.realRows(IMAGE_ROWS).features, batch.features);
    }
    if (kind === 'modes' && encoder) {
      this.modes ??= this.modeIdeas(encoder);
      return this.modes.idea(snapshot, batch.features);
    }
    if (kind === 'downstream' && encoder && model.feedback) {
      return downstreamIdea(model.feedback, encoder, snapshot, batch, this.realRows(DOWNSTREAM_REAL_ROWS));
    }
    return null;
  }

  /** The modes' real side, on a sample of the training rows (cells and encoded rows alike). */
  private modeIdeas(encoder: TableEncoder): ModeIdeas {
    const { raw, rows } = this.run;
    // Encoded rows leave out rows without a target: the cells kept are those, in the same order.
    const kept = raw.filter((row) => row[encoder.target.column] != null);
    const chosen = this.realOrder.subarray(0, Math.min(MODE_REAL_ROWS, rows.count));
    return new ModeIdeas(
      encoder,
      Array.from(chosen, (i) => kept[i]!),
      gather(rows.features, encoder.featureWidth, chosen),
    );
  }

  /** The first `count` training rows in the seeded order, encoded. */
  private realRows(count: number): AskedRows {
    const { rows, codec } = this.run;
    const chosen = this.realOrder.subarray(0, Math.min(count, rows.count));
    return {
      features: gather(rows.features, codec.featureWidth, chosen),
      conditions: gather(rows.conditions, codec.conditionWidth, chosen),
    };
  }
}

/** The tabular encoder behind a codec, when it has one (not table-GAN's images). */
function encoderOf(codec: TableCodec): TableEncoder | null {
  return 'encoder' in codec ? (codec as { encoder: TableEncoder }).encoder : null;
}

function gather(data: Float32Array, width: number, rows: Int32Array): Float32Array {
  const out = new Float32Array(rows.length * width);
  rows.forEach((row, i) => out.set(data.subarray(row * width, (row + 1) * width), i * width));
  return out;
}

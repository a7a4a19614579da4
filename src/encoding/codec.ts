import type { Cell, RawTable } from '../data/table';
import { decodeRows, encodeRows, type EncodedRows, type TableEncoder } from './encoder';

/**
 * How one model turns table rows into numbers and back. Each model owns its encoding (the CGAN's
 * one-hot and z-score rows, table-GAN's d×d images, …), chosen by the registry together with the
 * model, so the session and the trainer never need to know which encoding a model uses.
 * Rows without a target value are never encoded (EncodedRows leaves them out).
 */
export interface TableCodec {
  /** Width of one encoded row as the trainer batches it (`features`), and of its target (`conditions`). */
  readonly featureWidth: number;
  readonly conditionWidth: number;
  /** Header of decoded rows: every non-ignored column, in table order. */
  readonly outputColumns: string[];
  /** How the source file wrote a missing value, for downloads. */
  readonly missingMarker: string;
  /** Encodes rows with the table's columns (the table fitted on, or a held-out part of it). */
  encodeRows(raw: RawTable): EncodedRows;
  /** Decodes row-major model outputs to cells in `outputColumns` order. */
  decodeRows(features: Float32Array, conditions: Float32Array): Cell[][];
}

/** A codec built on the tabular encoder, which the model may read too (its spans, its target). */
export interface EncoderCodec extends TableCodec {
  readonly encoder: TableEncoder;
}

/** The tabular encoder of src/encoding/encoder.ts (one-hot categories, standardised numbers) as a codec. */
export function encoderCodec(encoder: TableEncoder): EncoderCodec {
  return {
    encoder,
    featureWidth: encoder.featureWidth,
    conditionWidth: encoder.conditionWidth,
    outputColumns: encoder.outputColumns,
    missingMarker: encoder.missingMarker,
    encodeRows: (raw) => encodeRows(encoder, raw),
    decodeRows: (features, conditions) => decodeRows(encoder, features, conditions),
  };
}

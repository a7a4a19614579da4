import type { TypedTable } from '../data/schema';
import { encoderCodec, type TableCodec } from '../encoding/codec';
import { fitEncoder, type TableEncoder } from '../encoding/encoder';
import type { Rng } from '../rng';
import type { TrainingSettings } from './settings';
import { Cgan } from './cgan/cgan';
import { Ctgan } from './ctgan/ctgan';
import { createDsfgan } from './dsfgan/dsfgan';
import type { GanModel } from './model';
import { fitImageCodec } from './tablegan/imageCodec';
import { TableGan } from './tablegan/tablegan';

/** A model with the encoding it was built for: the codec encodes its training rows and decodes its output. */
export interface ModelWithCodec {
  model: GanModel;
  codec: TableCodec;
}

/** How an encoder is fitted: fitEncoder itself, or a caller's cache in front of it. */
export type EncoderFit = typeof fitEncoder;

/**
 * The encoder the chosen model is built on, or null for table-GAN (its codec is an image layout).
 * Draws from `rng` exactly as createModel does, so both give the same encoder for the same seed.
 */
export function encoderFor(
  settings: TrainingSettings,
  table: TypedTable,
  rng: Rng,
  fit: EncoderFit = fitEncoder,
): TableEncoder | null {
  switch (settings.model) {
    case 'cgan':
    case 'dsfgan':
      return fit(table.raw, table.schema);
    case 'ctgan': {
      const numeric =
        settings.numericEncoding === 'modes' ? ({ kind: 'modes', seed: rng.seed() } as const) : undefined;
      return fit(table.raw, table.schema, numeric);
    }
    case 'tablegan':
      return null;
  }
}

/** Builds the chosen model and fits its codec to the table (through `fit`, when given). */
export function createModel(
  settings: TrainingSettings,
  table: TypedTable,
  rng: Rng,
  fit: EncoderFit = fitEncoder,
): ModelWithCodec {
  switch (settings.model) {
    case 'cgan': {
      const encoder = encoderFor(settings, table, rng, fit)!;
      return { model: new Cgan(encoder, settings, rng), codec: encoderCodec(encoder) };
    }
    case 'dsfgan': {
      // The downstream model learns from the same rows as the generator: the training side, never held-out.
      const encoder = encoderFor(settings, table, rng, fit)!;
      return { model: createDsfgan(encoder, table.raw, settings, rng), codec: encoderCodec(encoder) };
    }
    case 'ctgan': {
      const encoder = encoderFor(settings, table, rng, fit)!;
      return { model: new Ctgan(encoder, settings, rng), codec: encoderCodec(encoder) };
    }
    case 'tablegan': {
      // Rows as d×d images; the codec's layout fixes d and where the target sits.
      const codec = fitImageCodec(table.raw, table.schema);
      return { model: new TableGan(codec.layout, settings, rng), codec };
    }
  }
}

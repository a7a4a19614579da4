import type { TypedTable } from '../../data/schema';
import { encoderCodec, type TableCodec } from '../codec';
import { fitEncoder } from '../encoder';
import type { Rng } from '../rng';
import type { TrainingSettings } from '../settings';
import { Cgan } from './cgan';
import { Ctgan } from './ctgan/ctgan';
import { createDsfgan } from './dsfgan';
import type { GanModel } from './model';
import { fitImageCodec } from './tablegan/imageCodec';
import { TableGan } from './tablegan/tablegan';

/** A model with the encoding it was built for: the codec encodes its training rows and decodes its output. */
export interface ModelWithCodec {
  model: GanModel;
  codec: TableCodec;
}

/** Builds the chosen model and fits its codec to the table. */
export function createModel(settings: TrainingSettings, table: TypedTable, rng: Rng): ModelWithCodec {
  switch (settings.model) {
    case 'cgan': {
      const encoder = fitEncoder(table.raw, table.schema);
      return { model: new Cgan(encoder, settings, rng), codec: encoderCodec(encoder) };
    }
    case 'dsfgan': {
      // The downstream model learns from the same rows as the generator: the training side, never held-out.
      const encoder = fitEncoder(table.raw, table.schema);
      return { model: createDsfgan(encoder, table.raw, settings, rng), codec: encoderCodec(encoder) };
    }
    case 'ctgan': {
      const numeric =
        settings.numericEncoding === 'modes' ? ({ kind: 'modes', seed: rng.seed() } as const) : undefined;
      const encoder = fitEncoder(table.raw, table.schema, numeric);
      return { model: new Ctgan(encoder, settings, rng), codec: encoderCodec(encoder) };
    }
    case 'tablegan': {
      // Rows as d×d images; the codec's layout fixes d and where the target sits.
      const codec = fitImageCodec(table.raw, table.schema);
      return { model: new TableGan(codec.layout, settings, rng), codec };
    }
  }
}

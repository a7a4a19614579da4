import { definePlugin } from '../model';
import { tableganDescription } from './description';
import { fitImageCodec } from './imageCodec';
import { TableGan } from './tablegan';

export const tableganPlugin = definePlugin(tableganDescription, {
  // Rows as d×d images; the codec's layout fixes d and where the target sits.
  encode: (_settings, training) => fitImageCodec(training.raw, training.schema),
  create: (codec, settings, _training, rng) => new TableGan(codec.layout, settings, rng),
});

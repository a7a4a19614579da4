import { encoderCodec } from '../../encoding/codec';
import { definePlugin } from '../model';
import { Ctgan } from './ctgan';
import { ctganDescription } from './description';

export const ctganPlugin = definePlugin(ctganDescription, {
  encode: (settings, training, rng, fit) => {
    const numeric =
      settings.numericEncoding === 'modes' ? ({ kind: 'modes', seed: rng.seed() } as const) : undefined;
    return encoderCodec(fit(training.raw, training.schema, numeric));
  },
  create: (codec, settings, _training, rng) => new Ctgan(codec.encoder, settings, rng),
});

import { encoderCodec } from '../../encoding/codec';
import { numericEncodingChoice } from '../../encoding/encoder';
import { definePlugin } from '../model';
import { Ctgan } from './ctgan';
import { ctganDescription } from './description';

export const ctganPlugin = definePlugin(ctganDescription, {
  encode: (settings, training, rng, fit) =>
    encoderCodec(fit(training.raw, training.schema, numericEncodingChoice(settings.numericEncoding, rng))),
  create: (codec, settings, _training, rng) => new Ctgan(codec.encoder, settings, rng),
});

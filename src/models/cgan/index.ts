import { encoderCodec } from '../../encoding/codec';
import { numericEncodingChoice } from '../../encoding/encoder';
import { definePlugin } from '../model';
import { Cgan } from './cgan';
import { cganDescription } from './description';

export const cganPlugin = definePlugin(cganDescription, {
  encode: (settings, training, rng, fit) =>
    encoderCodec(fit(training.raw, training.schema, numericEncodingChoice(settings.numericEncoding, rng))),
  create: (codec, settings, _training, rng) => new Cgan(codec.encoder, settings, rng),
});

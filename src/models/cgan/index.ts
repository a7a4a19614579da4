import { encoderCodec } from '../../encoding/codec';
import { definePlugin } from '../model';
import { Cgan } from './cgan';
import { cganDescription } from './description';

export const cganPlugin = definePlugin(cganDescription, {
  encode: (_settings, training, _rng, fit) => encoderCodec(fit(training.raw, training.schema)),
  create: (codec, settings, _training, rng) => new Cgan(codec.encoder, settings, rng),
});

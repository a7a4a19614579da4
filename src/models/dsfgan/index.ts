import { encoderCodec } from '../../encoding/codec';
import { definePlugin } from '../model';
import { dsfganDescription } from './description';
import { createDsfgan } from './dsfgan';

export const dsfganPlugin = definePlugin(dsfganDescription, {
  encode: (_settings, training, _rng, fit) => encoderCodec(fit(training.raw, training.schema)),
  // The downstream model learns from the same rows as the generator: the training side, never held-out.
  create: (codec, settings, training, rng) => createDsfgan(codec.encoder, training.raw, settings, rng),
});

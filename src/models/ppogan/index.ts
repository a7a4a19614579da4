import { encoderCodec } from '../../encoding/codec';
import { definePlugin } from '../model';
import { ppoganDescription } from './description';
import { PpoGan } from './ppogan';

export const ppoganPlugin = definePlugin(ppoganDescription, {
  // The tabular encoder's rows (z-scored numbers) for the discriminator and the run; the policy's
  // tokens are read from and written to them (tokenizer.ts).
  encode: (_settings, training, _rng, fit) => encoderCodec(fit(training.raw, training.schema)),
  create: (codec, settings, training, rng) => new PpoGan(codec.encoder, training.raw, settings, rng),
});

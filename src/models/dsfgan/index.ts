import { cganPlugin } from '../cgan';
import { ctganPlugin } from '../ctgan';
import { Ctgan } from '../ctgan/ctgan';
import { definePlugin } from '../model';
import { dsfctganDescription, dsfganDescription } from './description';
import { createDsfgan, createFeedbackGan } from './dsfgan';

export const dsfganPlugin = definePlugin(dsfganDescription, {
  encode: (settings, training, rng, fit) =>
    cganPlugin.encode({ ...settings, model: 'cgan' }, training, rng, fit),
  // The downstream model learns from the same rows as the generator: the training side, never held-out.
  create: (codec, settings, training, rng) => createDsfgan(codec.encoder, training.raw, settings, rng),
});

/** The same feedback on the CTGAN-style model, which encodes the table as CTGAN does. */
export const dsfctganPlugin = definePlugin(dsfctganDescription, {
  encode: (settings, training, rng, fit) =>
    ctganPlugin.encode({ ...settings, model: 'ctgan' }, training, rng, fit),
  create: (codec, settings, training, rng) =>
    createFeedbackGan(
      codec.encoder,
      training.raw,
      settings.feedback,
      rng,
      (term, r) => new Ctgan(codec.encoder, settings, r, term),
    ),
});

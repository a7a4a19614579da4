import { encoderCodec } from '../../encoding/codec';
import { encodeRows } from '../../encoding/encoder';
import { definePlugin } from '../model';
import { classNames } from './blackBox';
import { explorerDescription } from './description';
import { Explorer } from './explorer';

export const explorerPlugin = definePlugin(explorerDescription, {
  encode: (_settings, training, _rng, fit) => encoderCodec(fit(training.raw, training.schema)),
  create: (codec, settings, training, rng) => {
    classNames(codec.encoder); // says why when the target is not categorical
    // The forest learns from the training side only: the held-out rows test it.
    return new Explorer(codec.encoder, encodeRows(codec.encoder, training.raw), settings, rng);
  },
});

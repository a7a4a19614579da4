import * as tf from '../tf';
import type { OutputSpan } from '../encoder';

/**
 * Applies each output span's activation to raw generator outputs: scalars stay linear (they are
 * z-scores), one-hot spans become a softmax distribution, so the discriminator sees the same kind of
 * vector for real and generated rows.
 */
export function activateSpans(raw: tf.Tensor2D, spans: OutputSpan[]): tf.Tensor2D {
  if (spans.length === 0) return raw;
  const parts = spans.map((span) =>
    span.kind === 'scalar'
      ? tf.slice(raw, [0, span.offset], [-1, 1])
      : tf.softmax(tf.slice(raw, [0, span.offset], [-1, span.width])),
  );
  return tf.concat(parts, 1);
}

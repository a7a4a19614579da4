import * as tf from './tf';
import type { OutputSpan } from '../encoding/encoder';

/**
 * Applies each output span's activation to raw generator outputs: z-score scalars stay linear,
 * bounded (mode-specific) scalars pass through tanh, one-hot spans become a softmax distribution, so
 * the discriminator sees the same kind of vector for real and generated rows.
 */
export function activateSpans(raw: tf.Tensor2D, spans: OutputSpan[]): tf.Tensor2D {
  if (spans.length === 0) return raw;
  const parts = spans.map((span) => {
    if (span.kind === 'softmax') return tf.softmax(tf.slice(raw, [0, span.offset], [-1, span.width]));
    const value = tf.slice(raw, [0, span.offset], [-1, 1]);
    return span.bounded ? tf.tanh(value) : value;
  });
  return tf.concat(parts, 1);
}

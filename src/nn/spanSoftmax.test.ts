import * as tf from './tf';
import { afterAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../worker/nodeBackends';
import { columnSpans, SPAN_SOFTMAX_KERNEL, spanSoftmax, spanSoftmaxGrad } from './spanSoftmax';

afterAll(async () => {
  await useNodeBackend('wasm');
});

// Columns 0 and 4 are in no span; spans of widths 3, 1 and 4.
const SPANS = columnSpans(
  [
    { offset: 1, width: 3 },
    { offset: 5, width: 1 },
    { offset: 6, width: 4 },
  ],
  10,
);

/** The same thing per span with tfjs's own ops: slices, softmax, concat. */
function perSpan(x: tf.Tensor2D, log: boolean): tf.Tensor2D {
  const zero = tf.zeros([x.shape[0], 1]);
  const part = (offset: number, width: number) => {
    const slice = tf.slice(x, [0, offset], [-1, width]);
    return log ? tf.logSoftmax(slice) : tf.softmax(slice);
  };
  return tf.concat([zero, part(1, 3), zero, part(5, 1), part(6, 4)], 1) as tf.Tensor2D;
}

function expectClose(actual: tf.Tensor, expected: tf.Tensor) {
  const a = actual.dataSync();
  const e = expected.dataSync();
  expect(a.length).toBe(e.length);
  e.forEach((v, i) => expect(Math.abs(a[i]! - v)).toBeLessThan(1e-5 * Math.max(1, Math.abs(v))));
}

describe('softmax within column spans', () => {
  for (const backend of ['wasm', 'cpu'] as const) {
    for (const log of [false, true]) {
      it(`gives tfjs's ${log ? 'log-' : ''}softmax per span and its gradient (${backend})`, async () => {
        await useNodeBackend(backend);
        const before = tf.memory().numTensors;
        tf.tidy(() => {
          // Logits spread over hundreds, as a Gumbel-softmax at τ = 0.2 makes them: no overflow.
          const x = tf.mul(tf.randomNormal([6, 10], 0, 1, 'float32', 3), 100) as tf.Tensor2D;
          const weights = tf.randomNormal([6, 10], 0, 1, 'float32', 4) as tf.Tensor2D;
          const y = spanSoftmax(x, SPANS, log);
          expectClose(y, perSpan(x, log));
          expect(y.dataSync().every(Number.isFinite)).toBe(true);
          const reference = tf.grad((v) => tf.sum(tf.mul(perSpan(v as tf.Tensor2D, log), weights)))(x);
          expectClose(spanSoftmaxGrad(y, weights, SPANS, log), reference);
        });
        expect(tf.memory().numTensors).toBe(before);
        // Not vacuous: wasm runs its own kernel, cpu the grid of tfjs ops.
        const profile = await tf.profile(() => tf.dispose(spanSoftmax(tf.ones([2, 10]), SPANS)));
        expect(profile.kernels.some((k) => k.name === SPAN_SOFTMAX_KERNEL)).toBe(backend === 'wasm');
      });
    }
  }
});

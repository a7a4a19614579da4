import * as tf from './tf';
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../worker/nodeBackends';
import type { OutputSpan } from '../encoding/encoder';
import { createRng } from '../rng';
import { activateSpans } from './activation';
import { SpanActivation } from './spanActivation';

beforeAll(async () => {
  await useNodeBackend('wasm');
});

const spans: OutputSpan[] = [
  { kind: 'scalar', offset: 0 },
  { kind: 'softmax', offset: 1, width: 3 },
  { kind: 'scalar', offset: 4, bounded: true },
  { kind: 'softmax', offset: 5, width: 5 },
  { kind: 'scalar', offset: 10 },
  { kind: 'softmax', offset: 11, width: 2 },
];
const WIDTH = 13;

/** Forward values and the gradient of a weighted sum, for one activation. */
function valueAndGradient(
  activate: (raw: tf.Tensor2D) => tf.Tensor2D,
  raw: tf.Tensor2D,
  weights: tf.Tensor2D,
) {
  return tf.tidy(() => {
    const out = activate(raw);
    const grad = tf.grad((x: tf.Tensor) => tf.sum(tf.mul(activate(x as tf.Tensor2D), weights)))(raw);
    return { out: out.dataSync(), grad: grad.dataSync() };
  });
}

const maxDifference = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  Array.from(a).reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);

describe('SpanActivation', () => {
  it('equals the per-span slice/softmax/concat activation, values and gradients', () => {
    const rng = createRng(7);
    const fused = new SpanActivation(spans, WIDTH);
    // Logits from small to large (at scale 20 many spans are one-hot to float precision; at 100 spans
    // lie far more than exp's range apart).
    for (const scale of [0.1, 1, 5, 20, 100]) {
      const raw = tf.randomNormal([64, WIDTH], 0, scale, 'float32', rng.seed()) as tf.Tensor2D;
      const weights = tf.randomNormal([64, WIDTH], 0, 1, 'float32', rng.seed()) as tf.Tensor2D;
      const reference = valueAndGradient((x) => activateSpans(x, spans), raw, weights);
      const ours = valueAndGradient((x) => fused.apply(x), raw, weights);
      // float32 carries ~7 digits: logits of magnitude ~50 leave 1e-6 of a probability uncertain.
      expect(maxDifference(ours.out, reference.out), `values at scale ${scale}`).toBeLessThan(1e-5);
      expect(maxDifference(ours.grad, reference.grad), `gradients at scale ${scale}`).toBeLessThan(1e-5);
      tf.dispose([raw, weights]);
    }
    fused.dispose();
  });

  it('gives each softmax span a distribution and leaves linear columns untouched', () => {
    const fused = new SpanActivation(spans, WIDTH);
    const raw = tf.tensor2d([Array.from({ length: WIDTH }, (_, i) => (i % 4) * 3 - 4)]);
    const out = fused.apply(raw).dataSync();
    for (const span of spans) {
      if (span.kind === 'softmax') {
        const sum = Array.from(out.slice(span.offset, span.offset + span.width)).reduce((s, v) => s + v, 0);
        expect(sum).toBeCloseTo(1, 6);
      } else if (!span.bounded) expect(out[span.offset]).toBe(raw.dataSync()[span.offset]);
    }
    tf.dispose(raw);
    fused.dispose();
  });

  it('keeps every span a distribution when one span has logits far above the others', () => {
    // The CGAN's collapse on Adult: native-country's logits rose ~100 above the rest of the row, and
    // shifting the row by its maximum had turned every other span into zeros (and zero gradients).
    const fused = new SpanActivation(spans, WIDTH);
    const row = [0, 1, 2, 3, 0, 150, 0, 0, 0, 0, 0, -1, 1];
    const raw = tf.tensor2d([row]);
    const weights = tf.tensor2d([row.map((_, i) => (i % 3) - 1)]);
    const reference = valueAndGradient((x) => activateSpans(x, spans), raw, weights);
    const ours = valueAndGradient((x) => fused.apply(x), raw, weights);
    expect(ours.out[3]).toBeCloseTo(Math.exp(3) / (Math.exp(1) + Math.exp(2) + Math.exp(3)), 6);
    expect(maxDifference(ours.out, reference.out)).toBeLessThan(1e-6);
    expect(maxDifference(ours.grad, reference.grad)).toBeLessThan(1e-6);
    expect(Math.abs(ours.grad[12]!)).toBeGreaterThan(0.01);
    tf.dispose([raw, weights]);
    fused.dispose();
  });

  it('frees its constants on dispose', () => {
    const before = tf.memory().numTensors;
    new SpanActivation(spans, WIDTH).dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

import * as tf from '../../nn/tf';
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../worker/nodeBackends';
import type { OutputSpan } from '../../encoding/encoder';
import { gumbelNoise } from '../../nn/random';
import { createRng } from '../../rng';
import { ConditionLoss } from './conditionLoss';
import { OutputActivation, ResidualGenerator } from './generator';
import { expectClose } from '../../../test-support/expectClose';

beforeAll(async () => {
  await useNodeBackend('wasm');
});

/** Columns: a bounded scalar, a 3-wide span, a linear scalar, a 2-wide span. */
const SPANS: OutputSpan[] = [
  { kind: 'scalar', offset: 0, bounded: true },
  { kind: 'softmax', offset: 1, width: 3 },
  { kind: 'scalar', offset: 4 },
  { kind: 'softmax', offset: 5, width: 2 },
];
const WIDTH = 7;
const ROWS = 12;

const random = (shape: [number, number], seed: number) =>
  tf.randomNormal(shape, 0, 1, 'float32', seed) as tf.Tensor2D;

describe("CTGAN's generator written by hand", () => {
  it("gives tfjs autodiff's gradients for every trained variable (batch norm, residual blocks)", () => {
    const generator = new ResidualGenerator(5, [6, 4], WIDTH, createRng(2));
    const input = random([ROWS, 5], 3);
    const weights = random([ROWS, WIDTH], 4);
    const reference = tf.variableGrads(
      () => tf.sum(tf.mul(generator.trace(input).raw, weights)) as tf.Scalar,
      generator.variables(),
    );
    const ours = tf.tidy(() =>
      Object.fromEntries(
        generator.gradients(generator.trace(input), weights).map((g) => [g.name, g.tensor.dataSync()]),
      ),
    );
    for (const variable of generator.variables()) {
      const expected = reference.grads[variable.name]!.dataSync();
      // The dense layers under batch norm are left out: their gradient is zero (batch norm subtracts them).
      if (!(variable.name in ours)) expectClose(new Float32Array(expected.length), expected, 1e-5);
      else expectClose(ours[variable.name]!, expected, 1e-4);
    }
    // Not vacuous: the gradients reached the first block.
    expect(Object.keys(ours)).toHaveLength(8);
    tf.dispose([input, weights, reference.value, ...Object.values(reference.grads)]);
    generator.dispose();
  });

  it("gives tfjs's Gumbel-softmax and tanh, and passes back their autodiff gradient", () => {
    const activation = new OutputActivation(SPANS, WIDTH);
    const raw = random([ROWS, WIDTH], 5);
    const weights = random([ROWS, WIDTH], 6);
    // Column by column with tfjs's own ops, from the same Gumbel noise.
    const reference = (x: tf.Tensor) => {
      const logits = tf.div(tf.add(x, gumbelNoise([ROWS, WIDTH], 9)), 0.5);
      const column = (c: number, width = 1) => tf.slice(x, [0, c], [-1, width]);
      const softmax = (c: number, width: number) => tf.softmax(tf.slice(logits, [0, c], [-1, width]));
      return tf.concat([tf.tanh(column(0)), softmax(1, 3), column(4), softmax(5, 2)], 1);
    };
    expectClose(activation.apply(raw, 0.5, 9).dataSync(), reference(raw).dataSync(), 1e-5);
    const expected = tf.grad((x) => tf.sum(tf.mul(reference(x), weights)))(raw);
    const ours = activation.backward(activation.trace(raw, 0.5, 9), weights, 0.5);
    expectClose(ours.dataSync(), expected.dataSync(), 1e-5);
    expect(Math.min(...Array.from(ours.dataSync(), Math.abs))).toBeGreaterThan(0);
    tf.dispose([raw, weights, expected, ours]);
  });

  it("gives tfjs autodiff's gradient of the condition loss", () => {
    // The two spans are discrete columns: their categories sit at vector columns 0–2 and 3–4.
    const loss = new ConditionLoss(
      {
        columns: [
          { featureOffset: 1, vectorOffset: 0, width: 3 },
          { featureOffset: 5, vectorOffset: 3, width: 2 },
        ],
        width: 5,
      },
      WIDTH,
    );
    // Each row asks for one category of one column.
    const asked = new Float32Array(ROWS * 5);
    for (let r = 0; r < ROWS; r++) asked[r * 5 + ((r * 3) % 5)] = 1;
    const vectors = tf.tensor2d(asked, [ROWS, 5]);
    const raw = random([ROWS, WIDTH], 7);
    const reference = tf.grad((x) => {
      // −log softmax of the asked category, from tfjs's own ops, averaged over rows.
      const spans = [tf.slice(x, [0, 1], [-1, 3]), tf.slice(x, [0, 5], [-1, 2])].map((s) => tf.logSoftmax(s));
      return tf.div(tf.neg(tf.sum(tf.mul(tf.concat(spans, 1), vectors))), ROWS);
    })(raw);
    const ours = loss.apply(raw, vectors);
    expectClose(ours.dRaw.dataSync(), reference.dataSync(), 1e-5);
    expect(ours.value.dataSync()[0]).toBeGreaterThan(0);
    tf.dispose([vectors, raw, reference, ours.value, ours.dRaw]);
  });
});

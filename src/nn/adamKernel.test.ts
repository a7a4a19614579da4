import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../worker/nodeBackends';
import { ADAM_UPDATE_KERNEL } from './adamKernel';
import { adam } from './optimizer';
import { saveAdam } from './adamState';
import type { NamedTensor } from '@tensorflow/tfjs-core/dist/tensor_types';
import * as tf from './tf';

beforeAll(async () => {
  await useNodeBackend('wasm');
});

/** Variables of awkward sizes: 35 elements (a four-lane part and a tail of 3), 64, and 3 (tail only). */
const SHAPES = [[7, 5], [64], [3]];

function variables(prefix: string): tf.Variable[] {
  return SHAPES.map((shape, i) =>
    tf.variable(tf.randomNormal(shape, 0, 1, 'float32', 10 + i), true, `${prefix}${i}`),
  );
}

/** Gradients of each step, the same for both optimizers. */
function gradients(names: string[], step: number): NamedTensor[] {
  return names.map((name, i) => ({
    name,
    tensor: tf.mul(tf.randomNormal(SHAPES[i]!, 0, 1, 'float32', 100 * step + i), 3),
  }));
}

describe("Adam's update in one pass on wasm", () => {
  it("gives tfjs's Adam's variables and moments bit for bit, as one kernel a variable", async () => {
    const theirs = variables('stock');
    const ours = variables('ours');
    const stock = tf.train.adam(0.01, 0.5, 0.9);
    const onePass = adam(0.01, 0.5, 0.9);
    const kernelNames: string[] = [];
    for (let step = 0; step < 6; step++) {
      const given = gradients(
        ours.map((v) => v.name),
        step,
      );
      stock.applyGradients(given.map((g) => ({ ...g, name: g.name.replace('ours', 'stock') })));
      const profile = await tf.profile(() => onePass.applyGradients(given));
      kernelNames.push(...profile.kernels.map((k) => k.name));
      tf.dispose(given.map((g) => g.tensor));
    }
    expect(kernelNames.filter((k) => k === ADAM_UPDATE_KERNEL).length).toBe(6 * 3);
    expect(kernelNames).not.toContain('Sqrt');
    for (let i = 0; i < SHAPES.length; i++) {
      expect(Array.from(ours[i]!.dataSync())).toEqual(Array.from(theirs[i]!.dataSync()));
    }
    const [stockState, ourState] = [await saveAdam(stock), await saveAdam(onePass)];
    expect(ourState.iterations).toBe(stockState.iterations);
    expect(ourState.accBeta).toEqual(stockState.accBeta);
    expect(ourState.moments.map((m) => m.name.replace('ours', ''))).toEqual(
      stockState.moments.map((m) => m.name.replace('stock', '')),
    );
    ourState.moments.forEach((m, k) =>
      expect(Array.from(m.values)).toEqual(Array.from(stockState.moments[k]!.values)),
    );
    // The variables moved: the comparison is not of two untouched copies.
    expect(ours[0]!.dataSync()[0]).not.toBe(tf.randomNormal([7, 5], 0, 1, 'float32', 10).dataSync()[0]);
    tf.dispose([...theirs, ...ours]);
    stock.dispose();
    onePass.dispose();
  });

  it('keeps the tensor count flat across steps', () => {
    const [weights] = variables('flat');
    const optimizer = adam(0.001);
    const step = () => {
      const g = tf.onesLike(weights!);
      optimizer.applyGradients([{ name: weights!.name, tensor: g }]);
      g.dispose();
    };
    step();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) step();
    expect(tf.memory().numTensors).toBe(before);
    weights!.dispose();
    optimizer.dispose();
  });
});

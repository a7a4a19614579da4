import * as tf from './tf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../worker/nodeBackends';
import { encodeRows, fitEncoder } from '../encoding/encoder';
import { Cgan } from '../models/cgan/cgan';
import { createRng } from '../rng';
import { twoClassTable } from '../../test-support/tables';
import { Trainer } from '../train/trainer';
import { installWasmKernels, restoreStockWasmKernels } from './wasmKernels';
import { defaultSettings } from '../models/catalog';

beforeAll(async () => {
  await useNodeBackend('wasm');
});
afterAll(() => installWasmKernels());

const maxRelativeError = (a: Float32Array, b: Float32Array) =>
  a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!) / Math.max(1, Math.abs(b[i]!))), 0);

/** Runs `f` once with tfjs's own wasm kernels and once with ours; returns both results. */
async function bothWays(f: () => tf.Tensor): Promise<{ stock: Float32Array; ours: Float32Array }> {
  restoreStockWasmKernels();
  const stockTensor = f();
  const stock = (await stockTensor.data()) as Float32Array;
  installWasmKernels();
  const oursTensor = f();
  const ours = (await oursTensor.data()) as Float32Array;
  tf.dispose([stockTensor, oursTensor]);
  return { stock, ours };
}

describe('wasm kernels', () => {
  it('sums segments (the gradient of a gather, which the stock wasm backend lacks) by hand', async () => {
    const table = tf.tensor2d([1, 2, 3, 4, 5, 6], [3, 2]);
    // Row 2 gathered twice, row 0 once: its gradient adds the two upstream rows of row 2.
    const grad = tf.grad((t: tf.Tensor) =>
      tf.sum(
        tf.mul(tf.gather(t, tf.tensor1d([2, 0, 2], 'int32')), tf.tensor2d([1, 10, 100, 1000, 2, 20], [3, 2])),
      ),
    )(table);
    expect(Array.from(await grad.data())).toEqual([100, 1000, 0, 0, 3, 30]);
    tf.dispose([table, grad]);
  });

  it('multiplies transposed matrices like the stock kernel', async () => {
    const rng = createRng(1);
    const a = tf.randomNormal([37, 53], 0, 1, 'float32', rng.seed());
    const b = tf.randomNormal([53, 29], 0, 1, 'float32', rng.seed());
    const aT = tf.transpose(a);
    const bT = tf.transpose(b);
    for (const [x, y, ta, tb] of [
      [a, b, false, false],
      [aT, b, true, false],
      [a, bT, false, true],
      [aT, bT, true, true],
    ] as const) {
      const { stock, ours } = await bothWays(() => tf.matMul(x, y, ta, tb));
      expect(ours).toHaveLength(37 * 29);
      expect(maxRelativeError(ours, stock)).toBeLessThan(1e-5);
    }
    // A short left operand against a large transposed right one: taken the other way round, same product.
    const short = tf.randomNormal([6, 40], 0, 1, 'float32', rng.seed());
    const wide = tf.randomNormal([300, 40], 0, 1, 'float32', rng.seed());
    const swapped = await bothWays(() => tf.matMul(short, wide, false, true));
    expect(swapped.ours).toHaveLength(6 * 300);
    expect(maxRelativeError(swapped.ours, swapped.stock)).toBeLessThan(1e-5);
    tf.dispose([short, wide]);
    // A dense layer (product plus bias, as one fused op): the product, then the bias added. Checked
    // against the unfused ops: the stock fused kernel with a transposed operand adds the bias's last
    // element to every row after the first (its scalar loop's broadcast), which ours does not copy.
    const bias = tf.randomNormal([29], 0, 1, 'float32', rng.seed());
    for (const [x, y, ta, tb] of [
      [a, b, false, false],
      [a, bT, false, true],
      [aT, b, true, false],
    ] as const) {
      const dense = await bothWays(() =>
        tf.fused.matMul({ a: x, b: y, bias, transposeA: ta, transposeB: tb }),
      );
      const unfused = await bothWays(() => tf.add(tf.matMul(x, y, ta, tb), bias));
      expect(dense.ours).toHaveLength(37 * 29);
      expect(maxRelativeError(dense.ours, unfused.stock)).toBeLessThan(1e-5);
      if (!ta && !tb) expect(maxRelativeError(dense.ours, dense.stock)).toBeLessThan(1e-5);
    }
    // With an activation it stays the stock fused kernel.
    const relu = await bothWays(() => tf.fused.matMul({ a, b, bias, activation: 'relu' }));
    expect(Array.from(relu.ours)).toEqual(Array.from(relu.stock));
    expect(Math.min(...relu.ours)).toBe(0);
    bias.dispose();
    // Batched products (rank 3), one side broadcast or not, every transpose, and a broadcast the
    // kernel does not take (batch 2 against batch [1, 2], left to the stock kernel).
    const a2 = tf.stack([a, tf.neg(a)]);
    const aT2 = tf.stack([aT, aT]);
    for (const [x, y, ta, tb] of [
      [a2, tf.stack([bT, tf.mul(bT, 2)]), false, true],
      [a2, b, false, false],
      [aT2, tf.stack([b, b]), true, false],
      [a, tf.stack([b, tf.neg(b)]), false, false],
      [aT2, bT, true, true],
      [a2, tf.reshape(tf.stack([b, b]), [1, 2, 53, 29]), false, false],
    ] as const) {
      const { stock, ours } = await bothWays(() => tf.matMul(x, y, ta, tb));
      expect(ours).toHaveLength(2 * 37 * 29);
      expect(maxRelativeError(ours, stock)).toBeLessThan(1e-5);
      expect(tf.matMul(x, y, ta, tb).shape).toEqual([...(x.rank + y.rank === 7 ? [1] : []), 2, 37, 29]);
    }
    tf.dispose([a, b, aT, bT]);
  });

  it('gathers like the stock kernel on every axis, and names an index out of range', async () => {
    const x = tf.randomNormal([7, 5, 3], 0, 1, 'float32', 2);
    for (const [axis, picks] of [
      [0, [6, 0, 0, 3]],
      [1, [4, 1]],
      [2, [2, 2, 0, 1, 0]],
      [-1, [1]],
    ] as const) {
      const indices = tf.tensor1d(picks as unknown as number[], 'int32');
      const { stock, ours } = await bothWays(() => tf.gather(x, indices, axis));
      expect(ours.length).toBe((x.size / x.shape.at(axis)!) * picks.length);
      expect(Array.from(ours)).toEqual(Array.from(stock));
      indices.dispose();
    }
    // Integer tensors, and a 2-D index tensor.
    const ints = tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3], 'int32');
    const gathered = tf.gather(ints, tf.tensor2d([2, 0, 1, 1], [2, 2], 'int32'), 1);
    expect(gathered.shape).toEqual([2, 2, 2]);
    expect(Array.from(await gathered.data())).toEqual([3, 1, 2, 2, 6, 4, 5, 5]);
    const before = tf.memory().numTensors;
    expect(() => tf.gather(x, tf.tensor1d([5], 'int32'), 1)).toThrow('index value 5 is not in [0, 4]');
    expect(tf.memory().numTensors).toBe(before + 1); // only the index tensor made here
    tf.dispose([x, ints, gathered]);
  });

  it('concatenates and slices like the stock kernels, for every dtype they copy', async () => {
    const x = tf.randomNormal([4, 5, 3], 0, 1, 'float32', 2);
    const y = tf.randomNormal([4, 2, 3], 0, 1, 'float32', 3);
    const ints = tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3], 'int32');
    const flags = tf.tensor2d([true, false, true, true, false, false], [3, 2], 'bool');
    const cases: [string, () => tf.Tensor][] = [
      ['along a middle axis', () => tf.concat([x, y, x], 1)],
      ['along the first axis', () => tf.concat([x, x], 0)],
      ['along the last axis, negative', () => tf.concat([x, tf.slice(x, [0, 0, 0], [4, 5, 1])], -1)],
      ['int32', () => tf.concat([ints, ints], 1)],
      ['bool', () => tf.cast(tf.concat([flags, flags], 1), 'int32')],
      ['with an empty input', () => tf.concat([ints, tf.zeros([2, 0], 'int32')], 1)],
      ['a block of rows and columns', () => tf.slice(tf.reshape(x, [4, 15]), [1, 2], [2, 9])],
      ['to the end', () => tf.slice(tf.reshape(x, [12, 5]), [3, 1], [-1, -1])],
      ['int32 columns', () => tf.slice(ints, [0, 1], [2, 1])],
      ['bool rows', () => tf.cast(tf.slice(flags, [1, 0], [2, 2]), 'int32')],
      ['rank 3 (the stock kernel)', () => tf.slice(x, [1, 1, 1], [2, 2, 2])],
    ];
    for (const [name, f] of cases) {
      const { stock, ours } = await bothWays(f);
      expect(Array.from(ours), name).toEqual(Array.from(stock));
      expect(f().shape, name).toEqual((() => (restoreStockWasmKernels(), f().shape))());
      installWasmKernels();
    }
    // By hand: rows joined, and a column cut out.
    expect(await tf.concat([ints, tf.tensor2d([7, 8], [2, 1], 'int32')], 1).array()).toEqual([
      [1, 2, 3, 7],
      [4, 5, 6, 8],
    ]);
    expect(await tf.slice(ints, [0, 2], [2, 1]).array()).toEqual([[3], [6]]);
    tf.dispose([x, y, ints, flags]);
  });

  it.each([
    ['Identity', (x: tf.Tensor) => tf.clone(x)],
    ['Cast to its own dtype', (x: tf.Tensor) => tf.cast(x, 'float32')],
  ])('shares memory on %s, so the copy outlives its original and nothing leaks', async (_, copyOf) => {
    installWasmKernels();
    const before = tf.memory();
    const x = tf.tensor1d([1, 2, 3]);
    const copy = copyOf(x);
    expect(tf.memory().numDataBuffers).toBe(before.numDataBuffers + 1); // one buffer for both
    x.dispose();
    expect(Array.from(await copy.data())).toEqual([1, 2, 3]);
    copy.dispose();
    expect(tf.memory().numTensors).toBe(before.numTensors);
    expect(tf.memory().numBytes).toBe(before.numBytes);
  });

  it('still converts on a Cast to another dtype', async () => {
    installWasmKernels();
    const x = tf.tensor1d([1.7, -2.2, 3]);
    const ints = tf.cast(x, 'int32');
    expect(ints.dtype).toBe('int32');
    expect(Array.from(await ints.data())).toEqual([1, -2, 3]);
    tf.dispose([x, ints]);
  });

  it('trains a CGAN to the same losses as the stock kernels', async () => {
    const losses = async () => {
      const { raw, schema } = twoClassTable(200);
      const encoder = fitEncoder(raw, schema);
      const model = new Cgan(encoder, defaultSettings('cgan'), createRng(3));
      const trainer = new Trainer(model, encodeRows(encoder, raw), 32, 3);
      for (let i = 0; i < 10; i++) trainer.step();
      const values = (await trainer.readLosses()).flatMap((l) => l.values);
      trainer.dispose();
      model.dispose();
      return Float32Array.from(values);
    };
    restoreStockWasmKernels();
    const stock = await losses();
    installWasmKernels();
    const ours = await losses();
    expect(maxRelativeError(ours, stock)).toBeLessThan(1e-3);
  });
});

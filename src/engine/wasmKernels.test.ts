import * as tf from './tf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../node/backend';
import { encodeRows, fitEncoder } from './encoder';
import { Cgan } from './models/cgan';
import { createRng } from './rng';
import { DEFAULT_SETTINGS } from './settings';
import { twoClassTable } from './testing';
import { Trainer } from './trainer';
import { installWasmKernels, restoreStockWasmKernels } from './wasmKernels';

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
    // Batched products (rank 3) keep working too.
    const { stock, ours } = await bothWays(() =>
      tf.matMul(tf.stack([a, a]), tf.stack([bT, bT]), false, true),
    );
    expect(maxRelativeError(ours, stock)).toBeLessThan(1e-5);
    tf.dispose([a, b, aT, bT]);
  });

  it('shares memory on Identity, so a clone outlives its original and nothing leaks', async () => {
    installWasmKernels();
    const before = tf.memory();
    const x = tf.tensor1d([1, 2, 3]);
    const copy = tf.clone(x);
    x.dispose();
    expect(Array.from(await copy.data())).toEqual([1, 2, 3]);
    copy.dispose();
    expect(tf.memory().numTensors).toBe(before.numTensors);
    expect(tf.memory().numBytes).toBe(before.numBytes);
  });

  it('trains a CGAN to the same losses as the stock kernels', async () => {
    const losses = async () => {
      const { raw, schema } = twoClassTable(200);
      const encoder = fitEncoder(raw, schema);
      const model = new Cgan(encoder, DEFAULT_SETTINGS, createRng(3));
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

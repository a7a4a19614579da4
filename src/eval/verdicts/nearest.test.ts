import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../worker/nodeBackends';
import { NearestRowFinder } from './nearest';
import * as tf from '../../nn/tf';

beforeAll(async () => {
  await useNodeBackend('cpu');
});

describe('NearestRowFinder', () => {
  // Real rows (0, 0), (3, 4), (10, 0): distances from the queries below are known by hand.
  const real = Float32Array.from([0, 0, 3, 4, 10, 0]);

  it('finds the nearest real row and the exact distance to it', async () => {
    const finder = new NearestRowFinder(real, 2);
    const queries = Float32Array.from([0, 0, 3, 3, 9, 1, 6, 2]);
    const { index, distance } = await finder.find(queries);
    expect(Array.from(index)).toEqual([0, 1, 2, 1]);
    // A copy of a real row is at distance exactly 0, not a rounding error away.
    expect(distance[0]).toBe(0);
    expect(distance[1]).toBeCloseTo(1, 6);
    expect(distance[2]).toBeCloseTo(Math.SQRT2, 6);
    expect(distance[3]).toBeCloseTo(Math.hypot(3, 2), 6);
    finder.dispose();
  });

  it('keeps its device memory flat across searches and frees it on dispose', async () => {
    const before = tf.memory().numTensors;
    const finder = new NearestRowFinder(real, 2);
    await finder.find(Float32Array.from([1, 1]));
    const during = tf.memory().numTensors;
    await finder.find(Float32Array.from([1, 1, 2, 2]));
    expect(tf.memory().numTensors).toBe(during);
    finder.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

import { describe, expect, it } from 'vitest';
import { nearestNeighbours } from './neighbours';
import { gaussianBlobs, neighbourAgreement } from '../../../test-support/embedding';
import { jointProbabilities, tsne } from './tsne';

describe('nearestNeighbours', () => {
  it('finds the k nearest other rows, nearest first', () => {
    // Points on a line at 0, 1, 3, 7, 15: each one's neighbours are known by hand.
    const data = Float32Array.from([0, 1, 3, 7, 15]);
    const { indices, distances } = nearestNeighbours(data, 1, 2);
    expect(Array.from(indices)).toEqual([1, 2, 0, 2, 1, 0, 2, 1, 3, 2]);
    expect(Array.from(distances.subarray(0, 2))).toEqual([1, 9]);
    expect(Array.from(distances.subarray(8, 10))).toEqual([64, 144]);
  });
});

describe('jointProbabilities', () => {
  it('is symmetric, sums to one and matches the perplexity per row', () => {
    const { data } = gaussianBlobs(30, 2, 5, 4);
    const neighbours = nearestNeighbours(data, 5, 15);
    const p = jointProbabilities(neighbours, 5);
    const dense = new Map<string, number>();
    for (let i = 0; i < 60; i++) {
      for (let e = p.rowStart[i]!; e < p.rowStart[i + 1]!; e++) {
        const key = `${i},${p.columns[e]}`;
        dense.set(key, (dense.get(key) ?? 0) + p.values[e]!);
      }
    }
    let total = 0;
    for (const [key, v] of dense) {
      const [i, j] = key.split(',');
      expect(dense.get(`${j},${i}`)).toBeCloseTo(v, 12);
      total += v;
    }
    expect(total).toBeCloseTo(1, 9);
  });
});

describe('tsne', () => {
  const { data, labels } = gaussianBlobs(60, 2, 20, 12);
  const options = { perplexity: 15, iterations: 300, seed: 7 };

  it('is seeded: the same seed gives the same map, another seed another one', () => {
    const a = tsne(data, 20, options);
    const b = tsne(data, 20, options);
    const c = tsne(data, 20, { ...options, seed: 8 });
    expect(Array.from(b)).toEqual(Array.from(a));
    expect(Array.from(c)).not.toEqual(Array.from(a));
    expect(a.every(Number.isFinite)).toBe(true);
  });

  it('keeps two well-separated clusters apart', () => {
    const map = tsne(data, 20, options);
    expect(neighbourAgreement(map, labels)).toBeGreaterThan(0.95);
    // And each cluster is tighter than the gap between them.
    const centre = (label: number) => {
      let x = 0;
      let y = 0;
      let n = 0;
      labels.forEach((l, i) => {
        if (l !== label) return;
        x += map[2 * i]!;
        y += map[2 * i + 1]!;
        n++;
      });
      return [x / n, y / n] as const;
    };
    const [ax, ay] = centre(0);
    const [bx, by] = centre(1);
    const gap = Math.hypot(ax - bx, ay - by);
    let spread = 0;
    labels.forEach((l, i) => {
      const [cx, cy] = l === 0 ? [ax, ay] : [bx, by];
      spread += Math.hypot(map[2 * i]! - cx, map[2 * i + 1]! - cy) / labels.length;
    });
    expect(gap).toBeGreaterThan(2 * spread);
  });

  it('reports progress and keeps a warm start where it was', () => {
    const seen: number[] = [];
    const first = tsne(data, 20, { ...options, onProgress: (n) => seen.push(n), progressEvery: 100 });
    expect(seen).toEqual([100, 200, 300]);
    // Restarting from the finished map, with a few points unknown, barely moves the known ones.
    const known = new Uint8Array(labels.length).fill(1);
    known[0] = 0;
    known[1] = 0;
    const again = tsne(data, 20, { ...options, iterations: 50, init: { positions: first, known } });
    let moved = 0;
    let size = 0;
    for (let i = 2; i < labels.length; i++) {
      moved += Math.hypot(again[2 * i]! - first[2 * i]!, again[2 * i + 1]! - first[2 * i + 1]!);
      size += Math.hypot(first[2 * i]!, first[2 * i + 1]!);
    }
    expect(moved / size).toBeLessThan(0.25);
    // The unknown points join their own cluster.
    expect(neighbourAgreement(again, labels)).toBeGreaterThan(0.95);
  });

  it('handles tiny inputs', () => {
    expect(Array.from(tsne(new Float32Array(0), 3, options))).toEqual([]);
    expect(Array.from(tsne(Float32Array.from([1, 2, 3]), 3, options))).toEqual([0, 0]);
    const two = tsne(Float32Array.from([0, 0, 5, 5]), 2, options);
    expect(two.every(Number.isFinite)).toBe(true);
  });
});

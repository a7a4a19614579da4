import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { PassCount, VerdictSample } from '../../../src/worker/verdictProtocol';
import {
  alignWithPrevious,
  fitView,
  pointAt,
  pointInDirection,
  pointKeys,
  scoredRowsCsv,
  summarisePassCount,
  warmStartFrom,
  type VerdictMapData,
} from './mapModel';

/** A hand-made map sample: two real rows (ids 7, 9), one fooled and one rejected generated row (ids 3, 4). */
function sample(): VerdictSample {
  return {
    snapshot: { id: 1, step: 40 },
    threshold: 0.5,
    scale: 'probability',
    columns: ['x', 'class'],
    dim: 2,
    roles: ['real', 'real', 'fooled', 'rejected'],
    ids: Int32Array.from([7, 9, 3, 4]),
    encoded: new Float32Array(8),
    cells: [
      ['1', 'a'],
      ['2', 'b'],
      ['1.5', 'a'],
      ['9', 'b'],
    ],
    scores: Float32Array.from([0.9, 0.6, 0.75, 0.25]),
    nearest: [
      null,
      null,
      { distance: 0.5, cells: ['1', 'a'], onMap: 0 },
      { distance: 7, cells: ['2', 'b'], onMap: 1 },
    ],
    batchFooled: 1,
    batchSize: 2,
  };
}

describe('pointKeys', () => {
  it('names real rows by training row and generated rows by their place in the fixed batch', () => {
    expect(pointKeys(sample())).toEqual(['r7', 'r9', 'g3', 'g4']);
  });
});

describe('warmStartFrom and alignWithPrevious', () => {
  const previous: VerdictMapData = {
    sample: sample(),
    keys: ['r7', 'r9', 'g3', 'g4'],
    positions: Float32Array.from([0, 0, 10, 0, 0, 10, 10, 10]),
  };

  it('starts shared points where they were and leaves the others unknown', () => {
    const start = warmStartFrom(['g4', 'r7', 'g8', 'r9'], previous)!;
    expect(Array.from(start.known!)).toEqual([1, 1, 0, 1]);
    expect(Array.from(start.positions)).toEqual([10, 10, 0, 0, 0, 0, 10, 0]);
    // Too little in common: no warm start.
    expect(warmStartFrom(['g4', 'x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7', 'x8'], previous)).toBeUndefined();
    expect(warmStartFrom(['g4'], null)).toBeUndefined();
  });

  it('turns a rotated new map back onto the previous one', () => {
    // The previous map turned by 90° and doubled, with one new point.
    const keys = ['r7', 'r9', 'g3', 'g4', 'g8'];
    const turned = Float32Array.from([0, 0, 0, 20, -20, 0, -20, 20, -10, 10]);
    const aligned = alignWithPrevious(turned, keys, previous);
    const expected = [0, 0, 10, 0, 0, 10, 10, 10, 5, 5];
    aligned.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 4));
  });
});

describe('summarisePassCount', () => {
  const count: PassCount = {
    step: 40,
    scale: 'probability',
    columns: ['x', 'class'],
    cells: [
      ['1', 'a'],
      ['2', 'a'],
      ['3', 'b'],
      ['4', 'b'],
    ],
    scores: Float32Array.from([0.5, 0.2, 0.8, 0.45]),
    nearestDistances: Float32Array.from([1, 3, 2, 5]),
    realRows: 100,
  };

  it('counts passes at the threshold and averages distances by verdict', () => {
    expect(summarisePassCount(count, 0.5)).toMatchObject({
      passed: 2,
      total: 4,
      meanDistance: { fooled: 1.5, rejected: 4 },
    });
    const strict = summarisePassCount(count, 0.9);
    expect(strict.passed).toBe(0);
    expect(strict.meanDistance.fooled).toBeNull();
    expect(strict.bins.reduce((a, b) => a + b, 0)).toBe(4);
  });

  it('writes the map and the count as one CSV with verdicts, scores and distances', () => {
    const [header, ...rows] = Papa.parse<string[]>(scoredRowsCsv(sample(), count, 0.5), {
      skipEmptyLines: true,
    }).data;
    expect(header).toEqual([
      'sample',
      'verdict',
      'discriminator_score',
      'distance_to_nearest_real',
      'x',
      'class',
    ]);
    expect(rows).toHaveLength(8);
    expect(rows[0]).toEqual(['map (step 40)', 'real', '0.9', '', '1', 'a']);
    expect(rows[2]).toEqual(['map (step 40)', 'fooled', '0.75', '0.5', '1.5', 'a']);
    expect(rows.slice(4).map((r) => r[1])).toEqual(['fooled', 'rejected', 'fooled', 'rejected']);
  });
});

describe('fitView and pointAt', () => {
  it('fits the points in the canvas and finds the one under the mouse', () => {
    const view = fitView(Float32Array.from([-1, -1, 1, 1]), 120, 120, 10);
    expect(view).toEqual({ centreX: 0, centreY: 0, scale: 2 / 100 });
    const screen = Float32Array.from([10, 110, 110, 10]);
    expect(pointAt(screen, 12, 108, 8)).toBe(0);
    expect(pointAt(screen, 60, 60, 8)).toBe(-1);
  });
});

describe('pointInDirection (arrow keys on the map)', () => {
  // Screen positions (y down): 0 centre, 1 right, 2 far right, 3 below, 4 up and a little right.
  const screen = Float32Array.from([100, 100, 140, 102, 300, 100, 98, 160, 110, 40]);
  const centre = { x: 95, y: 95 };

  it('starts at the point nearest the centre', () => {
    expect(pointInDirection(screen, -1, 1, 0, centre)).toBe(0);
  });

  it('moves to the nearest point ahead, preferring straight ahead', () => {
    expect(pointInDirection(screen, 0, 1, 0, centre)).toBe(1);
    expect(pointInDirection(screen, 1, 1, 0, centre)).toBe(2);
    expect(pointInDirection(screen, 0, 0, 1, centre)).toBe(3);
    expect(pointInDirection(screen, 0, 0, -1, centre)).toBe(4);
  });

  it('stays put (−1) when nothing lies that way', () => {
    expect(pointInDirection(screen, 2, 1, 0, centre)).toBe(-1);
    expect(pointInDirection(screen, 0, -1, 0, centre)).toBe(-1);
  });
});

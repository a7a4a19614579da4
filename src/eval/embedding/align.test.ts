import { describe, expect, it } from 'vitest';
import { alignTo } from './align';

const square = Float32Array.from([0, 0, 1, 0, 1, 1, 0, 1, 0.3, 0.6]);

/** Rotates by `angle`, scales, optionally mirrors, then shifts every point. */
function transform(
  points: Float32Array,
  angle: number,
  scale: number,
  mirror: boolean,
  dx: number,
  dy: number,
) {
  const out = new Float32Array(points.length);
  for (let i = 0; i < points.length / 2; i++) {
    const x = points[2 * i]!;
    const y = points[2 * i + 1]! * (mirror ? -1 : 1);
    out[2 * i] = scale * (Math.cos(angle) * x - Math.sin(angle) * y) + dx;
    out[2 * i + 1] = scale * (Math.sin(angle) * x + Math.cos(angle) * y) + dy;
  }
  return out;
}

const pairsOf = (n: number) => Array.from({ length: n }, (_, i) => [i, i] as const);

describe('alignTo', () => {
  it.each([
    ['rotated and scaled', false],
    ['mirrored', true],
  ])('undoes a %s copy of the reference', (_, mirror) => {
    const moved = transform(square, 2.1, 3.5, mirror, -7, 4);
    const aligned = alignTo(moved, square, pairsOf(5));
    aligned.forEach((v, i) => expect(v).toBeCloseTo(square[i]!, 4));
  });

  it('fits on the shared points only and carries the others along', () => {
    const moved = transform(square, 0.7, 2, false, 1, 1);
    // Only the first four points are shared; the fifth must follow the same transformation.
    const aligned = alignTo(moved, square, pairsOf(4));
    expect(aligned[8]).toBeCloseTo(0.3, 4);
    expect(aligned[9]).toBeCloseTo(0.6, 4);
  });

  it('leaves a map alone when fewer than two points are shared', () => {
    const moved = transform(square, 1, 1, false, 5, 5);
    expect(alignTo(moved, square, pairsOf(1))).toBe(moved);
  });
});

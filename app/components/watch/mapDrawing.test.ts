import { describe, expect, it } from 'vitest';
import { glide, glideAt, GLIDE_MS, heatPixels, toScreen } from './mapDrawing';

describe("the discriminator's map drawing", () => {
  it('colours a score of 0 orange-ish and 1 blue-ish, opaque, clamping out-of-range scores', () => {
    const pixels = heatPixels(Float32Array.from([0, 1, -3, 7]));
    expect([...pixels.subarray(0, 4)]).toEqual([251, 226, 196, 255]);
    expect([...pixels.subarray(4, 8)]).toEqual([186, 214, 240, 255]);
    expect([...pixels.subarray(8, 12)]).toEqual([...pixels.subarray(0, 4)]);
    expect([...pixels.subarray(12, 16)]).toEqual([...pixels.subarray(4, 8)]);
  });

  it("puts the plane's corners on the canvas's corners, y down", () => {
    const extent = { x0: -2, x1: 2, y0: -1, y1: 3 };
    const screen = toScreen(Float32Array.from([-2, 3, 2, -1, 0, 1]), extent, 400, 200);
    expect([...screen]).toEqual([0, 0, 400, 200, 200, 100]);
  });

  it('glides each point from its old place to its new one', () => {
    const from = Float32Array.from([0, 0, 10, 10]);
    const to = Float32Array.from([10, 20, 10, 0]);
    expect([...glide(from, to, 0.5)]).toEqual([5, 10, 10, 5]);
    expect(glide(from, to, 1)).toBe(to);
  });

  it('glides over GLIDE_MS, eased, and not at all without a start', () => {
    const from = Float32Array.from([0, 0]);
    const to = Float32Array.from([8, 8]);
    expect(glideAt(from, to, 100, 100)).toEqual({ generated: from, t: 0 });
    const half = glideAt(from, to, 100, 100 + GLIDE_MS / 2);
    expect(half.t).toBeCloseTo(0.875);
    expect([...half.generated]).toEqual([7, 7]);
    expect(glideAt(from, to, 100, 100 + 2 * GLIDE_MS)).toEqual({ generated: to, t: 1 });
    expect(glideAt(null, to, 100, 100)).toEqual({ generated: to, t: 1 });
  });
});

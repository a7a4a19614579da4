import { describe, expect, it } from 'vitest';
import { glide, glideAt, GLIDE_MS, heatPixels, paintMap, toScreen } from './mapDrawing';

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

  it("rings the real points of a step's batch, and only those", () => {
    const arcs: [number, number, number][] = [];
    const noop = () => {};
    const context = {
      setTransform: noop,
      drawImage: noop,
      beginPath: noop,
      moveTo: noop,
      fill: noop,
      stroke: noop,
      arc: (x: number, y: number, r: number) => arcs.push([x, y, r]),
    } as unknown as CanvasRenderingContext2D;
    const scene = {
      width: 100,
      height: 100,
      ratio: 1,
      projector: false,
      extent: { x0: 0, x1: 10, y0: 0, y1: 10 },
      real: Float32Array.from([1, 9, 5, 5, 9, 1]),
      realScores: Float32Array.from([1, 1, 1]),
      generated: new Float32Array(0),
      generatedScores: new Float32Array(0),
      heat: {} as CanvasImageSource,
      fadingHeat: null,
      t: 1,
      hover: -1,
    };
    paintMap(context, { ...scene, marked: [] });
    const points = arcs.length;
    expect(points).toBe(3);
    // Two marked, one past the real points (ignored): a ring, wider than a point, around each of the two.
    paintMap(context, { ...scene, marked: [0, 2, 7] });
    const rings = arcs.slice(2 * points);
    expect(rings.map(([x, y]) => [x, y])).toEqual([
      [10, 10],
      [90, 90],
    ]);
    for (const [, , r] of rings) expect(r).toBeGreaterThan(arcs[0]![2]);
  });
});

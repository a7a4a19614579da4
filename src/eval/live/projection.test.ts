import { describe, expect, it } from 'vitest';
import { createRng } from '../../rng';
import { fitProjection, project, unproject } from './projection';

/** Rows mean + a·u + b·v (+ a little noise off the plane), with a's spread larger than b's. */
function planeRows(count: number, width: number, noise: number) {
  const rng = createRng(7);
  const mean = Float32Array.from({ length: width }, (_, j) => j * 0.3 - 1);
  const u = Float32Array.from({ length: width }, (_, j) => (j % 2 === 0 ? 1 : 0));
  const v = Float32Array.from({ length: width }, (_, j) => (j % 2 === 1 ? 1 : 0));
  const un = Math.hypot(...u);
  const vn = Math.hypot(...v);
  const rows = new Float32Array(count * width);
  for (let r = 0; r < count; r++) {
    const a = (rng.next() - 0.5) * 6;
    const b = (rng.next() - 0.5) * 2;
    for (let j = 0; j < width; j++)
      rows[r * width + j] = mean[j]! + (a * u[j]!) / un + (b * v[j]!) / vn + (rng.next() - 0.5) * noise;
  }
  return rows;
}

describe('the map projection', () => {
  it('round-trips the real rows of its span: unproject(project(row)) is the row', () => {
    const width = 9;
    const rows = planeRows(300, width, 0);
    const projection = fitProjection(rows, width);
    const back = unproject(projection, project(projection, rows));
    let worst = 0;
    for (let i = 0; i < rows.length; i++) worst = Math.max(worst, Math.abs(back[i]! - rows[i]!));
    expect(worst).toBeLessThan(1e-3);
    // The whole spread is in the plane, the larger part along the first axis.
    expect(projection.explained[0] + projection.explained[1]).toBeGreaterThan(0.999);
    expect(projection.explained[0]).toBeGreaterThan(projection.explained[1]);
  });

  it('takes any point of the plane to a row that projects back onto it, and keeps off-plane rows close', () => {
    const width = 7;
    const rows = planeRows(400, width, 0.05);
    const projection = fitProjection(rows, width);
    const points = Float32Array.from([0, 0, 1.5, -0.5, -3, 2, 10, 10]);
    const again = project(projection, unproject(projection, points));
    for (let i = 0; i < points.length; i++) expect(again[i]).toBeCloseTo(points[i]!, 4);
    // A real row's reconstruction is off only by its noise off the plane.
    const back = unproject(projection, project(projection, rows));
    const rms = Math.sqrt(rows.reduce((s, x, i) => s + (x - back[i]!) ** 2, 0) / rows.length);
    expect(rms).toBeLessThan(0.05);
    // The same rows give the same axes.
    expect(fitProjection(rows, width).axes).toEqual(projection.axes);
  });
});

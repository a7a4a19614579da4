/**
 * Procrustes alignment of one 2-D map onto another. A t-SNE map is only defined up to rotation,
 * reflection, scale and shift; when the user steps from one snapshot's map to the next, aligning the
 * new map on the points both share keeps the picture still, so what moves is what changed.
 */

/** Pairs of (index in the moving map, index in the reference map) for points both maps contain. */
export type Correspondence = readonly (readonly [number, number])[];

/**
 * Returns `moving` rotated (or reflected), scaled and shifted to fit `reference` best on the shared
 * points, in the least-squares sense. With fewer than two shared points, returns it unchanged.
 */
export function alignTo(moving: Float32Array, reference: Float32Array, pairs: Correspondence): Float32Array {
  if (pairs.length < 2) return moving;
  const [mx, my] = mean(
    moving,
    pairs.map(([m]) => m),
  );
  const [rx, ry] = mean(
    reference,
    pairs.map(([, r]) => r),
  );
  // Cross terms of the centred point sets: enough for the best rotation in closed form.
  let dot = 0;
  let cross = 0;
  let dotMirrored = 0;
  let crossMirrored = 0;
  let norm = 0;
  for (const [m, r] of pairs) {
    const ax = moving[2 * m]! - mx;
    const ay = moving[2 * m + 1]! - my;
    const bx = reference[2 * r]! - rx;
    const by = reference[2 * r + 1]! - ry;
    dot += ax * bx + ay * by;
    cross += ax * by - ay * bx;
    // The same with the moving map mirrored (y → −y).
    dotMirrored += ax * bx - ay * by;
    crossMirrored += ax * by + ay * bx;
    norm += ax * ax + ay * ay;
  }
  // The best rotation of a point set onto another makes the summed cross term vanish; its fit is the
  // length of (dot, cross). Keep whichever of the plain and mirrored fits is closer.
  const plainFit = Math.hypot(dot, cross);
  const mirroredFit = Math.hypot(dotMirrored, crossMirrored);
  const mirrored = mirroredFit > plainFit;
  const angle = mirrored ? Math.atan2(crossMirrored, dotMirrored) : Math.atan2(cross, dot);
  const scale = norm > 0 ? Math.max(plainFit, mirroredFit) / norm : 1;
  const cos = Math.cos(angle) * scale;
  const sin = Math.sin(angle) * scale;
  const out = new Float32Array(moving.length);
  for (let i = 0; i < moving.length / 2; i++) {
    const x = moving[2 * i]! - mx;
    const y = (moving[2 * i + 1]! - my) * (mirrored ? -1 : 1);
    out[2 * i] = cos * x - sin * y + rx;
    out[2 * i + 1] = sin * x + cos * y + ry;
  }
  return out;
}

function mean(points: Float32Array, indices: number[]): [number, number] {
  let x = 0;
  let y = 0;
  for (const i of indices) {
    x += points[2 * i]!;
    y += points[2 * i + 1]!;
  }
  return [x / indices.length, y / indices.length];
}

import { createRng } from '../src/rng';

/**
 * Gaussian blobs in `dim` dimensions (for tests and benchmarks): blob b is centred at `separation`
 * along axis b (mod dim), with unit spread. Returns row-major points and each point's blob.
 */
export function gaussianBlobs(
  perBlob: number,
  blobs: number,
  dim: number,
  separation: number,
  seed = 1,
): { data: Float32Array; labels: Int32Array } {
  const rng = createRng(seed);
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  const count = perBlob * blobs;
  const data = new Float32Array(count * dim);
  const labels = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const blob = i % blobs;
    labels[i] = blob;
    for (let c = 0; c < dim; c++) data[i * dim + c] = gaussian() + (c === blob % dim ? separation : 0);
  }
  return { data, labels };
}

/** Share of points whose nearest other point in the 2-D map has the same label. */
export function neighbourAgreement(positions: Float32Array, labels: Int32Array): number {
  const count = labels.length;
  let agree = 0;
  for (let i = 0; i < count; i++) {
    let best = -1;
    let bestD = Infinity;
    for (let j = 0; j < count; j++) {
      if (j === i) continue;
      const dx = positions[2 * i]! - positions[2 * j]!;
      const dy = positions[2 * i + 1]! - positions[2 * j + 1]!;
      const d = dx * dx + dy * dy;
      if (d < bestD) {
        bestD = d;
        best = j;
      }
    }
    if (labels[best] === labels[i]) agree++;
  }
  return agree / count;
}

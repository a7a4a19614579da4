import { createRng } from '../../rng';
import { nearestNeighbours, type Neighbours } from './neighbours';
import { QuadTree } from './quadtree';

/**
 * Barnes-Hut t-SNE (van der Maaten, 2014), in plain TypeScript so it runs in any worker.
 * Input affinities use only the ≈3·perplexity nearest neighbours of each point (sparse P); the
 * repulsion between all pairs is approximated with a quadtree, so one iteration costs O(N log N)
 * instead of the exact method's O(N²). The npm t-SNE packages are all exact (research notes, §1).
 */
export interface TsneOptions {
  /** Effective number of neighbours each point attends to; clamped below (N − 1) / 3. */
  perplexity: number;
  iterations: number;
  /** Seeds the starting positions: same seed and data, same map. */
  seed: number;
  /** Starting positions, e.g. the previous snapshot's map, so successive maps look alike. */
  init?: WarmStart;
  /** Barnes-Hut accuracy: a cell is summarised when its width / distance is below theta. */
  theta?: number;
  /** Called every `progressEvery` iterations and at the end with the number of iterations done. */
  onProgress?: (done: number) => void;
  progressEvery?: number;
}

/** Known positions for some points; the others start beside their nearest known neighbour. */
export interface WarmStart {
  /** Two numbers per point (x, y), aligned with the input rows. */
  positions: Float32Array;
  /** 1 where `positions` holds a real position; absent when every point is known. */
  known?: Uint8Array;
}

const EXAGGERATION = 12;
const INITIAL_SPREAD = 1e-4;

/** Embeds `count` rows of `dim` numbers (row-major) in two dimensions; returns x, y per row. */
export function tsne(data: Float32Array, dim: number, options: TsneOptions): Float32Array {
  const count = dim > 0 ? Math.floor(data.length / dim) : 0;
  const { iterations, seed, theta = 0.5, onProgress, progressEvery = 10 } = options;
  const y = new Float64Array(count * 2);
  if (count < 2) {
    onProgress?.(iterations);
    return new Float32Array(y);
  }
  const perplexity = Math.max(1, Math.min(options.perplexity, (count - 1) / 3));
  const k = Math.min(count - 1, Math.floor(3 * perplexity));
  const neighbours = nearestNeighbours(data, dim, k);
  const p = jointProbabilities(neighbours, perplexity);
  initialise(y, options.init, neighbours, seed);

  // A warm start is already laid out: skip the exaggerated phase that would tear it apart.
  const warm = options.init !== undefined;
  const exaggerated = warm ? 0 : Math.min(250, Math.floor(iterations * 0.3));
  const slowMomentum = warm ? Math.min(50, Math.floor(iterations * 0.1)) : exaggerated;
  const learningRate = Math.max(200, count / EXAGGERATION);

  const gradient = new Float64Array(count * 2);
  const update = new Float64Array(count * 2);
  const gains = new Float64Array(count * 2).fill(1);
  const tree = new QuadTree(count);
  for (let iteration = 0; iteration < iterations; iteration++) {
    const exaggeration = iteration < exaggerated ? EXAGGERATION : 1;
    const momentum = iteration < slowMomentum ? 0.5 : 0.8;
    computeGradient(y, p, exaggeration, theta, tree, gradient);
    for (let i = 0; i < count * 2; i++) {
      const g = gradient[i]!;
      const u = update[i]!;
      // Delta-bar-delta gains (Jacobs, 1988), as in the reference implementation.
      gains[i] = Math.max(0.01, Math.sign(g) !== Math.sign(u) ? gains[i]! + 0.2 : gains[i]! * 0.8);
      update[i] = momentum * u - learningRate * gains[i]! * g;
      y[i] = y[i]! + update[i]!;
    }
    centre(y);
    if (onProgress && ((iteration + 1) % progressEvery === 0 || iteration + 1 === iterations)) {
      onProgress(iteration + 1);
    }
  }
  return new Float32Array(y);
}

/** Sparse symmetric P (CSR): p_ij = (p_j|i + p_i|j) / 2N, with each p_·|i calibrated to the perplexity. */
export interface SparseAffinities {
  rowStart: Int32Array;
  columns: Int32Array;
  values: Float64Array;
}

export function jointProbabilities(neighbours: Neighbours, perplexity: number): SparseAffinities {
  const { count, k, indices, distances } = neighbours;
  const conditional = new Float64Array(count * k);
  const row = new Float64Array(k);
  for (let i = 0; i < count; i++) {
    calibrateRow(distances.subarray(i * k, (i + 1) * k), perplexity, row);
    conditional.set(row, i * k);
  }
  // Incoming edges (who counts i among its neighbours), to symmetrise row by row.
  const incomingStart = new Int32Array(count + 1);
  for (let e = 0; e < count * k; e++) incomingStart[indices[e]! + 1]!++;
  for (let i = 0; i < count; i++) incomingStart[i + 1] = incomingStart[i + 1]! + incomingStart[i]!;
  const incoming = new Int32Array(count * k);
  const fill = incomingStart.slice(0, count);
  for (let e = 0; e < count * k; e++) incoming[fill[indices[e]!]!++] = e;

  // p_ij = (p_j|i + p_i|j) / 2N, one entry per pair: fewer entries, a faster attractive force.
  const rowStart = new Int32Array(count + 1);
  const columns = new Int32Array(2 * count * k);
  const values = new Float64Array(2 * count * k);
  const slot = new Int32Array(count).fill(-1);
  const scale = 1 / (2 * count);
  let size = 0;
  for (let i = 0; i < count; i++) {
    for (let e = i * k; e < (i + 1) * k; e++) {
      const j = indices[e]!;
      slot[j] = size;
      columns[size] = j;
      values[size++] = conditional[e]! * scale;
    }
    for (let r = incomingStart[i]!; r < incomingStart[i + 1]!; r++) {
      const edge = incoming[r]!;
      const j = Math.floor(edge / k);
      const v = conditional[edge]! * scale;
      if (slot[j]! >= rowStart[i]! && columns[slot[j]!] === j) values[slot[j]!] = values[slot[j]!]! + v;
      else {
        columns[size] = j;
        values[size++] = v;
      }
    }
    rowStart[i + 1] = size;
  }
  return { rowStart, columns: columns.slice(0, size), values: values.slice(0, size) };
}

/**
 * Finds the Gaussian precision whose conditional distribution over the neighbours has the wanted
 * perplexity (binary search on the entropy), and writes the probabilities into `out`.
 */
function calibrateRow(squaredDistances: Float32Array, perplexity: number, out: Float64Array): void {
  const target = Math.log(perplexity);
  const nearest = squaredDistances[0] ?? 0;
  let beta = 1;
  let low = -Infinity;
  let high = Infinity;
  for (let attempt = 0; attempt < 200; attempt++) {
    let sum = 0;
    let weighted = 0;
    for (let j = 0; j < squaredDistances.length; j++) {
      // Shifted by the nearest distance: the normalised values are unchanged and never underflow to 0/0.
      const d = squaredDistances[j]! - nearest;
      const v = Math.exp(-beta * d);
      out[j] = v;
      sum += v;
      weighted += d * v;
    }
    const entropy = Math.log(sum) + (beta * weighted) / sum;
    for (let j = 0; j < squaredDistances.length; j++) out[j] = out[j]! / sum;
    const gap = entropy - target;
    if (Math.abs(gap) < 1e-5) return;
    if (gap > 0) {
      low = beta;
      beta = high === Infinity ? beta * 2 : (beta + high) / 2;
    } else {
      high = beta;
      beta = low === -Infinity ? beta / 2 : (beta + low) / 2;
    }
  }
}

function initialise(
  y: Float64Array,
  init: WarmStart | undefined,
  neighbours: Neighbours,
  seed: number,
): void {
  const rng = createRng(seed);
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  const count = y.length / 2;
  if (!init) {
    for (let i = 0; i < y.length; i++) y[i] = gaussian() * INITIAL_SPREAD;
    return;
  }
  const known = (i: number) => !init.known || init.known[i] === 1;
  for (let i = 0; i < count; i++) {
    if (!known(i)) continue;
    y[2 * i] = init.positions[2 * i]!;
    y[2 * i + 1] = init.positions[2 * i + 1]!;
  }
  const spread = positionSpread(y, known) * 0.01;
  for (let i = 0; i < count; i++) {
    if (known(i)) continue;
    // Beside the nearest neighbour with a known place (neighbours are sorted), else at the centre.
    let anchor = -1;
    for (let e = i * neighbours.k; e < (i + 1) * neighbours.k && anchor < 0; e++) {
      if (known(neighbours.indices[e]!)) anchor = neighbours.indices[e]!;
    }
    y[2 * i] = (anchor >= 0 ? y[2 * anchor]! : 0) + gaussian() * spread;
    y[2 * i + 1] = (anchor >= 0 ? y[2 * anchor + 1]! : 0) + gaussian() * spread;
  }
}

function positionSpread(y: Float64Array, known: (i: number) => boolean): number {
  let max = 0;
  for (let i = 0; i < y.length / 2; i++) {
    if (known(i)) max = Math.max(max, Math.abs(y[2 * i]!), Math.abs(y[2 * i + 1]!));
  }
  return max || 1;
}

/**
 * dC/dy_i = 4 (Σ_j exaggeration·p_ij q_ij (y_i − y_j) − Σ_j q_ij² (y_i − y_j) / Z), with
 * q_ij = 1 / (1 + |y_i − y_j|²) and Z = Σ_{k≠l} q_kl; the second sum comes from the quadtree.
 */
function computeGradient(
  y: Float64Array,
  p: SparseAffinities,
  exaggeration: number,
  theta: number,
  tree: QuadTree,
  out: Float64Array,
): void {
  const count = y.length / 2;
  tree.build(y);
  let z = 0;
  const repulsion = new Float64Array(3);
  for (let i = 0; i < count; i++) {
    tree.repulsion(y[2 * i]!, y[2 * i + 1]!, theta, repulsion);
    z += repulsion[2]!;
    out[2 * i] = repulsion[0]!;
    out[2 * i + 1] = repulsion[1]!;
  }
  const invZ = z > 0 ? 1 / z : 0;
  const { rowStart, columns, values } = p;
  for (let i = 0; i < count; i++) {
    const xi = y[2 * i]!;
    const yi = y[2 * i + 1]!;
    let ax = 0;
    let ay = 0;
    for (let e = rowStart[i]!; e < rowStart[i + 1]!; e++) {
      const j = columns[e]!;
      const dx = xi - y[2 * j]!;
      const dy = yi - y[2 * j + 1]!;
      const w = values[e]! / (1 + dx * dx + dy * dy);
      ax += w * dx;
      ay += w * dy;
    }
    out[2 * i] = 4 * (exaggeration * ax - out[2 * i]! * invZ);
    out[2 * i + 1] = 4 * (exaggeration * ay - out[2 * i + 1]! * invZ);
  }
}

function centre(y: Float64Array): void {
  const count = y.length / 2;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < count; i++) {
    mx += y[2 * i]!;
    my += y[2 * i + 1]!;
  }
  mx /= count;
  my /= count;
  for (let i = 0; i < count; i++) {
    y[2 * i] = y[2 * i]! - mx;
    y[2 * i + 1] = y[2 * i + 1]! - my;
  }
}

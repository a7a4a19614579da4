/**
 * The typed contract between the page and the t-SNE worker (src/worker/tsne.worker.ts). Types only.
 * The map runs in its own worker so neither the page nor training waits for it.
 */
import type { Result } from '../data/table';
import type { WarmStart } from '../eval/embedding/tsne';

export type { WarmStart };

export interface TsneRequest {
  /** points × dim, row-major. */
  data: Float32Array;
  dim: number;
  perplexity: number;
  iterations: number;
  seed: number;
  /** Start from a previous map (same point order), e.g. when stepping between snapshots. */
  init?: WarmStart;
}

export interface TsneProgress {
  done: number;
  total: number;
}

export interface TsneApi {
  /** Resolves with x, y per point; `onProgress` hears every few iterations. */
  embed(request: TsneRequest, onProgress: (progress: TsneProgress) => void): Promise<Result<Float32Array>>;
}

export const PERPLEXITY_RANGE = { min: 2, max: 100 } as const;
export const ITERATION_RANGE = { min: 50, max: 5000 } as const;

/** The shapes of benchmark results (JSON in bench-results/) and the arithmetic on them. */

export interface EngineFigures {
  size: string;
  /** Set when this size could not run, with the reason. */
  unavailable?: string;
  msPerStep?: number;
  /** Median CPU time of this process per step (steadier than msPerStep when the machine is shared). */
  cpuMsPerStep?: number;
  /** How many timed chunks the median was taken over. */
  samples?: number;
  rowsPerSecond?: number;
  secondsPerEpoch?: number;
  stepsPerEpoch?: number;
  /** The first step alone: shader compilation, wasm warm-up. */
  firstStepMs?: number;
  kernelsPerStep?: number;
  kernelTypes?: Record<string, number>;
}

export interface MemoryPoint {
  step: number;
  tensors: number;
  heapBytes: number | null;
}

export interface MemoryFigures {
  points: MemoryPoint[];
  heapNote: string;
}

export interface BackendFigures {
  backend: string;
  /** Set when the backend does not run here, with the reason. */
  unavailable?: string;
  adapter?: string;
  sizes?: EngineFigures[];
  memory?: MemoryFigures;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

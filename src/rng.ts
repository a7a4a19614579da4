import seedrandom from 'seedrandom';

/**
 * One seeded stream of random numbers. Every random choice in a run (weights, noise, batches, dropout)
 * draws from streams derived from the user's single seed, so a run can be repeated exactly.
 * seedrandom is the generator tfjs itself uses for seeded ops, so it adds nothing to the bundle.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** A fresh 31-bit seed for a seeded tfjs op or a child stream. */
  seed(): number;
  /** Where the stream is, for a checkpoint: `restore` continues it from there. */
  state(): RngState;
  restore(state: RngState): void;
}

/** A stream's position (alea's four numbers), plain data that survives structured cloning. */
export type RngState = seedrandom.State.Alea;

export function createRng(seed: number): Rng {
  let random = seedrandom.alea(String(seed), { state: true });
  return {
    next: () => random(),
    int: (n) => Math.floor(random() * n),
    seed: () => Math.floor(random() * 2 ** 31),
    state: () => random.state(),
    restore: (state) => {
      random = seedrandom.alea('', { state });
    },
  };
}

/** Fisher–Yates shuffle of 0..n-1, drawn from `rng`. */
export function permutation(n: number, rng: Rng): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  return order;
}

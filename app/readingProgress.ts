/**
 * How far the worker has read the file being loaded, kept outside the page's state: a tick redraws
 * the progress bar alone. As page state, each tick (one per 4 MB chunk) re-rendered every panel, 10 to
 * 25 ms a time in a profile of a 50 MB load, and over 50 ms on a busy machine (docs/benchmarks.md).
 */
type Listener = () => void;

export interface ReadingProgress {
  /** The worker read `fraction` of the file `name`. */
  report(name: string, fraction: number): void;
  /** The fraction read of `name`: 0 until a tick about it arrives (an older file's ticks do not count). */
  fractionOf(name: string): number;
  subscribe(listener: Listener): () => void;
}

export function createReadingProgress(): ReadingProgress {
  let latest = { name: '', fraction: 0 };
  const listeners = new Set<Listener>();
  return {
    report(name, fraction) {
      latest = { name, fraction };
      for (const listener of listeners) listener();
    },
    fractionOf: (name) => (latest.name === name ? latest.fraction : 0),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The page's: one page, one training worker, one file read at a time. */
export const readingProgress = createReadingProgress();

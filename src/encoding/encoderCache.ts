import { fitEncoder, type TableEncoder } from './encoder';

/** How an encoder is fitted: fitEncoder itself, or a cache in front of it. */
export type EncoderFit = typeof fitEncoder;

/**
 * Remembers the last encoder fitted. CTGAN's mode-specific normalisation takes seconds on a table like
 * Adult; fitting while the user is still choosing settings, and reusing that encoder when Train is
 * pressed, lets training start at once.
 */
export class EncoderCache {
  private last: { owner: object; key: string; encoder: TableEncoder } | null = null;

  /**
   * A fit that returns the last encoder when it was fitted for the same `owner` (the loaded table, with
   * its schema) and the same `decidingRows` (whatever picked the training rows: the held-out share and
   * the seed) and numeric encoding; otherwise it fits and remembers the new one.
   */
  fitFor(owner: object, decidingRows: unknown): EncoderFit {
    return (raw, schema, numeric) => {
      const key = JSON.stringify([decidingRows, numeric ?? null]);
      if (this.last?.owner === owner && this.last.key === key) return this.last.encoder;
      const encoder = fitEncoder(raw, schema, numeric);
      this.last = { owner, key, encoder };
      return encoder;
    };
  }
}

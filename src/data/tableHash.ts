import type { RawTable } from './table';

const hashes = new WeakMap<RawTable, Promise<string>>();

/**
 * SHA-256 of a table's column names and cells, as hex: a saved run names its table by this, never by
 * its cells. Computed once per parsed table (Web Crypto: in workers and in Node alike).
 */
export function tableHash(raw: RawTable): Promise<string> {
  let hash = hashes.get(raw);
  if (!hash) {
    const bytes = new TextEncoder().encode(JSON.stringify([raw.columns, raw.rows]));
    hash = crypto.subtle
      .digest('SHA-256', bytes)
      .then((digest) => [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join(''));
    hashes.set(raw, hash);
  }
  return hash;
}

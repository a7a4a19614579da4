/**
 * The backend choice remembered per browser, in IndexedDB (workers have no localStorage). Probing
 * every backend costs seconds at start-up; a returning visitor on the same browser, GPU and app
 * version gets the earlier answer, still verified with one real training step before it is used.
 */
import type { BackendName } from '../nn/backendNames';
import { version } from '../../package.json';

export interface RememberedBackend {
  /** Browser, GPU and app version the choice was made on: any change means probing again. */
  key: string;
  name: BackendName;
  /** Why it was chosen: the probe's figures, or "chosen by you" (which a probe never overrides). */
  reason: string;
}

const DATABASE = 'gan-playground-backend';
const STORE = 'settings';
const ENTRY = 'backend';

/** What identifies "the same browser on the same machine" for a timing result. */
export function environmentKey(userAgent: string, gpu: string): string {
  return JSON.stringify({ app: version, userAgent, gpu });
}

export async function readRememberedBackend(key: string): Promise<RememberedBackend | null> {
  const found = await withStore('readonly', (store) => store.get(ENTRY)).catch(() => undefined);
  const entry = found as RememberedBackend | undefined;
  return entry && entry.key === key ? entry : null;
}

export async function rememberBackend(entry: RememberedBackend): Promise<void> {
  await withStore('readwrite', (store) => store.put(entry, ENTRY)).catch(() => undefined);
}

export async function forgetBackend(): Promise<void> {
  await withStore('readwrite', (store) => store.delete(ENTRY)).catch(() => undefined);
}

/** One request on the settings store; rejects where IndexedDB is missing (Node) or refused (private mode). */
function withStore(
  mode: IDBTransactionMode,
  request: (store: IDBObjectStore) => IDBRequest,
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    if (typeof indexedDB === 'undefined') return reject(new Error('no IndexedDB'));
    const open = indexedDB.open(DATABASE, 1);
    open.onupgradeneeded = () => open.result.createObjectStore(STORE);
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const req = request(db.transaction(STORE, mode).objectStore(STORE));
      req.onsuccess = () => {
        resolve(req.result);
        db.close();
      };
      req.onerror = () => {
        reject(req.error);
        db.close();
      };
    };
  });
}

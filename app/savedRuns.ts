/**
 * Saved runs: capturing the current run as a run file (src/train/runFile.ts), keeping runs in the
 * browser's IndexedDB, and reopening one (its table rebuilt from the calls that made it, then the
 * worker's openRun). A run on the user's own table keeps that file here, in IndexedDB, so it reopens
 * after a reload; an exported file never carries it (only its name and hash).
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import {
  decodeRunFile,
  encodeRunFile,
  summarize,
  type EngineApi,
  type LossPoint,
  type Result,
  type RunRecord,
  type RunSummary,
  type TableStep,
  type TableView,
  type TrainingProgress,
} from '../src/api';
import type { Engine, TableCall } from './engineClient';
import type { EngineAction, EngineState } from './useEngine';

export interface StoredRun {
  id: number;
  summary: RunSummary;
  /** The run file, as exported. */
  bytes: Uint8Array;
  /** The user's own table file the run was trained on; null for a demo table. */
  table: Blob | null;
}

interface RunsDb extends DBSchema {
  runs: { key: number; value: StoredRun };
}

let database: Promise<IDBPDatabase<RunsDb>> | null = null;
const db = () =>
  (database ??= openDB<RunsDb>('gan-playground-runs', 1, {
    upgrade: (d) => void d.createObjectStore('runs', { keyPath: 'id', autoIncrement: true }),
  }));

export const runStore = {
  /** Newest first. */
  async list(): Promise<StoredRun[]> {
    return (await (await db()).getAll('runs')).reverse();
  },
  async add(bytes: Uint8Array, record: RunRecord, table: Blob | null): Promise<number> {
    // The id is the store's: put without one and it assigns the next.
    const run = { summary: summarize(record), bytes, table } as StoredRun;
    return (await db()).add('runs', run);
  },
  async get(id: number): Promise<StoredRun | undefined> {
    return (await db()).get('runs', id);
  },
  /** The name lives in the file too: it is written again, so an export carries the new one. */
  async rename(id: number, name: string): Promise<Result<void>> {
    const d = await db();
    const run = await d.get('runs', id);
    if (!run) return { ok: false, error: 'That run is no longer saved.' };
    const record = decodeRunFile(run.bytes);
    if (!record.ok) return record;
    const renamed = { ...record.value, name };
    await d.put('runs', { ...run, bytes: encodeRunFile(renamed), summary: summarize(renamed) });
    return { ok: true, value: undefined, warnings: [] };
  },
  async remove(id: number): Promise<void> {
    await (await db()).delete('runs', id);
  },
};

/** The methods a run file may name to rebuild its table: those that shape a table, nothing else. */
const TABLE_METHODS = ['loadUrl', 'loadFile', 'setColumnKind', 'setTarget', 'setHoldoutShare'] as const;

/**
 * The current run as a run file's record, and the user's table file when the table is not a demo.
 * The curves are the page's, up to the saved step.
 */
export async function captureRun(
  engine: Engine,
  state: EngineState,
  calls: TableCall[],
  name: string,
): Promise<Result<{ record: RunRecord; table: Blob | null }>> {
  const saved = await engine.saveRun();
  if (!saved.ok) return saved;
  let table: Blob | null = null;
  const recipe = calls.map(({ method, args }): TableStep => {
    if (method === 'loadFile') {
      table = args[0] as Blob;
      return { method, args: [null, ...(args.slice(1) as (string | number)[])] };
    }
    // A demo's URL is kept relative to the page, so the file opens on any copy of it.
    if (method === 'loadUrl') return { method, args: [relativeUrl(String(args[0])), String(args[1])] };
    return { method, args: args as (string | number)[] };
  });
  const { progress, series, health } = state;
  const step = saved.value.checkpoint.step;
  const record: RunRecord = {
    name,
    savedAt: new Date().toISOString(),
    table: saved.value.table,
    recipe,
    curves: {
      lossNames: progress.lossNames,
      metricNames: progress.metricNames,
      stages: progress.stages,
      points: series.filter((p) => p.step <= step),
    },
    // The checks' figures only: the signals' and problems' sentences quote the table's levels and limits
    // (a class's name, a column's range), cells that must not leave in an exported file. The next check
    // after reopening writes them again.
    health: health && { ...health, signals: [], problems: [] },
    checkpoint: saved.value.checkpoint,
  };
  return { ok: true, value: { record, table }, warnings: [] };
}

/** Whether a run's table is the user's own file (it must be chosen again to import the run). */
export const needsOwnTable = (record: RunRecord) => record.recipe.some((s) => s.method === 'loadFile');

/**
 * Opens a saved run: on the loaded table when it is the run's, else after rebuilding the run's table
 * (a demo by its URL, the user's own from `table`). The page's curves and health become the run's.
 */
export async function openRecord(
  engine: Engine,
  dispatch: (action: EngineAction) => void,
  loaded: TableView | null,
  record: RunRecord,
  table: Blob | null,
): Promise<Result<TrainingProgress>> {
  let opened = loaded?.name === record.table.name ? await engine.openRun(record) : null;
  if (!opened?.ok) {
    const rebuilt = await rebuildTable(engine, record, table);
    if (!rebuilt.ok) return rebuilt;
    dispatch({ type: 'table', table: rebuilt.value });
    opened = await engine.openRun(record);
  }
  if (!opened.ok) return opened;
  const series: LossPoint[] = record.curves.points;
  dispatch({ type: 'run-opened', progress: opened.value, series, health: record.health });
  return opened;
}

async function rebuildTable(
  engine: Engine,
  record: RunRecord,
  table: Blob | null,
): Promise<Result<TableView>> {
  let view: Result<TableView> = { ok: false, error: 'The run file does not say how to load its table.' };
  for (const { method, args } of record.recipe) {
    if (!(TABLE_METHODS as readonly string[]).includes(method))
      return { ok: false, error: `The run file asks for '${method}', which does not shape a table.` };
    let given: unknown[] = args;
    if (method === 'loadFile') {
      if (!table)
        return {
          ok: false,
          error: `This run was trained on your own table, ${record.table.name}: choose that file to open it.`,
        };
      given = [table, ...args.slice(1)];
    }
    if (method === 'loadUrl') {
      const url = sameOriginUrl(String(args[0]));
      if (!url) return { ok: false, error: 'The run file names a table on another site: it is not fetched.' };
      given = [url, args[1]];
    }
    const call = engine[method as (typeof TABLE_METHODS)[number]] as (
      ...a: unknown[]
    ) => ReturnType<EngineApi['loadUrl']>;
    view = await call(...given);
    if (!view.ok) return view;
  }
  return view;
}

function relativeUrl(url: string): string {
  const base = new URL(document.baseURI);
  const absolute = new URL(url, base);
  const dir = base.pathname.replace(/[^/]*$/, '');
  return absolute.origin === base.origin && absolute.pathname.startsWith(dir)
    ? absolute.pathname.slice(dir.length)
    : url;
}

/** A table URL resolved against the page; null when it leaves the page's origin (nothing else is asked). */
function sameOriginUrl(url: string): string | null {
  const absolute = new URL(url, document.baseURI);
  return absolute.origin === window.location.origin ? absolute.href : null;
}

/** The trained demo run of a demo table (public/demos/<name>.ganrun, made by `npm run demo-runs`). */
export async function fetchDemoRun(tableFile: string): Promise<Result<RunRecord>> {
  const url = new URL(`demos/${tableFile.replace(/\.[^.]+$/, '')}.ganrun`, document.baseURI);
  const response = await fetch(url);
  if (!response.ok) return { ok: false, error: `There is no trained run of ${tableFile}.` };
  return decodeRunFile(new Uint8Array(await response.arrayBuffer()));
}

import { useEffect, useRef, useState } from 'react';
import {
  decodeRunFile,
  describeModel,
  encodeRunFile,
  RUN_FILE_EXTENSION,
  type Result,
  type RunRecord,
  type TrainingSettings,
} from '../../../src/api';
import { downloadBlob } from '../../download';
import type { Engine, TableCall } from '../../engineClient';
import {
  captureRun,
  fetchDemoRun,
  needsOwnTable,
  openRecord,
  runStore,
  type StoredRun,
} from '../../savedRuns';
import type { EngineAction, EngineState } from '../../useEngine';
import './runs.css';

interface Props {
  engine: Engine | null;
  state: EngineState;
  dispatch: (action: EngineAction) => void;
  tableCalls: () => TableCall[];
  /** The model of the run (a run's settings are locked while it exists): names an unnamed save. */
  model: string;
  /** A run was opened: the Model panel shows its settings. */
  onOpened: (settings: TrainingSettings) => void;
}

const modelLabel = (id: string) => describeModel(id)?.label ?? id;

/**
 * "Runs": save the current run in this browser (IndexedDB), list, rename, delete, reopen, export to a
 * .ganrun file and import one; and open a demo table's trained run at once.
 */
export function RunsMenu({ engine, state, dispatch, tableCalls, model, onOpened }: Props) {
  const [runs, setRuns] = useState<StoredRun[]>([]);
  const [said, setSaid] = useState('');
  const [name, setName] = useState('');
  const [renaming, setRenaming] = useState<{ id: number; name: string } | null>(null);
  /** An imported run on the user's own table, waiting for that table's file. */
  const [awaiting, setAwaiting] = useState<RunRecord | null>(null);
  const [busy, setBusy] = useState(false);
  const menu = useRef<HTMLDetailsElement>(null);
  const { table, progress } = state;

  const refresh = async () => setRuns(await runStore.list());
  useEffect(() => {
    let live = true;
    void runStore.list().then((list) => live && setRuns(list));
    return () => {
      live = false;
    };
  }, []);

  /** Runs one action at a time; a failure goes to the page's message line. */
  const act = async (action: () => Promise<Result<string>>) => {
    if (!engine || busy) return;
    setBusy(true);
    try {
      const result = await action();
      if (result.ok) setSaid(result.value);
      else dispatch({ type: 'alert', message: result.error });
    } catch (error) {
      dispatch({ type: 'alert', message: String(error) });
    } finally {
      setBusy(false);
    }
  };

  const open = async (record: RunRecord, own: Blob | null): Promise<Result<string>> => {
    const opened = await openRecord(engine!, dispatch, table, record, own);
    if (!opened.ok) return opened;
    onOpened(record.checkpoint.settings as TrainingSettings);
    // The menu folds away: the opened run is what the user came to see.
    if (menu.current) menu.current.open = false;
    return ok(`Opened ${record.name} at step ${opened.value.step.toLocaleString('en')}`);
  };

  const save = () =>
    act(async () => {
      const fallback = `${modelLabel(model)} on ${table?.name ?? 'a table'}, step ${progress.step}`;
      const captured = await captureRun(engine!, state, tableCalls(), name.trim() || fallback);
      if (!captured.ok) return captured;
      const { record, table: own } = captured.value;
      await runStore.add(encodeRunFile(record), record, own);
      setName('');
      await refresh();
      return ok(`Saved ${record.name}`);
    });

  const reopen = (id: number) =>
    act(async () => {
      const stored = await runStore.get(id);
      if (!stored) return fail('That run is no longer saved.');
      const record = decodeRunFile(stored.bytes);
      return record.ok ? open(record.value, stored.table) : record;
    });

  const importFile = (file: File) =>
    act(async () => {
      const record = decodeRunFile(new Uint8Array(await file.arrayBuffer()));
      if (!record.ok) return record;
      if (needsOwnTable(record.value)) {
        setAwaiting(record.value);
        return ok(
          `${record.value.name} was trained on your own table: choose ${record.value.table.name} below.`,
        );
      }
      return keep(record.value, null);
    });

  /** Opens an imported run and keeps it in the list (with the user's table, if it needed one). */
  const keep = async (record: RunRecord, own: Blob | null): Promise<Result<string>> => {
    const opened = await open(record, own);
    if (!opened.ok) return opened;
    await runStore.add(encodeRunFile(record), record, own);
    await refresh();
    return opened;
  };

  const chooseTable = (file: File) =>
    act(async () => {
      const record = awaiting!;
      const opened = await keep(record, file);
      if (opened.ok) setAwaiting(null);
      return opened;
    });

  const trainedDemo = () =>
    act(async () => {
      if (!table) return fail('Load a demo table first.');
      const record = await fetchDemoRun(table.name);
      return record.ok ? open(record.value, null) : record;
    });

  const exportRun = (run: StoredRun) => {
    const fileName = `${run.summary.name.replace(/[^\w.-]+/g, '_')}${RUN_FILE_EXTENSION}`;
    downloadBlob(new Blob([run.bytes as BlobPart], { type: 'application/octet-stream' }), fileName);
  };

  const rename = (id: number, next: string) =>
    act(async () => {
      const renamed = await runStore.rename(id, next.trim() || 'Unnamed run');
      if (!renamed.ok) return renamed;
      setRenaming(null);
      await refresh();
      return ok('Renamed');
    });

  const remove = (run: StoredRun) =>
    act(async () => {
      await runStore.remove(run.id);
      await refresh();
      return ok(`Deleted ${run.summary.name}`);
    });

  return (
    <div className="runs">
      <details className="runs-menu" ref={menu}>
        <summary>Runs</summary>
        <div className="runs-body">
          <div className="runs-row">
            <input
              aria-label="Run name"
              placeholder="Name of this run"
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
            <button
              type="button"
              disabled={!engine || busy || progress.status === 'idle'}
              onClick={() => void save()}
            >
              Save this run
            </button>
            <button type="button" disabled={!engine || busy || !table} onClick={() => void trainedDemo()}>
              Open trained demo
            </button>
            <label className="runs-import">
              Import run file
              <input
                type="file"
                accept={RUN_FILE_EXTENSION}
                disabled={!engine || busy}
                onChange={(e) => {
                  const file = e.target.files?.[0];
                  e.target.value = '';
                  if (file) void importFile(file);
                }}
              />
            </label>
          </div>
          {awaiting && (
            <label className="runs-row">
              Table for {awaiting.name} ({awaiting.table.name})
              <input
                type="file"
                aria-label="Table for the imported run"
                onChange={(e) => {
                  const file = e.target.files?.[0];
                  e.target.value = '';
                  if (file) void chooseTable(file);
                }}
              />
            </label>
          )}
          {runs.length === 0 ? (
            <p className="hint">No saved runs in this browser yet.</p>
          ) : (
            <table className="runs-list" aria-label="Saved runs">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Model</th>
                  <th>Table</th>
                  <th>Steps</th>
                  <th>Saved</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {runs.map((run) => (
                  <tr key={run.id}>
                    <td>
                      {renaming?.id === run.id ? (
                        <form
                          onSubmit={(e) => {
                            e.preventDefault();
                            void rename(run.id, renaming.name);
                          }}
                        >
                          <input
                            aria-label="New name"
                            value={renaming.name}
                            onChange={(e) => setRenaming({ id: run.id, name: e.target.value })}
                          />
                          <button type="submit">Done</button>
                        </form>
                      ) : (
                        run.summary.name
                      )}
                    </td>
                    <td>{modelLabel(run.summary.model)}</td>
                    <td>{run.summary.table}</td>
                    <td>{run.summary.step.toLocaleString('en')}</td>
                    <td>
                      {new Date(run.summary.savedAt).toLocaleString(undefined, {
                        dateStyle: 'short',
                        timeStyle: 'short',
                      })}
                    </td>
                    <td>
                      <div className="runs-actions">
                        <button type="button" disabled={busy} onClick={() => void reopen(run.id)}>
                          Open
                        </button>
                        <button
                          type="button"
                          onClick={() => setRenaming({ id: run.id, name: run.summary.name })}
                        >
                          Rename
                        </button>
                        <button type="button" onClick={() => exportRun(run)}>
                          Export
                        </button>
                        <button type="button" disabled={busy} onClick={() => void remove(run)}>
                          Delete
                        </button>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      </details>
      <span role="status" aria-label="Runs" className="hint">
        {busy ? 'Working…' : said}
      </span>
    </div>
  );
}

const ok = (value: string): Result<string> => ({ ok: true, value, warnings: [] });
const fail = (error: string): Result<string> => ({ ok: false, error });

import { memo, useEffect, useState, type DragEvent } from 'react';
import { type ColumnKind, type ColumnSchema, formatTime, type Result, type TableView } from '../../src/api';
import type { Engine } from '../engineClient';
import { TableLoader, type TableRequest } from '../tableLoader';
import { readingProgress } from '../readingProgress';
import type { EngineAction, EngineState } from '../useEngine';
import { DataTable } from './DataTable';
import { Field } from './Field';
import { HoldoutField, type TableControlProps } from './HoldoutField';
import { ReadingLine } from './ReadingBar';

interface DemoTable {
  file: string;
  title: string;
  rows: number;
  target: string;
  task: string;
  description: string;
}

interface Props {
  engine: Engine | null;
  state: EngineState;
  dispatch: (action: EngineAction) => void;
  hasRun: boolean;
  /** The Seed setting: a file too big to keep whole is sampled with it. */
  seed: number;
  /** The demo table a link or a lesson asks for (a new object each time); null: the first demo. */
  wanted: { file: string } | null;
}

const KINDS: ColumnKind[] = ['numeric', 'categorical', 'ignored'];

/**
 * Drawn again only when what it shows changes: the page's state changes at every training progress
 * (ten times a second), and redrawing the forms each time cost the watching screen long tasks.
 */
export const DataPanel = memo(
  DataPanelView,
  (a, b) =>
    a.state.table === b.state.table &&
    a.state.reading === b.state.reading &&
    a.engine === b.engine &&
    a.dispatch === b.dispatch &&
    a.hasRun === b.hasRun &&
    a.seed === b.seed &&
    a.wanted === b.wanted,
);

function DataPanelView({ engine, state, dispatch, hasRun, seed, wanted }: Props) {
  const [demos, setDemos] = useState<DemoTable[]>([]);
  const [dragging, setDragging] = useState(false);
  // One loader for the page's lifetime: it holds what is asked before the worker is up.
  const [loader] = useState(
    () =>
      new TableLoader((report) => {
        // A file of the same name as the last one starts its bar at 0.
        if (report.type === 'load-started') readingProgress.report(report.name, 0);
        dispatch(report);
      }),
  );
  const { table, reading } = state;

  useEffect(() => loader.connect(engine), [loader, engine]);

  const apply = (result: Result<TableView>) => {
    if (result.ok) dispatch({ type: 'table', table: result.value });
    else dispatch({ type: 'alert', message: result.error });
  };

  const loadFile = (file: File) => loader.request({ kind: 'file', file, name: file.name, seed });

  // The demo list ships with the page; its first table loads unless the user has chosen one, or a
  // link or a lesson asks for another.
  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const response = await fetch(new URL('demos/index.json', document.baseURI));
      const list = (await response.json()) as DemoTable[];
      if (!cancelled) setDemos(list);
    })();
    return () => {
      cancelled = true;
    };
  }, []);
  useEffect(() => {
    if (demos.length === 0) return;
    const asked = wanted && demos.find((d) => d.file === wanted.file);
    if (wanted && !asked)
      dispatch({
        type: 'alert',
        message: `The link's table, ${wanted.file}, is not a demo table: upload it, and the link's settings apply to it.`,
      });
    if (asked) loader.request(demoRequest(asked, true));
    else if (demos[0]) loader.request(demoRequest(demos[0], false));
  }, [loader, demos, wanted, dispatch]);

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) loadFile(file);
  };

  const demoTitle = demos.find((d) => d.file === table?.name);

  return (
    <section
      className={`panel data-panel${dragging ? ' dragging' : ''}`}
      aria-labelledby="data-heading"
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <h2 id="data-heading">Data</h2>
      <div className="row">
        <Field label="Demo table">
          {(id) => (
            <select
              id={id}
              value={demoTitle ? demoTitle.file : ''}
              onChange={(e) => {
                const demo = demos.find((d) => d.file === e.target.value);
                if (demo) loader.request(demoRequest(demo, true));
              }}
            >
              {!demoTitle && <option value="">(your table)</option>}
              {demos.map((d) => (
                <option key={d.file} value={d.file}>
                  {d.file}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Upload table">
          {(id) => (
            <input
              id={id}
              type="file"
              accept=".csv,.tsv,.txt,.arff"
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (file) loadFile(file);
              }}
            />
          )}
        </Field>
      </div>
      <p className="hint">Or drop a CSV, TSV or ARFF file on this panel. It is read in this tab only.</p>
      {reading && (
        <div>
          <ReadingLine name={reading.name} />
        </div>
      )}
      {table ? (
        <>
          <p className="summary">
            {table.name} · {table.rowCount.toLocaleString('en')} rows · {table.columns.length} columns
          </p>
          {demoTitle && <p className="hint">{demoTitle.description}</p>}
          <HoldoutField engine={engine} table={table} apply={apply} hasRun={hasRun} />
          {table.warnings.map((w) => (
            <p key={w} className="warning">
              {w}
            </p>
          ))}
          <DataTable
            label="Preview"
            columns={table.columns.map((c) => c.name)}
            rows={table.preview}
            missing="·"
          />
          <SchemaEditor engine={engine} table={table} apply={apply} hasRun={hasRun} />
        </>
      ) : (
        !reading && <p className="hint">Loading the demo table…</p>
      )}
    </section>
  );
}

/** A demo table, made ready with its intended target (cars.csv predicts miles per gallon). */
function demoRequest(demo: DemoTable, byUser: boolean): TableRequest {
  const url = new URL(`demos/${demo.file}`, document.baseURI).href;
  return { kind: 'url', url, name: demo.file, target: demo.target, byUser };
}

function SchemaEditor({ engine, table, apply, hasRun }: TableControlProps) {
  const setKind = async (index: number, kind: ColumnKind) =>
    engine && apply(await engine.setColumnKind(index, kind));
  const setTarget = async (index: number) => engine && apply(await engine.setTarget(index));
  return (
    <>
      <Field label="Target column">
        {(id) => (
          <select
            id={id}
            value={table.target}
            onChange={(e) => void setTarget(Number(e.target.value))}
            disabled={!engine}
          >
            {table.columns.map((c, i) =>
              c.kind === 'ignored' ? null : (
                <option key={c.name} value={i}>
                  {c.name}
                </option>
              ),
            )}
          </select>
        )}
      </Field>
      <p className="hint">
        The GAN is conditioned on the target: it learns rows per class (or per value).
        {hasRun && ' Changing the schema starts training afresh.'}
      </p>
      <div className="table-scroll">
        <table aria-label="Schema">
          <thead>
            <tr>
              <th scope="col">Column</th>
              <th scope="col">Type</th>
              <th scope="col">Missing</th>
              <th scope="col">Values</th>
            </tr>
          </thead>
          <tbody>
            {table.columns.map((column, index) => (
              <tr key={column.name} className={index === table.target ? 'is-target' : undefined}>
                <th scope="row">
                  {column.name}
                  {index === table.target && <span className="badge">target</span>}
                </th>
                <td>
                  <select
                    aria-label={`Type of ${column.name}`}
                    value={column.kind}
                    disabled={!engine}
                    onChange={(e) => void setKind(index, e.target.value as ColumnKind)}
                  >
                    {KINDS.map((k) => (
                      <option key={k} value={k}>
                        {k}
                      </option>
                    ))}
                  </select>
                </td>
                <td>{column.missing.toLocaleString('en')}</td>
                <td className="details">{describe(column)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function describe(column: ColumnSchema): string {
  switch (column.kind) {
    case 'numeric':
      if (column.time) {
        const kind = column.time.kind === 'date' ? 'dates' : 'date-times';
        return `${kind} ${formatTime(column.min, column.time)} to ${formatTime(column.max, column.time)}`;
      }
      return `${column.min} to ${column.max}${column.integer ? ', whole numbers' : ''}`;
    case 'categorical': {
      const shown = column.levels.slice(0, 4).join(', ');
      const more = column.levels.length > 4 ? ` and ${column.levels.length - 4} more` : '';
      return `${column.levels.length} levels: ${shown}${more}`;
    }
    case 'ignored':
      return column.reason;
  }
}

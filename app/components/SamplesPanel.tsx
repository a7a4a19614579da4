import { memo, useState } from 'react';
import {
  formatDelta,
  privacyLabel,
  type GeneratedRows,
  type PrivacyLabel,
  type TableView,
  type TrainingStatus,
} from '../../src/api';
import type { Engine } from '../engineClient';
import type { EngineAction } from '../useEngine';
import { downloadBlob } from '../download';
import { DataTable } from './DataTable';
import { NumberField, ONE_NUMBER } from './Field';

interface Props {
  engine: Engine | null;
  status: TrainingStatus;
  table: TableView | null;
  dispatch: (action: EngineAction) => void;
}

/** Rows drawn in the page; the download holds them all. */
const SHOWN_ROWS = 20;

export const SamplesPanel = memo(function SamplesPanel({ engine, status, table, dispatch }: Props) {
  const [count, setCount] = useState(100);
  const [generated, setGenerated] = useState<GeneratedRows | null>(null);
  const [busy, setBusy] = useState(false);
  const canGenerate = engine !== null && status !== 'idle' && !busy;

  const generate = async () => {
    if (!engine) return;
    setBusy(true);
    const result = await engine.generate(count);
    setBusy(false);
    if (result.ok) setGenerated(result.value);
    else dispatch({ type: 'alert', message: result.error });
  };

  const download = () => {
    if (!generated || !table) return;
    const name = `${table.name.replace(/\.[^.]+$/, '')}-synthetic${privacySuffix(generated.privacy)}.csv`;
    downloadBlob(new Blob([generated.csv], { type: 'text/csv' }), name);
  };

  return (
    <section className="panel samples-panel" aria-labelledby="samples-heading">
      <h2 id="samples-heading">Synthetic rows</h2>
      <div className="row">
        <NumberField label="Rows to generate" value={count} {...ONE_NUMBER} onValue={setCount} />
        <button type="button" className="primary" disabled={!canGenerate} onClick={() => void generate()}>
          Generate
        </button>
        <button type="button" disabled={!generated} onClick={download}>
          Download CSV
        </button>
      </div>
      {!generated && (
        <p className="hint">Train for a while, then generate rows from the current generator.</p>
      )}
      {generated?.note && (
        <p className="hint" aria-label="About these rows">
          {generated.note}
        </p>
      )}
      {generated && (
        <p className="privacy-label" role="note">
          {generated.privacy
            ? `Generated under ${privacyLabel(generated.privacy)}: ε as spent when they were generated. The download’s name says so too.`
            : 'Trained without differential privacy: these rows carry no privacy guarantee.'}
        </p>
      )}
      {generated && (
        <div className="side-by-side">
          <div>
            <h3>
              Synthetic ({Math.min(SHOWN_ROWS, generated.rows.length)} of{' '}
              {generated.rows.length.toLocaleString('en')})
            </h3>
            <DataTable
              label="Synthetic rows"
              columns={generated.columns}
              rows={generated.rows.slice(0, SHOWN_ROWS)}
              missing="·"
            />
          </div>
          <div>
            <h3>Real (a random {generated.realSample.length})</h3>
            <DataTable
              label="Real rows"
              columns={generated.columns}
              rows={generated.realSample}
              missing="·"
            />
          </div>
        </div>
      )}
    </section>
  );
});

/** "-dp-eps2.98-delta1e-5" for rows trained with differential privacy, so the file says what it is. */
export function privacySuffix(privacy: PrivacyLabel | null): string {
  return privacy ? `-dp-eps${privacy.epsilon.toFixed(2)}-delta${formatDelta(privacy.delta)}` : '';
}

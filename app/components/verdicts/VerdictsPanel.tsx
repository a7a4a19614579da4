import { memo, useCallback, useRef, useState } from 'react';
import type { TableView } from '../../../src/api';
import type { Engine } from '../../engineClient';
import type { EngineAction, RunView } from '../../useEngine';
import { Field, NumberInput, ONE_NUMBER, parseNumber } from '../Field';
import { downloadBlob } from '../../download';
import { useShortcuts } from '../../shortcuts';
import { FullscreenButton } from '../classroom/FullscreenButton';
import { roleCounts, ROLE_COLOURS, ROLE_LABELS, ROLES, scoredRowsCsv } from './mapModel';
import { PassCountSection } from './PassCountSection';
import { PinnedRow } from './PinnedRow';
import { useVerdicts, type MapOptions } from './useVerdicts';
import { VerdictMap } from './VerdictMap';
import './verdicts.css';

interface Props {
  engine: Engine | null;
  run: RunView;
  table: TableView | null;
  seed: number;
  dispatch: (action: EngineAction) => void;
}

const OPTION_FIELDS: { key: keyof MapOptions; label: string }[] = [
  { key: 'realCount', label: 'Real rows' },
  { key: 'fooledCount', label: 'Fooled rows' },
  { key: 'rejectedCount', label: 'Rejected rows' },
  { key: 'perplexity', label: 'Perplexity' },
  { key: 'iterations', label: 'Iterations' },
];

/**
 * "What fooled the discriminator": verdicts on a fixed batch of generated rows at snapshots during
 * training, a t-SNE map of real, fooled and rejected rows, and "generate N and count".
 */
export const VerdictsPanel = memo(function VerdictsPanel({ engine, run, table, seed, dispatch }: Props) {
  const onError = useCallback((message: string) => dispatch({ type: 'alert', message }), [dispatch]);
  const verdicts = useVerdicts({
    engine,
    runId: run.runId,
    training: run.status === 'training',
    statusKey: run.status,
    seed,
    onError,
  });
  const { status, snapshots, selected, options, setOptions, map, passCount } = verdicts;
  const [pinned, setPinned] = useState<number | null>(null);
  const [shownMap, setShownMap] = useState(map);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const mapBox = useRef<HTMLDivElement>(null);
  // A new map unpins: the pinned index belonged to the old one.
  if (shownMap !== map) {
    setShownMap(map);
    setPinned(null);
  }

  const exportCsv = () => {
    const csv = scoredRowsCsv(map?.sample ?? null, passCount, options.threshold);
    downloadBlob(new Blob([csv], { type: 'text/csv' }), `${baseName(table)}-scored-rows.csv`);
  };
  const exportPng = () => {
    const canvas = canvasRef.current;
    if (!canvas || !map) return;
    withLegend(canvas, map.sample.snapshot.step, map.sample.threshold, roleCounts(map.sample.roles)).toBlob(
      (blob) => {
        if (blob) downloadBlob(blob, `${baseName(table)}-verdicts-step-${map.sample.snapshot.step}.png`);
      },
      'image/png',
    );
  };

  return (
    <section className="panel verdicts-panel" aria-labelledby="verdicts-heading">
      <h2 id="verdicts-heading">Discriminator verdicts</h2>
      {(!status || status.kind === 'no-model') && (
        <p className="hint">
          Train or step first. Then see which generated rows the discriminator takes for real, where they lie
          among the real rows, and how many of N pass.
        </p>
      )}
      {status?.kind === 'unsupported' && <p className="note">{status.message}</p>}
      {status?.kind === 'ready' && (
        <>
          <p className="hint">
            A row <em>fools</em> the discriminator when its score (the discriminator&apos;s probability that
            the row is real
            {status.scale === 'critic' ? '; for a critic, the share of real rows it rates lower' : ''})
            reaches the threshold. Snapshots score the same {status.poolSize.toLocaleString('en')} generated
            rows each time, so the same points move as training goes on.
          </p>
          <div className="row verdict-options">
            <Field label="Threshold">
              {(id) => (
                <NumberInput
                  id={id}
                  value={options.threshold}
                  format={String}
                  parse={parseUnit}
                  onValue={(threshold) => setOptions({ ...options, threshold })}
                />
              )}
            </Field>
            {OPTION_FIELDS.map(({ key, label }) => (
              <Field key={key} label={label}>
                {(id) => (
                  <NumberInput
                    id={id}
                    value={options[key]}
                    {...ONE_NUMBER}
                    onValue={(value) => setOptions({ ...options, [key]: value })}
                  />
                )}
              </Field>
            ))}
          </div>
          <div className="row">
            <button type="button" onClick={() => void verdicts.takeSnapshot()}>
              Take snapshot
            </button>
            <button
              type="button"
              className="primary"
              disabled={!selected}
              onClick={() => selected && void verdicts.compute(selected, 'fresh')}
            >
              {map ? 'Recompute map' : 'Compute map'}
            </button>
            <Field label="Snapshot every (steps)">
              {(id) => (
                <NumberInput
                  id={id}
                  value={status.everySteps}
                  {...ONE_NUMBER}
                  onValue={(steps) => void verdicts.setSnapshotInterval(steps)}
                />
              )}
            </Field>
          </div>
          <SnapshotStepper
            snapshots={snapshots}
            selectedId={selected?.id ?? null}
            onSelect={(index) => {
              const snapshot = snapshots[index];
              if (snapshot) verdicts.select(snapshot);
            }}
          />
          {verdicts.progress && (
            <div className="tsne-progress">
              <progress
                aria-label="t-SNE progress"
                value={verdicts.progress.done}
                max={verdicts.progress.total}
              />
              <span>
                Computing the map: {verdicts.progress.done} of {verdicts.progress.total} iterations
              </span>
            </div>
          )}
          <div className="map-box" ref={mapBox}>
            <FullscreenButton target={mapBox} name="the map" />
            <Legend counts={map ? roleCounts(map.sample.roles) : null} />
            <VerdictMap map={map} pinned={pinned} onPin={setPinned} canvasRef={canvasRef} />
          </div>
          <p className="caution">
            t-SNE keeps near neighbours together; the sizes of clusters and the distances between them mean
            little.
          </p>
          {map && (
            <p className="map-caption">
              Step {map.sample.snapshot.step.toLocaleString('en')} · threshold {map.sample.threshold} ·{' '}
              {map.sample.batchFooled.toLocaleString('en')} of {map.sample.batchSize.toLocaleString('en')}{' '}
              rows of the fixed batch fooled the discriminator. Hover a point for its row; click to pin it.
            </p>
          )}
          {map && pinned !== null && <PinnedRow map={map} index={pinned} onUnpin={() => setPinned(null)} />}
          <div className="row">
            <button type="button" disabled={!map && !passCount} onClick={exportCsv}>
              Export scored rows (CSV)
            </button>
            <button type="button" disabled={!map} onClick={exportPng}>
              Export map (PNG)
            </button>
          </div>
          <PassCountSection
            passCount={passCount}
            threshold={options.threshold}
            busy={verdicts.counting}
            onCount={(rows) => void verdicts.count(rows)}
          />
        </>
      )}
    </section>
  );
});

function SnapshotStepper({
  snapshots,
  selectedId,
  onSelect,
}: {
  snapshots: { id: number; step: number }[];
  selectedId: number | null;
  onSelect: (index: number) => void;
}) {
  const index = snapshots.findIndex((s) => s.id === selectedId);
  const current = snapshots[index];
  useShortcuts({
    ArrowLeft: () => index > 0 && onSelect(index - 1),
    ArrowRight: () => index >= 0 && index < snapshots.length - 1 && onSelect(index + 1),
  });
  return (
    <div className="row snapshot-stepper">
      <button
        type="button"
        aria-label="Previous snapshot"
        disabled={index <= 0}
        onClick={() => onSelect(index - 1)}
      >
        ◀
      </button>
      <input
        type="range"
        aria-label="Snapshot"
        min={0}
        max={Math.max(0, snapshots.length - 1)}
        value={Math.max(0, index)}
        disabled={snapshots.length < 2}
        onChange={(e) => onSelect(Number(e.target.value))}
      />
      <button
        type="button"
        aria-label="Next snapshot"
        disabled={index < 0 || index >= snapshots.length - 1}
        onClick={() => onSelect(index + 1)}
      >
        ▶
      </button>
      <span aria-live="polite">
        {current
          ? `Snapshot ${index + 1} of ${snapshots.length} · step ${current.step.toLocaleString('en')}`
          : 'No snapshot yet: train a little, or press Take snapshot.'}
      </span>
    </div>
  );
}

function Legend({ counts }: { counts: Record<string, number> | null }) {
  return (
    <ul className="verdict-legend" aria-label="Legend">
      {ROLES.map((role) => (
        <li key={role}>
          <span className="swatch" style={{ background: ROLE_COLOURS[role] }} aria-hidden="true" />
          {ROLE_LABELS[role]}
          {counts && ` (${counts[role]})`}
        </li>
      ))}
    </ul>
  );
}

const parseUnit = (text: string): number | null => {
  const n = parseNumber(text);
  return n !== null && n >= 0 && n <= 1 ? n : null;
};

/** A copy of the map with its legend and moment written on it, so the PNG explains itself. */
function withLegend(
  canvas: HTMLCanvasElement,
  step: number,
  threshold: number,
  counts: Record<string, number>,
): HTMLCanvasElement {
  const copy = document.createElement('canvas');
  copy.width = canvas.width;
  copy.height = canvas.height;
  const ctx = copy.getContext('2d');
  if (!ctx) return canvas;
  ctx.drawImage(canvas, 0, 0);
  const ratio = canvas.width / Math.max(1, canvas.clientWidth);
  ctx.scale(ratio, ratio);
  ctx.font = '13px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  ctx.fillStyle = '#111827';
  ctx.fillText(`t-SNE of encoded rows · step ${step} · threshold ${threshold}`, 10, 14);
  ROLES.forEach((role, i) => {
    const y = 34 + i * 18;
    ctx.fillStyle = ROLE_COLOURS[role];
    ctx.beginPath();
    ctx.arc(16, y, 5, 0, 2 * Math.PI);
    ctx.fill();
    ctx.fillStyle = '#111827';
    ctx.fillText(`${ROLE_LABELS[role]} (${counts[role] ?? 0})`, 26, y);
  });
  return copy;
}

function baseName(table: TableView | null): string {
  return (table?.name ?? 'table').replace(/\.[^.]+$/, '');
}

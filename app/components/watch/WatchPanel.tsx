import { useState } from 'react';
import type { Engine } from '../../engineClient';
import type { EngineState } from '../../useEngine';
import { ColumnViews, GENERATED_COLOUR, REAL_COLOUR } from './ColumnViews';
import { DiscriminatorMapView, MAP_COLOURS } from './DiscriminatorMapView';
import { Fingerprints } from './Fingerprints';
import { useSnapshotView } from './useSnapshotView';
import './watch.css';

interface Props {
  engine: Engine | null;
  state: EngineState;
}

/**
 * What the generator writes, live: each column real against generated on the fixed batch the verdicts
 * score (the same noise and conditions at every snapshot, so the bars move because the generator did),
 * and a few rows as colour strips.
 */
export function WatchPanel({ engine, state }: Props) {
  const { progress } = state;
  const moment = progress.status === 'training' ? '' : String(progress.step);
  const [shown, setShown] = useState<'columns' | 'map'>('columns');
  const view = useSnapshotView(engine, progress.runId, progress.status, moment, (e, known) =>
    e.liveView(known),
  );
  const map = useSnapshotView(
    engine,
    progress.runId,
    progress.status,
    moment,
    shown === 'map' ? (e, known) => e.discriminatorMap(known) : null,
  );
  return (
    <section
      className="panel watch-panel"
      aria-labelledby="watch-heading"
      data-step={view?.snapshot.step ?? ''}
    >
      <h2 id="watch-heading">What the generator writes</h2>
      <div className="watch-tabs" role="group" aria-label="Show">
        {(
          [
            ['columns', 'Columns'],
            ['map', 'Map'],
          ] as const
        ).map(([value, label]) => (
          <button
            key={value}
            type="button"
            aria-pressed={shown === value}
            title={value === 'map' ? "The discriminator's view on a map of the real rows" : undefined}
            onClick={() => setShown(value)}
          >
            {label}
          </button>
        ))}
      </div>
      {shown === 'map' ? (
        map ? (
          <>
            <p className="watch-caption">
              <span className="key" style={{ background: MAP_COLOURS.real }} aria-hidden="true" /> real ·{' '}
              <span className="key" style={{ background: MAP_COLOURS.fooled }} aria-hidden="true" />{' '}
              generated, passes as real ·{' '}
              <span className="key" style={{ background: MAP_COLOURS.rejected }} aria-hidden="true" />{' '}
              generated, rejected · behind: the discriminator&apos;s score for a row at each place (blue:
              real, orange: generated)
            </p>
            <DiscriminatorMapView map={map} engine={engine} />
          </>
        ) : (
          <p className="hint">
            Press Train or Step: the real rows and the generator&apos;s rows appear here on the real
            rows&apos; two main directions, over what the discriminator says of each place.
          </p>
        )
      ) : !view ? (
        <p className="hint">
          Press Train or Step: each column of the real rows appears here beside the generator&apos;s rows,
          updated at every snapshot.
        </p>
      ) : (
        <>
          <p className="watch-caption">
            Snapshot at step {view.snapshot.step.toLocaleString('en')} ·{' '}
            <span className="key" style={{ background: REAL_COLOUR }} aria-hidden="true" /> real (
            {view.realRows.toLocaleString('en')} training rows) ·{' '}
            <span className="key" style={{ background: GENERATED_COLOUR }} aria-hidden="true" /> generated (
            {view.generatedRows.toLocaleString('en')} fixed rows)
          </p>
          <ColumnViews columns={view.columns} />
          <Fingerprints data={view.fingerprints} />
        </>
      )}
    </section>
  );
}

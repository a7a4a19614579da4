import { memo, useState } from 'react';
import type { IdeaKind } from '../../../src/api';
import type { Engine } from '../../engineClient';
import type { RunView } from '../../useEngine';
import { BarRowsTable } from './BarRowsTable';
import { ColumnViews, GENERATED_COLOUR, REAL_COLOUR, type BarRef } from './ColumnViews';
import { DiscriminatorMapView, MAP_COLOURS } from './DiscriminatorMapView';
import { Fingerprints } from './Fingerprints';
import { IdeaPanel } from './ideas/IdeaPanel';
import { IDEA_TABS } from './ideas/IdeaView';
import { useIdeaKinds } from './ideas/useIdeaKinds';
import { useBarRows } from './useBarRows';
import { useSnapshotState } from './useSnapshotView';
import './watch.css';

interface Props {
  engine: Engine | null;
  run: RunView;
}

/**
 * What the generator writes, live: each column real against generated on the fixed batch the verdicts
 * score (the same noise and conditions at every snapshot, so the bars move because the generator did),
 * and a few rows as colour strips.
 */
export const WatchPanel = memo(function WatchPanel({ engine, run }: Props) {
  const moment = run.stillStep === null ? '' : String(run.stillStep);
  const [chosen, setChosen] = useState<'columns' | 'map' | IdeaKind>('columns');
  const kinds = useIdeaKinds(engine, run.runId, run.status);
  // A model without the idea chosen (another model since) shows the columns.
  const shown = chosen === 'columns' || chosen === 'map' || kinds.includes(chosen) ? chosen : 'columns';
  const idea = shown === 'columns' || shown === 'map' ? null : shown;
  const { view, failure } = useSnapshotState(engine, run.runId, run.status, moment, (e, known) =>
    e.liveView(known),
  );
  const [opened, setOpened] = useState<{ runId: number; bar: BarRef } | null>(null);
  const bar = opened?.runId === run.runId && shown === 'columns' ? opened.bar : null;
  const barRows = useBarRows(engine, bar, view?.snapshot.id ?? null);
  const tabs: [typeof chosen, string, string | undefined][] = [
    ['columns', 'Columns', undefined],
    ['map', 'Map', "The discriminator's view on a map of the real rows"],
    ...kinds.map((kind): [IdeaKind, string, string] => [kind, IDEA_TABS[kind].label, IDEA_TABS[kind].title]),
  ];
  const { view: map, failure: mapFailure } = useSnapshotState(
    engine,
    run.runId,
    run.status,
    moment,
    shown === 'map' ? (e, known) => e.discriminatorMap(known) : null,
  );
  return (
    <section
      className={`panel watch-panel${tabs.length > 2 ? ' many-tabs' : ''}`}
      aria-labelledby="watch-heading"
      data-step={view?.snapshot.step ?? ''}
    >
      <h2 id="watch-heading">What the generator writes</h2>
      <div className="watch-tabs" role="group" aria-label="Show">
        {tabs.map(([value, label, title]) => (
          <button
            key={value}
            type="button"
            aria-pressed={shown === value}
            title={title}
            onClick={() => setChosen(value)}
          >
            {label}
          </button>
        ))}
      </div>
      {idea ? (
        <IdeaPanel
          key={idea}
          engine={engine}
          kind={idea}
          runId={run.runId}
          status={run.status}
          moment={moment}
        />
      ) : shown === 'map' ? (
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
            <DiscriminatorMapView map={map} engine={engine} stepRows={run.stepRows} />
          </>
        ) : mapFailure ? (
          <p className="hint">{mapFailure}</p>
        ) : (
          <p className="hint">
            Press Train or Step: the real rows and the generator&apos;s rows appear here on the real
            rows&apos; two main directions, over what the discriminator says of each place.
          </p>
        )
      ) : !view && failure ? (
        <p className="hint">{failure}</p>
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
          <ColumnViews
            columns={view.columns}
            opened={bar}
            onOpen={(next) => setOpened({ runId: run.runId, bar: next })}
          />
          {bar ? (
            <BarRowsTable rows={barRows} onClose={() => setOpened(null)} />
          ) : (
            <Fingerprints data={view.fingerprints} />
          )}
        </>
      )}
    </section>
  );
});

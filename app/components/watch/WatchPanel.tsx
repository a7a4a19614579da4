import type { Engine } from '../../engineClient';
import type { EngineState } from '../../useEngine';
import { ColumnViews, GENERATED_COLOUR, REAL_COLOUR } from './ColumnViews';
import { Fingerprints } from './Fingerprints';
import { useLiveView } from './useLiveView';
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
  const view = useLiveView(engine, progress.runId, progress.status, moment);
  return (
    <section
      className="panel watch-panel"
      aria-labelledby="watch-heading"
      data-step={view?.snapshot.step ?? ''}
    >
      <h2 id="watch-heading">What the generator writes</h2>
      {!view ? (
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

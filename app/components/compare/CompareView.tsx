import { useMemo, useState } from 'react';
import type { Result, TableView, TrainingProgress, TrainingSettings } from '../../../src/api';
import { comparePair, defaultPairId, PAIR_IDS, type ComparePair, type CompareSide } from '../../comparePairs';
import type { TableCall } from '../../engineClient';
import { useShortcuts } from '../../shortcuts';
import { useThrottled } from '../../useThrottled';
import type { EngineState } from '../../useEngine';
import { HealthBanner } from '../HealthPanel';
import { ColumnViews } from '../watch/ColumnViews';
import { useSnapshotView } from '../watch/useSnapshotView';
import { OverlayChart, type OverlaySeries } from './OverlayChart';
import { useSideRun } from './useSideRun';
import './compare.css';

interface Props {
  table: TableView;
  /** The page's settings: the side on the page's model keeps them; both keep its seed. */
  settings: TrainingSettings;
  tableCalls: readonly TableCall[];
  onEnd: () => void;
}

const CHART_INTERVAL_MS = 250;

/**
 * Two runs side by side, live: the same table and seed, two settings (λ = 0 against λ = 1, CGAN against
 * CTGAN-style), each in an engine worker of its own. One chart overlays their losses and one their
 * quality; their column views stand next to each other; one button trains or pauses both.
 */
export function CompareView({ table, settings, tableCalls, onEnd }: Props) {
  const [pairId, setPairId] = useState(() => defaultPairId(settings));
  const pair = useMemo(() => comparePair(pairId, table, settings), [pairId, table, settings]);
  // A new pair is two new runs: the sides (and their workers) are mounted afresh.
  return <PairView key={pairId} pair={pair} tableCalls={tableCalls} onPair={setPairId} onEnd={onEnd} />;
}

function PairView({
  pair,
  tableCalls,
  onPair,
  onEnd,
}: {
  pair: ComparePair;
  tableCalls: readonly TableCall[];
  onPair: (id: ComparePair['id']) => void;
  onEnd: () => void;
}) {
  const runs = [
    useSideRun(tableCalls, pair.sides[0].settings),
    useSideRun(tableCalls, pair.sides[1].settings),
  ];
  const [error, setError] = useState<string | null>(null);
  const statuses = runs.map((r) => r.state.progress.status);
  const ready = runs.every((r) => r.ready);
  const training = statuses.includes('training');
  const action = training
    ? 'Pause both'
    : statuses.includes('paused')
      ? 'Resume both'
      : statuses.every((s) => s === 'finished')
        ? 'Train both more'
        : 'Train both';
  const report = (results: Result<TrainingProgress>[]) => {
    const failed = results.flatMap((r, i) => (r.ok ? [] : [`${pair.sides[i]!.label}: ${r.error}`]));
    setError(failed.length > 0 ? failed.join(' ') : null);
  };
  const toggle = async () => {
    if (!ready) return;
    if (training) {
      await Promise.all(runs.map((r) => r.engine!.pause()));
      return;
    }
    report(
      await Promise.all(
        runs.map((r, i) => {
          const side = pair.sides[i]!;
          return r.state.progress.status === 'finished'
            ? r.engine!.trainMore(side.settings.epochs)
            : r.engine!.train(side.settings);
        }),
      ),
    );
  };
  useShortcuts({ ' ': () => void toggle() });
  const [a, b] = pair.sides;

  return (
    <section className="panel compare-panel" aria-labelledby="compare-heading">
      <div className="compare-bar">
        <h2 id="compare-heading">Comparing two runs</h2>
        <label>
          Compare{' '}
          <select value={pair.id} onChange={(e) => onPair(e.target.value as ComparePair['id'])}>
            {PAIR_IDS.map((id) => (
              <option key={id} value={id}>
                {id === 'lambda' ? 'DSF-GAN: λ = 0 against λ = 1' : 'CGAN against CTGAN-style'}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="primary" disabled={!ready} onClick={() => void toggle()}>
          {action}
        </button>
        <button type="button" onClick={onEnd} title="Back to the single run (C)">
          End comparison
        </button>
      </div>
      <p className="compare-about">
        Same table, same seed ({a.settings.seed}), each run in its own worker: <Key side={a} /> against{' '}
        <Key side={b} />.{!ready && ' Loading the table in both workers…'}
      </p>
      {error && (
        <p className="warning" role="alert">
          {error}
        </p>
      )}
      <div className="compare-charts">
        <BothCharts sides={pair.sides} states={runs.map((r) => r.state)} />
      </div>
      <div className="compare-sides">
        {pair.sides.map((side, i) => (
          <SideView key={side.label} side={side} run={runs[i]!} />
        ))}
      </div>
    </section>
  );
}

function Key({ side }: { side: CompareSide }) {
  return (
    <span className="compare-key">
      <span className="key" style={{ background: side.colour }} aria-hidden="true" /> {side.label}
    </span>
  );
}

/** Both runs' losses (generator solid, discriminator dashed) and both quality curves, one legend. */
function BothCharts({ sides, states }: { sides: readonly CompareSide[]; states: EngineState[] }) {
  const latest = useThrottled(states, CHART_INTERVAL_MS);
  const losses: OverlaySeries[] = latest.flatMap((state, i) => {
    const side = sides[i]!;
    const { lossNames } = state.progress;
    const generator = lossNames.indexOf('generator');
    // Index 0 is the discriminator (a critic for the Wasserstein models): every model names it first.
    return [
      {
        label: `${side.label} generator`,
        colour: side.colour,
        dashed: false,
        points: series(state, generator),
      },
      {
        label: `${side.label} ${lossNames[0] ?? 'discriminator'}`,
        colour: side.colour,
        dashed: true,
        points: series(state, 0),
      },
    ];
  });
  const quality: OverlaySeries[] = latest.map((state, i) => ({
    label: `${sides[i]!.label} quality`,
    colour: sides[i]!.colour,
    dashed: false,
    dots: true,
    points: (state.health?.checks ?? []).flatMap((c) =>
      c.quality === null ? [] : [{ step: c.step, value: c.quality }],
    ),
  }));
  return (
    <>
      <OverlayChart
        title="Losses of both runs"
        series={losses}
        empty="Press Train both: both runs' losses appear here."
      />
      <OverlayChart
        title="Quality of both runs"
        series={quality}
        empty="The quality of each run's fixed batch, every 100 steps or more."
      />
      <ul className="compare-legend" aria-label="Legend">
        {sides.map((side) => (
          <li key={side.label}>
            <svg width="36" height="10" aria-hidden="true">
              <line x1="0" y1="5" x2="36" y2="5" stroke={side.colour} strokeWidth="3" />
            </svg>{' '}
            {side.label}: generator loss, quality
          </li>
        ))}
        {sides.map((side) => (
          <li key={`${side.label}-d`}>
            <svg width="36" height="10" aria-hidden="true">
              <line x1="0" y1="5" x2="36" y2="5" stroke={side.colour} strokeWidth="3" strokeDasharray="6 4" />
            </svg>{' '}
            {side.label}: discriminator loss
          </li>
        ))}
      </ul>
    </>
  );
}

function series(state: EngineState, index: number): { step: number; value: number }[] {
  if (index < 0) return [];
  return state.series.flatMap((p) => {
    const value = p.values[index];
    return value == null ? [] : [{ step: p.step, value }];
  });
}

/** One run's step, its health banner and what its generator writes now. */
function SideView({ side, run }: { side: CompareSide; run: ReturnType<typeof useSideRun> }) {
  const { engine, state } = run;
  const { progress } = state;
  const moment = progress.status === 'training' ? '' : String(progress.step);
  const view = useSnapshotView(engine, progress.runId, progress.status, moment, (e, known) =>
    e.liveView(known),
  );
  return (
    <section
      className="compare-side"
      aria-label={`Run ${side.label}`}
      style={{ borderColor: side.colour }}
      data-step={progress.step}
      data-status={progress.status}
    >
      <h3>
        <Key side={side} />
      </h3>
      <p className="compare-stats" aria-label={`${side.label} progress`}>
        Step {progress.step.toLocaleString('en')} · {progress.status}
        {progress.stepsPerSecond > 0 && ` · ${Math.round(progress.stepsPerSecond)} steps/s`}
      </p>
      {state.alert && (
        <p className="warning" role="alert">
          {state.alert}
        </p>
      )}
      <HealthBanner health={state.health} />
      <h4>What the generator writes</h4>
      {view ? (
        <div data-snapshot-step={view.snapshot.step}>
          <p className="watch-caption">Snapshot at step {view.snapshot.step.toLocaleString('en')}</p>
          <ColumnViews columns={view.columns} />
        </div>
      ) : (
        <p className="hint">Press Train both: each column, real against generated, appears here.</p>
      )}
    </section>
  );
}

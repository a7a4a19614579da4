import { useState } from 'react';
import {
  carryOver,
  derivedSettings,
  describeModel,
  MODEL_DESCRIPTIONS,
  tableFacts,
  valueAt,
  type ModelId,
  type TrainingSettings,
} from '../src/api';
import { DataPanel } from './components/DataPanel';
import { ExplorerPanel } from './components/explorer/ExplorerPanel';
import { FeedbackPanel } from './components/FeedbackPanel';
import { Header } from './components/Header';
import { ModelPanel } from './components/ModelPanel';
import { ReportPanel } from './components/report/ReportPanel';
import { SamplesPanel } from './components/SamplesPanel';
import { VerdictsPanel } from './components/verdicts/VerdictsPanel';
import { TrainingPanel } from './components/TrainingPanel';
import { FormsBar } from './components/watch/FormsBar';
import { WatchPanel } from './components/watch/WatchPanel';
import { ShareLink } from './components/classroom/ShareLink';
import { readLink, withLinkValues, type RunLink, type Section } from './runLink';
import { useEngine } from './useEngine';
import { usePrepare } from './usePrepare';

export function App() {
  const { engine, state, dispatch } = useEngine();
  const [settings, setSettings] = useState<TrainingSettings>(MODEL_DESCRIPTIONS[0].defaults);
  /** Why each derived setting has its value, for the loaded table; empty before a table loads. */
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [derivedFor, setDerivedFor] = useState<string | null>(null);
  // A link's run (app/runLink.ts) waits for its table (any table when it names none), then applies once.
  const [link, setLink] = useState<RunLink | null>(() =>
    window.location.hash ? readLink(window.location.hash) : null,
  );
  const [startTable] = useState(link?.table ?? null);
  const [hidden, setHidden] = useState<Section[]>(link?.hide ?? []);
  const shows = (section: Section) => !hidden.includes(section);
  const panels = describeModel(settings.model)!.panels;
  const hasRun = state.progress.status !== 'idle';
  const { table } = state;
  // A newly loaded table gets settings derived from it (the model too), keeping the user's seed and
  // differential privacy; a reason goes with its setting when that carries over unchanged. A link's
  // settings then replace what it sets.
  const derive = (model?: ModelId, from: RunLink | null = null) => {
    if (!table) return;
    const derived = derivedSettings(tableFacts(table), from?.model ?? model);
    const carried = carryOver(settings, derived.settings);
    const linked = from && withLinkValues(carried, from);
    const next = linked?.settings ?? carried;
    const problems = from ? [...from.problems, ...linked!.problems] : [];
    if (problems.length > 0) dispatch({ type: 'alert', message: problems.join(' ') });
    setSettings(next);
    setReasons(
      Object.fromEntries(
        Object.entries(derived.reasons).filter(
          ([path]) => valueAt(next, path) === valueAt(derived.settings, path),
        ),
      ),
    );
  };
  const tableKey = table && `${table.name}\n${table.rowCount}`;
  if (tableKey !== derivedFor && !hasRun) {
    setDerivedFor(tableKey);
    const linkApplies = link !== null && (link.table === null || link.table === table?.name);
    if (linkApplies) setLink(null);
    derive(undefined, linkApplies ? link : null);
  }
  usePrepare(engine, state.table, settings, !hasRun);
  // The forms fold once a table is loaded, unless the user says otherwise: the watching screen.
  const [formsChoice, setFormsChoice] = useState<boolean | null>(null);
  const formsShown = formsChoice ?? state.table === null;

  return (
    <>
      <Header engine={engine} backend={state.backend} dispatch={dispatch}>
        <ShareLink table={table?.name ?? null} settings={settings} hidden={hidden} onHidden={setHidden} />
      </Header>
      {state.alert && (
        <div className="alert" role="alert">
          <span>{state.alert}</span>
          <button
            type="button"
            aria-label="Dismiss message"
            onClick={() => dispatch({ type: 'alert', message: null })}
          >
            ×
          </button>
        </div>
      )}
      <main className={formsShown ? 'layout' : 'layout watching'}>
        {state.table && shows('forms') && (
          <FormsBar
            table={state.table}
            settings={settings}
            shown={formsShown}
            onToggle={() => setFormsChoice(!formsShown)}
          />
        )}
        <div className="forms" id="forms" hidden={!formsShown || !shows('forms')}>
          <DataPanel
            engine={engine}
            state={state}
            dispatch={dispatch}
            hasRun={hasRun}
            seed={settings.seed}
            startTable={startTable}
          />
          <ModelPanel
            engine={engine}
            settings={settings}
            onChange={setSettings}
            onModel={derive}
            reasons={reasons}
            locked={hasRun}
            table={state.table}
          />
        </div>
        <TrainingPanel engine={engine} state={state} settings={settings} dispatch={dispatch} />
        {shows('watch') && <WatchPanel engine={engine} state={state} />}
        {shows('feedback') && panels.includes('feedback') && 'feedback' in settings && (
          <FeedbackPanel engine={engine} state={state} settings={settings} />
        )}
        {shows('explorer') && panels.includes('explorer') && (
          <ExplorerPanel engine={engine} state={state} dispatch={dispatch} />
        )}
        {shows('samples') && <SamplesPanel engine={engine} state={state} dispatch={dispatch} />}
        {shows('report') && <ReportPanel engine={engine} state={state} />}
        {shows('verdicts') && (
          <VerdictsPanel engine={engine} state={state} seed={settings.seed} dispatch={dispatch} />
        )}
      </main>
    </>
  );
}

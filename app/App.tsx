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
import { useEngine } from './useEngine';
import { usePrepare } from './usePrepare';

export function App() {
  const { engine, state, dispatch } = useEngine();
  const [settings, setSettings] = useState<TrainingSettings>(MODEL_DESCRIPTIONS[0].defaults);
  /** Why each derived setting has its value, for the loaded table; empty before a table loads. */
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [derivedFor, setDerivedFor] = useState<string | null>(null);
  const panels = describeModel(settings.model)!.panels;
  const hasRun = state.progress.status !== 'idle';
  const { table } = state;
  // A newly loaded table gets settings derived from it (the model too), keeping the user's seed and
  // differential privacy; a reason goes with its setting when that carries over unchanged.
  const derive = (model?: ModelId) => {
    if (!table) return;
    const derived = derivedSettings(tableFacts(table), model);
    const next = carryOver(settings, derived.settings);
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
    derive();
  }
  usePrepare(engine, state.table, settings, !hasRun);
  // The forms fold once a table is loaded, unless the user says otherwise: the watching screen.
  const [formsChoice, setFormsChoice] = useState<boolean | null>(null);
  const formsShown = formsChoice ?? state.table === null;

  return (
    <>
      <Header engine={engine} backend={state.backend} dispatch={dispatch} />
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
        {state.table && (
          <FormsBar
            table={state.table}
            settings={settings}
            shown={formsShown}
            onToggle={() => setFormsChoice(!formsShown)}
          />
        )}
        <div className="forms" id="forms" hidden={!formsShown}>
          <DataPanel engine={engine} state={state} dispatch={dispatch} hasRun={hasRun} seed={settings.seed} />
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
        <WatchPanel engine={engine} state={state} />
        {panels.includes('feedback') && 'feedback' in settings && (
          <FeedbackPanel engine={engine} state={state} settings={settings} />
        )}
        {panels.includes('explorer') && <ExplorerPanel engine={engine} state={state} dispatch={dispatch} />}
        <SamplesPanel engine={engine} state={state} dispatch={dispatch} />
        <ReportPanel engine={engine} state={state} />
        <VerdictsPanel engine={engine} state={state} seed={settings.seed} dispatch={dispatch} />
      </main>
    </>
  );
}

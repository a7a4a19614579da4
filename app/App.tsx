import { useState } from 'react';
import { describeModel, MODEL_DESCRIPTIONS, type TrainingSettings } from '../src/api';
import { DataPanel } from './components/DataPanel';
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
  const panels = describeModel(settings.model)!.panels;
  const hasRun = state.progress.status !== 'idle';
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
          <DataPanel engine={engine} state={state} dispatch={dispatch} hasRun={hasRun} />
          <ModelPanel
            engine={engine}
            settings={settings}
            onChange={setSettings}
            locked={hasRun}
            table={state.table}
          />
        </div>
        <TrainingPanel engine={engine} state={state} settings={settings} dispatch={dispatch} />
        <WatchPanel engine={engine} state={state} />
        {panels.includes('feedback') && 'feedback' in settings && (
          <FeedbackPanel engine={engine} state={state} settings={settings} />
        )}
        <SamplesPanel engine={engine} state={state} dispatch={dispatch} />
        <ReportPanel engine={engine} state={state} />
        <VerdictsPanel engine={engine} state={state} seed={settings.seed} dispatch={dispatch} />
      </main>
    </>
  );
}

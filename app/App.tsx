import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  carryOver,
  derivedSettings,
  describeModel,
  MODEL_DESCRIPTIONS,
  tableFacts,
  valueAt,
  findPreset,
  type ModelId,
  type RunSetup,
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
import {
  ProjectorButton,
  ProjectorContext,
  PROJECTOR_HIDES,
  useProjector,
} from './components/classroom/projector';
import { GuidePicker, LessonBar, type Guide } from './components/classroom/LessonBar';
import { ShareLink } from './components/classroom/ShareLink';
import { ShortcutSheet } from './components/classroom/ShortcutSheet';
import { CompareView } from './components/compare/CompareView';
import { RunsMenu } from './components/runs/RunsMenu';
import { findLesson } from './lessons';
import { fetchDemoRun, openRecord } from './savedRuns';
import { readLink, setupLink, withLinkValues, type RunLink, type Section } from './runLink';
import { useShortcuts } from './shortcuts';
import { useEngine, useRunView } from './useEngine';
import { usePrepare } from './usePrepare';

export function App() {
  const { engine, state, dispatch, tableCalls } = useEngine();
  const [settings, setSettings] = useState<TrainingSettings>(MODEL_DESCRIPTIONS[0].defaults);
  /** Why each derived setting has its value, for the loaded table; empty before a table loads. */
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [derivedFor, setDerivedFor] = useState<string | null>(null);
  // A link's run (app/runLink.ts) waits for its table (any table when it names none), then applies once.
  const [link, setLink] = useState<RunLink | null>(() =>
    window.location.hash ? readLink(window.location.hash) : null,
  );
  const [wanted, setWanted] = useState(link?.table ? { file: link.table } : null);
  const [hidden, setHidden] = useState<Section[]>(link?.hide ?? []);
  // `trained=1`: the link's demo opens on its trained run once the table is in (app/savedRuns.ts); the
  // run file is fetched meanwhile.
  const [trainedDemo] = useState(() =>
    link?.trained && link.table ? { table: link.table, run: fetchDemoRun(link.table) } : null,
  );
  const trainedOpened = useRef(false);
  const [guide, setGuide] = useState<Guide>(() => {
    const lesson = link?.lesson && findLesson(link.lesson.id);
    return lesson
      ? { kind: 'lesson', lesson, page: Math.min(link.lesson!.page, lesson.pages.length - 1) }
      : null;
  });
  const projector = useProjector();
  const shows = (section: Section) =>
    !hidden.includes(section) && !(projector.on && PROJECTOR_HIDES.includes(section));
  const panels = describeModel(settings.model)!.panels;
  const hasRun = state.progress.status !== 'idle';
  const { table } = state;
  // What the panels below the training panel see of the run: not its every step (see RunView).
  const run = useRunView(state.progress);
  // A newly loaded table gets settings derived from it (the model too), keeping the user's seed and
  // differential privacy; a reason goes with its setting when that carries over unchanged. A link's
  // settings then replace what it sets. The same function until they change: the Model panel redraws
  // only when its props do.
  const derive = useCallback(
    (model?: ModelId, from: RunLink | null = null) => {
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
    },
    [table, settings, dispatch],
  );
  const tableKey = table && `${table.name}\n${table.rowCount}`;
  if (tableKey !== derivedFor && !hasRun) {
    setDerivedFor(tableKey);
    const linkApplies = link !== null && (link.table === null || link.table === table?.name);
    if (linkApplies) setLink(null);
    derive(undefined, linkApplies ? link : null);
  }
  usePrepare(engine, state.table, settings, !hasRun);
  useEffect(() => {
    if (!engine || !trainedDemo || table?.name !== trainedDemo.table || trainedOpened.current) return;
    trainedOpened.current = true;
    void (async () => {
      const record = await trainedDemo.run;
      if (!record.ok) return dispatch({ type: 'alert', message: record.error });
      const opened = await openRecord(engine, dispatch, table, record.value, null);
      if (!opened.ok) return dispatch({ type: 'alert', message: opened.error });
      setSettings(record.value.checkpoint.settings as TrainingSettings);
    })();
  }, [engine, trainedDemo, table, dispatch]);
  // A lesson page or a preset: the run restarts with what it sets, once its table is in.
  const enter = (setup: RunSetup & { hide?: readonly Section[] }) => {
    if (hasRun) void engine?.reset();
    if (setup.hide) setHidden([...setup.hide]);
    setLink(setupLink(setup));
    setDerivedFor(null);
    if (setup.table && setup.table !== table?.name) setWanted({ file: setup.table });
  };
  const turnTo = (next: Guide) => {
    setGuide(next);
    if (next?.kind === 'lesson') enter(next.lesson.pages[next.page]!.set);
    else if (next?.kind === 'preset') enter(next.preset);
    else setHidden([]);
  };
  const choose = (value: string) => {
    const [kind, id = ''] = value.split(':');
    const lesson = kind === 'lesson' ? findLesson(id) : undefined;
    const preset = kind === 'preset' ? findPreset(id) : undefined;
    turnTo(lesson ? { kind: 'lesson', lesson, page: 0 } : preset ? { kind: 'preset', preset } : null);
  };
  // The forms fold once a table is loaded, unless the user says otherwise: the watching screen.
  const [formsChoice, setFormsChoice] = useState<boolean | null>(null);
  const formsShown = formsChoice ?? state.table === null;
  // Props that keep their identity between progress events, so the memoised bar and link skip them.
  const toggleForms = useCallback(() => setFormsChoice(!formsShown), [formsShown]);
  const lessonAt = useMemo(
    () => (guide?.kind === 'lesson' ? { id: guide.lesson.id, page: guide.page } : null),
    [guide],
  );
  // Two runs side by side, each in a worker of its own (components/compare); the page's run pauses
  // meanwhile, so three runs do not share the processor, and is there again when the comparison ends.
  const [comparing, setComparing] = useState(false);
  const toggleCompare = () => {
    if (!comparing && !table) return;
    if (!comparing && state.progress.status === 'training') void engine?.pause();
    setComparing(!comparing);
  };
  useShortcuts({ c: toggleCompare });

  return (
    <>
      <Header engine={engine} backend={state.backend} dispatch={dispatch}>
        <GuidePicker guide={guide} onChoose={choose} />
        <RunsMenu
          engine={engine}
          state={state}
          dispatch={dispatch}
          tableCalls={tableCalls}
          model={settings.model}
          onOpened={setSettings}
        />
        <ShareLink
          table={table?.name ?? null}
          settings={settings}
          hidden={hidden}
          onHidden={setHidden}
          lesson={lessonAt}
        />
        <button
          type="button"
          aria-pressed={comparing}
          disabled={!table}
          aria-label="Compare two runs"
          title="Compare two runs: on this table, same seed, side by side (C)"
          onClick={toggleCompare}
        >
          Compare
        </button>
        <ProjectorButton {...projector} />
        <ShortcutSheet />
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
      <ProjectorContext.Provider value={projector.on}>
        {comparing && table ? (
          <main className="layout watching">
            <CompareView
              table={table}
              settings={settings}
              tableCalls={tableCalls()}
              onEnd={() => setComparing(false)}
            />
          </main>
        ) : (
          <main className={formsShown && shows('forms') ? 'layout' : 'layout watching'}>
            <LessonBar
              guide={guide}
              onPage={(page) => guide?.kind === 'lesson' && turnTo({ ...guide, page })}
              onClose={() => turnTo(null)}
            />
            {state.table && shows('forms') && (
              <FormsBar
                table={state.table}
                settings={settings}
                shown={formsShown}
                onToggle={toggleForms}
                reading={state.reading}
              />
            )}
            <div className="forms" id="forms" hidden={!formsShown || !shows('forms')}>
              <DataPanel
                engine={engine}
                state={state}
                dispatch={dispatch}
                hasRun={hasRun}
                seed={settings.seed}
                wanted={wanted}
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
            {shows('watch') && <WatchPanel engine={engine} run={run} />}
            {shows('feedback') && panels.includes('feedback') && 'feedback' in settings && (
              <FeedbackPanel
                engine={engine}
                run={run}
                table={table}
                backend={state.backend}
                settings={settings}
              />
            )}
            {shows('explorer') && panels.includes('explorer') && (
              <ExplorerPanel engine={engine} run={run} table={table} dispatch={dispatch} />
            )}
            {shows('samples') && (
              <SamplesPanel engine={engine} status={run.status} table={table} dispatch={dispatch} />
            )}
            {shows('report') && <ReportPanel engine={engine} run={run} table={table} />}
            {shows('verdicts') && (
              <VerdictsPanel
                engine={engine}
                run={run}
                table={table}
                seed={settings.seed}
                dispatch={dispatch}
              />
            )}
          </main>
        )}
      </ProjectorContext.Provider>
    </>
  );
}

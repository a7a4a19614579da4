import { useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type {
  BackendInfo,
  EngineEvent,
  LossPoint,
  RunHealth,
  StepRows,
  TableView,
  TrainingProgress,
  TrainingStatus,
} from '../src/api';
import { startEngine, type Engine, type TableCall } from './engineClient';
import { appendDecimated } from './lossSeries';
import { readingProgress } from './readingProgress';
import type { LoaderReport } from './tableLoader';

/** Everything the page knows about the worker, built only from the worker's events and replies. */
export interface EngineState {
  backend: BackendInfo | null;
  table: TableView | null;
  progress: TrainingProgress;
  /** Decimated loss curve of the current run. */
  series: LossPoint[];
  /** The current run's latest health check; null before its first. */
  health: RunHealth | null;
  /**
   * The table being read, from its request until its reply: then a table or a message replaces it.
   * How far it is read is not page state: see readingProgress.ts.
   */
  reading: { name: string } | null;
  /** The latest message the user must see (bad input, divergence); null when dismissed. */
  alert: string | null;
}

/**
 * The run as the panels that follow snapshots rather than steps see it. While it trains, its id and
 * status only: its step changes at every progress event (ten a second), and a panel given the whole
 * progress redrew at each of them, seen or not.
 */
export interface RunView {
  runId: number;
  status: TrainingStatus;
  /** The step while the run stands still (paused, finished, stepped by hand); null while it trains. */
  stillStep: number | null;
  /** The last step by hand's batch, for the live views to mark; null while the run trains on its own. */
  stepRows: StepRows | null;
}

/** `progress` as a RunView: the same object until one of its fields changes. */
export function useRunView(progress: TrainingProgress): RunView {
  const { runId, status } = progress;
  const stillStep = status === 'training' ? null : progress.step;
  // Null throughout training, so the view stays the same object there; it changes with steps by hand.
  const { stepRows } = progress;
  return useMemo(() => ({ runId, status, stillStep, stepRows }), [runId, status, stillStep, stepRows]);
}

export type EngineAction =
  | { type: 'event'; event: EngineEvent }
  | { type: 'table'; table: TableView }
  | { type: 'alert'; message: string | null }
  /** A saved run reopened (app/savedRuns.ts): its progress, curves and health replace the page's. */
  | { type: 'run-opened'; progress: TrainingProgress; series: LossPoint[]; health: RunHealth | null }
  | LoaderReport;

const initialProgress: TrainingProgress = {
  runId: 0,
  status: 'idle',
  step: 0,
  totalSteps: 0,
  stepsPerEpoch: 0,
  elapsedMs: 0,
  stepsPerSecond: 0,
  lossNames: [],
  metricNames: [],
  stages: [],
  stage: 0,
  privacy: null,
  points: [],
  rollbackStep: null,
  preparing: null,
  stepRows: null,
};

export const initialEngineState: EngineState = {
  backend: null,
  table: null,
  progress: initialProgress,
  series: [],
  health: null,
  reading: null,
  alert: null,
};

export function engineReducer(state: EngineState, action: EngineAction): EngineState {
  switch (action.type) {
    case 'table':
      return { ...state, table: action.table, alert: null };
    case 'alert':
      return { ...state, alert: action.message };
    case 'run-opened': {
      const { progress, series, health } = action;
      return { ...state, progress: { ...progress, points: [] }, series, health, alert: null };
    }
    case 'load-started':
      return { ...state, reading: { name: action.name } };
    case 'load-finished': {
      const { result, byUser } = action;
      const done = { ...state, reading: null };
      if (!result.ok) return { ...done, alert: result.error };
      return { ...done, table: result.value, alert: byUser ? null : state.alert };
    }
    case 'event': {
      const event = action.event;
      switch (event.type) {
        case 'backend':
          return { ...state, backend: event.backend };
        case 'alert':
          return { ...state, alert: event.message };
        case 'health':
          // A check can land after a reset's progress: only the current run's counts.
          return event.runId === state.progress.runId ? { ...state, health: event.health } : state;
        case 'parse-progress':
          // Drawn by the progress bar alone (readingProgress.ts): useEngine sends it there.
          return state;
        case 'progress': {
          const { progress } = event;
          const sameRun = progress.runId === state.progress.runId;
          // The same run at an earlier step (rolled back, or resumed by a new worker): the curves
          // keep what came before that step.
          const kept = sameRun ? state.series.filter((p) => p.step <= progress.step) : [];
          const series = appendDecimated(kept, progress.points);
          return { ...state, progress, series, health: sameRun ? state.health : null };
        }
        case 'checkpoint':
        case 'backend-failed':
          // Handled by the engine client (app/engineClient.ts): it resumes from the checkpoint after a
          // crash, and moves the run to another backend after a failure.
          return state;
      }
    }
  }
}

/** Starts the worker once for the page's lifetime and keeps its state. */
export function useEngine(): {
  engine: Engine | null;
  state: EngineState;
  dispatch: (a: EngineAction) => void;
  /** The calls that made the loaded table (see startEngine); read in handlers, not while rendering. */
  tableCalls: () => TableCall[];
} {
  const [state, dispatch] = useReducer(engineReducer, initialEngineState);
  const [engine, setEngine] = useState<Engine | null>(null);
  const calls = useRef<() => TableCall[]>(() => []);
  useEffect(() => {
    // The worker is an external system: it exists only between mount and unmount. It starts after
    // the first paint, so its 2 MB of script (tfjs) does not compete with the page's own.
    let started: ReturnType<typeof startEngine> | null = null;
    let timer = 0;
    const frame = requestAnimationFrame(() => {
      timer = window.setTimeout(() => {
        started = startEngine((event) =>
          event.type === 'parse-progress'
            ? readingProgress.report(event.name, event.fraction)
            : dispatch({ type: 'event', event }),
        );
        calls.current = started.tableCalls;
        setEngine(() => started!.engine);
      });
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
      setEngine(null);
      calls.current = () => [];
      started?.stop();
    };
  }, []);
  return { engine, state, dispatch, tableCalls: () => calls.current() };
}

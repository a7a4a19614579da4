import { useEffect, useRef, useState } from 'react';
import type { ExplorerAnswers, ExplorerStatus } from '../../../src/api';
import type { Engine } from '../../engineClient';
import type { RunView } from '../../useEngine';

/** The answers are asked for on this many rows: the same fixed asks as the export. */
export const ANSWER_ROWS = 1_000;
/**
 * While training, the figures are refreshed after waiting COST_FACTOR times as long as the last refresh
 * took, within these bounds, so refreshing never takes more than a few percent of the worker's time.
 */
const REFRESH_MS = { min: 3_000, max: 30_000 } as const;
const COST_FACTOR = 20;

export interface ExplorerView {
  status: ExplorerStatus | null;
  answers: ExplorerAnswers | null;
  error: string | null;
}

const EMPTY: ExplorerView = { status: null, answers: null, error: null };

/**
 * The forest's figures and the answers on the fixed asks for the current run: once when a run appears or
 * a step is taken while still, and every few seconds while it trains. A new run starts afresh.
 */
export function useExplorer(engine: Engine | null, run: RunView): ExplorerView {
  const { runId, status } = run;
  const stepWhenStill = run.stillStep ?? -1;
  const [view, setView] = useState<ExplorerView & { runId: number }>({ ...EMPTY, runId });
  const inFlight = useRef(false);

  useEffect(() => {
    if (!engine || status === 'idle') return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const refresh = async () => {
      if (stopped) return;
      if (inFlight.current) {
        timer = setTimeout(() => void refresh(), 200);
        return;
      }
      inFlight.current = true;
      const start = performance.now();
      try {
        const explorerStatus = await engine.explorerStatus();
        const answers = explorerStatus.kind === 'ready' ? await engine.explorerAnswers(ANSWER_ROWS) : null;
        if (stopped) return;
        setView({
          runId,
          status: explorerStatus,
          answers: answers?.ok ? answers.value : null,
          error: answers && !answers.ok ? answers.error : null,
        });
      } finally {
        inFlight.current = false;
      }
      if (stopped || status !== 'training') return;
      const delay = Math.min(
        REFRESH_MS.max,
        Math.max(REFRESH_MS.min, COST_FACTOR * (performance.now() - start)),
      );
      timer = setTimeout(() => void refresh(), delay);
    };
    void refresh();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [engine, status, runId, stepWhenStill]);

  return view.runId === runId && status !== 'idle' ? view : EMPTY;
}

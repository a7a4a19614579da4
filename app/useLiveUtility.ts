import { useEffect, useRef, useState } from 'react';
import type { LiveUtilityPoint, UtilityApi } from '../src/api';
import type { Engine } from './engineClient';
import type { RunView } from './useEngine';
import { startUtilityWorker, type WorkerClient } from './feedbackClients';

/**
 * How often the live utility is measured while training: after each measurement, wait COST_FACTOR times
 * as long as it took (sample, transfers and fit, wall time), within these bounds. At most 1/COST_FACTOR
 * of the time goes to it, so training keeps over 90% of its speed even when it competes with it for the
 * same core (measured by tools/bench/dsfganLive.ts); a busy machine, where everything takes longer,
 * measures less often by itself.
 */
export const LIVE_INTERVAL_MS = { min: 2_000, max: 30_000 } as const;
const COST_FACTOR = 25;
/** The curve keeps the latest points only: at one point per interval, the last ten minutes. */
const MAX_POINTS = 300;

export interface LiveUtility {
  points: LiveUtilityPoint[];
  error: string | null;
}

interface Stored extends LiveUtility {
  runId: number;
}

/**
 * Held-out utility of the current run's rows, measured while it trains (and once more when it stops),
 * for as long as `enabled`. A new run starts a new curve.
 */
export function useLiveUtility(engine: Engine | null, run: RunView, enabled: boolean): LiveUtility {
  const { runId, status } = run;
  // While paused, each Step is a new state worth one measurement; while training, the timer decides.
  const stepWhenStill = run.stillStep ?? -1;
  const [stored, setStored] = useState<Stored>({ runId, points: [], error: null });
  const worker = useRef<WorkerClient<UtilityApi> | null>(null);
  const inFlight = useRef(false);

  useEffect(() => {
    if (!engine || !enabled || status === 'idle') return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const measure = async () => {
      if (stopped) return;
      // The previous effect's measurement is still out: this one follows it.
      if (inFlight.current) {
        timer = setTimeout(() => void measure(), 200);
        return;
      }
      inFlight.current = true;
      const start = performance.now();
      try {
        worker.current ??= startUtilityWorker((message) => setStored((s) => ({ ...s, error: message })));
        const sample = await engine.utilitySample();
        const scored = sample.ok ? await worker.current.api.score(sample.value) : sample;
        setStored((s) => {
          const points = s.runId === runId ? s.points : [];
          if (!scored.ok) return { runId, points, error: scored.error };
          if (points.at(-1)?.step === scored.value.step) return { runId, points, error: null };
          return { runId, points: [...points, scored.value].slice(-MAX_POINTS), error: null };
        });
      } finally {
        inFlight.current = false;
      }
      if (stopped || status !== 'training') return;
      const cost = COST_FACTOR * (performance.now() - start);
      const delay = Math.min(LIVE_INTERVAL_MS.max, Math.max(LIVE_INTERVAL_MS.min, cost));
      timer = setTimeout(() => void measure(), delay);
    };
    // Once now (a Step, a pause or the end of training shows the latest rows), then again and again while
    // training, each measurement scheduling the next.
    void measure();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [engine, enabled, status, runId, stepWhenStill]);

  useEffect(
    () => () => {
      worker.current?.stop();
      worker.current = null;
    },
    [],
  );

  return stored.runId === runId ? stored : { points: [], error: null };
}

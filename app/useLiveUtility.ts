import { useEffect, useRef, useState } from 'react';
import type { TrainingProgress } from '../src/worker/protocol';
import type { LiveUtilityPoint } from '../src/worker/utilityProtocol';
import type { UtilityApi } from '../src/worker/utilityProtocol';
import type { Engine } from './engineClient';
import { startUtilityWorker, type WorkerClient } from './feedbackClients';

/**
 * How often the live utility is measured while training. Each measurement costs the training worker only
 * the generation of LIVE_SAMPLE rows (milliseconds); the fitting runs in the utility worker. Measured in
 * tools/bench/dsfgan-live.ts: at this interval training keeps ≥ 90% of its speed.
 */
export const LIVE_INTERVAL_MS = 2_000;
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
export function useLiveUtility(
  engine: Engine | null,
  progress: TrainingProgress,
  enabled: boolean,
): LiveUtility {
  const { runId, status } = progress;
  // While paused, each Step is a new state worth one measurement; while training, the timer decides.
  const stepWhenStill = status === 'training' ? -1 : progress.step;
  const [stored, setStored] = useState<Stored>({ runId, points: [], error: null });
  const worker = useRef<WorkerClient<UtilityApi> | null>(null);
  const inFlight = useRef(false);

  useEffect(() => {
    if (!engine || !enabled || status === 'idle') return;
    const measure = async () => {
      if (inFlight.current) return;
      inFlight.current = true;
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
    };
    // Once now (a Step, a pause or the end of training shows the latest rows), then on a timer while training.
    void measure();
    if (status !== 'training') return;
    const timer = setInterval(() => void measure(), LIVE_INTERVAL_MS);
    return () => clearInterval(timer);
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

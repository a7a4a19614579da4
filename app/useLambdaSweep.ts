import * as Comlink from 'comlink';
import { useEffect, useRef, useState } from 'react';
import type {
  BackendName,
  FeedbackTrainingSettings,
  FrontierScores,
  SweepApi,
  SweepEvent,
  SweepPoint,
} from '../src/api';
import type { Engine } from './engineClient';
import { startSweepWorker, type WorkerClient } from './feedbackClients';

export type SweepStatus = 'idle' | 'running' | 'cancelling' | 'finished' | 'cancelled' | 'failed';

export interface SweepState {
  status: SweepStatus;
  reference: FrontierScores | null;
  points: SweepPoint[];
  /** Runs whose loss stopped being a number, so they have no point. */
  diverged: { lambda: number; step: number }[];
  /** The run in progress: which λ, and how far. */
  current: { lambda: number; run: number; runs: number; step: number; steps: number } | null;
  error: string | null;
}

const IDLE: SweepState = {
  status: 'idle',
  reference: null,
  points: [],
  diverged: [],
  current: null,
  error: null,
};

export function sweepReducer(state: SweepState, event: SweepEvent): SweepState {
  switch (event.type) {
    case 'reference':
      return { ...state, reference: event.reference };
    case 'progress': {
      const { lambda, run, runs, step, steps } = event;
      return { ...state, current: { lambda, run, runs, step, steps } };
    }
    case 'point':
      return { ...state, points: [...state.points, event.point] };
    case 'diverged':
      return { ...state, diverged: [...state.diverged, { lambda: event.lambda, step: event.step }] };
  }
}

/**
 * The λ sweep, run in its own worker so the user's run keeps its model and its place. A new sweep
 * replaces the last one's points; a cancelled sweep keeps the points it finished.
 */
export function useLambdaSweep(
  engine: Engine | null,
  backend: BackendName | null,
): {
  sweep: SweepState;
  run: (settings: FeedbackTrainingSettings, lambdas: number[], steps: number) => Promise<void>;
  cancel: () => void;
} {
  const [sweep, setSweep] = useState<SweepState>(IDLE);
  const worker = useRef<{ client: WorkerClient<SweepApi>; backend: BackendName } | null>(null);

  useEffect(
    () => () => {
      worker.current?.client.stop();
      worker.current = null;
    },
    [],
  );

  const fail = (error: string) => setSweep((s) => ({ ...s, status: 'failed', current: null, error }));

  const run = async (settings: FeedbackTrainingSettings, lambdas: number[], steps: number) => {
    if (!engine || !backend) return;
    setSweep({ ...IDLE, status: 'running' });
    const packed = await engine.sweepTable();
    if (!packed.ok) return fail(packed.error);
    if (worker.current?.backend !== backend) {
      worker.current?.client.stop();
      const client = startSweepWorker(fail);
      worker.current = { client, backend };
      await client.api.init(backend);
    }
    const onEvent = Comlink.proxy((event: SweepEvent) => setSweep((s) => sweepReducer(s, event)));
    // The table's bytes move on to the sweep worker without a copy on the main thread.
    const request = Comlink.transfer({ packed: packed.value, settings, lambdas, steps }, [
      packed.value.json.buffer,
    ]);
    const outcome = await worker.current.client.api.run(request, onEvent);
    if (!outcome.ok) return fail(outcome.error);
    setSweep((s) => ({ ...s, status: outcome.value, current: null }));
  };

  const cancel = () => {
    if (sweep.status !== 'running') return;
    setSweep((s) => ({ ...s, status: 'cancelling' }));
    void worker.current?.client.api.cancel();
  };

  return { sweep, run, cancel };
}

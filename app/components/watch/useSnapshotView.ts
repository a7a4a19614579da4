import { useEffect, useRef, useState } from 'react';
import type { Result } from '../../../src/api';
import type { Engine } from '../../engineClient';

/** How often the page asks for a newer snapshot while training: a few times a second reads as live. */
const POLL_MS = 500;

/** A view of one verdict snapshot, as the worker builds it. */
interface SnapshotView {
  snapshot: { id: number };
}

/**
 * A view of the latest snapshot of the fixed batch (the per-column views, the discriminator's map).
 * While training it asks every POLL_MS, and once at every change of the run's status or `moment`; the
 * worker answers null when it has nothing newer, so a view is built and sent only once per snapshot.
 * A new run starts from nothing; `ask` null asks nothing (a view not on screen).
 */
export function useSnapshotView<V extends SnapshotView>(
  engine: Engine | null,
  runId: number,
  status: string,
  /** Asked again when it changes: a Take snapshot while paused, or the step count when not training. */
  moment: string,
  ask: ((engine: Engine, known: number | null) => Promise<Result<V | null>>) | null,
): V | null {
  return useSnapshotState(engine, runId, status, moment, ask).view;
}

/**
 * The same, with why there is no view when the worker said why (a model without a fixed batch, such
 * as the black-box explorer): the page says so rather than "press Train" after training.
 */
export function useSnapshotState<V extends SnapshotView>(
  engine: Engine | null,
  runId: number,
  status: string,
  moment: string,
  ask: ((engine: Engine, known: number | null) => Promise<Result<V | null>>) | null,
): { view: V | null; failure: string | null } {
  const [view, setView] = useState<{ runId: number; view: V } | null>(null);
  const [failure, setFailure] = useState<{ runId: number; message: string } | null>(null);
  const known = useRef<number | null>(null);
  const asking = useRef(false);
  const shown = ask !== null;
  useEffect(() => {
    if (!engine || !ask || status === 'idle') return;
    let live = true;
    known.current = view?.runId === runId ? view.view.snapshot.id : null;
    const poll = async () => {
      // One request at a time: a slow answer is never overtaken by an older one.
      if (asking.current) return;
      asking.current = true;
      try {
        const result = await ask(engine, known.current);
        if (!live) return;
        if (!result.ok) return setFailure({ runId, message: result.error });
        if (!result.value) return;
        known.current = result.value.snapshot.id;
        setView({ runId, view: result.value });
      } finally {
        asking.current = false;
      }
    };
    void poll();
    const timer = status === 'training' ? setInterval(() => void poll(), POLL_MS) : undefined;
    return () => {
      live = false;
      clearInterval(timer);
    };
    // `view` is read for its snapshot id when the run or status changes, not followed; `ask` is
    // followed only for whether there is one (callers pass a new function each render).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [engine, runId, status, moment, shown]);
  return {
    view: view?.runId === runId ? view.view : null,
    failure: failure?.runId === runId && status !== 'idle' ? failure.message : null,
  };
}

import { useEffect, useRef, useState } from 'react';
import type { LiveView } from '../../../src/api';
import type { Engine } from '../../engineClient';

/** How often the page asks for a newer snapshot while training: a few times a second reads as live. */
const POLL_MS = 500;

/**
 * The live views of the latest snapshot of the fixed batch. While training it asks every POLL_MS, and
 * once at every change of the run's status or `moment`; the worker answers null when it has nothing newer, so a
 * view is built and sent only once per snapshot. A new run starts from nothing.
 */
export function useLiveView(
  engine: Engine | null,
  runId: number,
  status: string,
  /** Asked again when it changes: a Take snapshot while paused, or the step count when not training. */
  moment: string,
): LiveView | null {
  const [view, setView] = useState<{ runId: number; view: LiveView } | null>(null);
  const known = useRef<number | null>(null);
  const asking = useRef(false);
  useEffect(() => {
    if (!engine || status === 'idle') return;
    let live = true;
    known.current = view?.runId === runId ? view.view.snapshot.id : null;
    const ask = async () => {
      // One request at a time: a slow answer is never overtaken by an older one.
      if (asking.current) return;
      asking.current = true;
      try {
        const result = await engine.liveView(known.current);
        if (!live || !result.ok || !result.value) return;
        known.current = result.value.snapshot.id;
        setView({ runId, view: result.value });
      } finally {
        asking.current = false;
      }
    };
    void ask();
    const timer = status === 'training' ? setInterval(() => void ask(), POLL_MS) : undefined;
    return () => {
      live = false;
      clearInterval(timer);
    };
    // `view` is read for its snapshot id when the run or status changes, not followed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [engine, runId, status, moment]);
  return view?.runId === runId ? view.view : null;
}

import { useEffect, useReducer, useState } from 'react';
import type { TrainingSettings } from '../../../src/api';
import { replayTable, startEngine, type Engine, type TableCall } from '../../engineClient';
import { engineReducer, initialEngineState, type EngineState } from '../../useEngine';

/**
 * One side of a comparison: its own engine worker, for as long as the side is on screen. The table is
 * built there by replaying the calls that built the page's (no second file pick), then the run is
 * prepared with the side's settings. `ready` once the table is in.
 */
export function useSideRun(
  tableCalls: readonly TableCall[],
  settings: TrainingSettings,
): { engine: Engine | null; state: EngineState; ready: boolean } {
  const [state, dispatch] = useReducer(engineReducer, initialEngineState);
  const [engine, setEngine] = useState<Engine | null>(null);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    // Parse progress is the page's reading bar; a replayed load need not draw it again.
    const started = startEngine((event) => {
      if (event.type !== 'parse-progress') dispatch({ type: 'event', event });
    });
    let live = true;
    void (async () => {
      const table = await replayTable(started.engine, tableCalls);
      if (!live) return;
      if (!table.ok) return dispatch({ type: 'alert', message: table.error });
      dispatch({ type: 'table', table: table.value });
      await started.engine.prepare(settings).catch(() => undefined);
      if (!live) return;
      setEngine(() => started.engine);
      setReady(true);
    })().catch((error: unknown) => live && dispatch({ type: 'alert', message: String(error) }));
    return () => {
      live = false;
      started.stop();
    };
    // One worker per side: a new pair or table mounts new sides (CompareView keys them).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return { engine, state, ready };
}

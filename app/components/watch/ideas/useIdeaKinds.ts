import { useEffect, useState } from 'react';
import type { IdeaKind } from '../../../../src/api';
import type { Engine } from '../../../engineClient';

/**
 * The ideas the current run's model can show (its tabs), asked once per run when it has begun: a model
 * without one shows no tab, and none is shown before the first step.
 */
export function useIdeaKinds(engine: Engine | null, runId: number, status: string): IdeaKind[] {
  const [kinds, setKinds] = useState<{ runId: number; kinds: IdeaKind[] }>({ runId: -1, kinds: [] });
  const started = status !== 'idle';
  useEffect(() => {
    if (!engine || !started) return;
    let live = true;
    void engine.ideaKinds().then(
      (found) => live && setKinds({ runId, kinds: found }),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [engine, runId, started]);
  return started && kinds.runId === runId ? kinds.kinds : [];
}

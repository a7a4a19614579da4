import { useEffect, useRef, useState } from 'react';
import {
  STEP_PHASES,
  type Result,
  type StepPhase,
  type TrainingProgress,
  type TrainingSettings,
} from '../../../src/api';
import type { Engine } from '../../engineClient';

/** How long each sub-step stays on screen: long enough to say it aloud. */
export const SUB_STEP_MS = 700;
/** Worker crashes slow motion rides out before it stops and says so (the client gives up after 3 a minute). */
const MAX_CRASHES = 3;

/**
 * Slow motion: one iteration at a time, sub-step by sub-step (draw → generate → score → update D →
 * update G), each shown for SUB_STEP_MS. The worker does the real work at the two updates: a
 * discriminator-only step (which draws, generates and scores on its way) and a generator-only step.
 */
export function useSlowMotion(
  engine: Engine | null,
  settings: TrainingSettings,
  /** Called with each sub-step as it begins. */
  onPhase: (phase: StepPhase) => void,
  report: (result: Result<TrainingProgress>) => void,
): { running: boolean; start: () => Promise<void>; stop: () => Promise<void> } {
  const [running, setRunning] = useState(false);
  const wanted = useRef(false);
  const loop = useRef<Promise<void> | null>(null);
  // The loop outlives renders: it reads the engine and callbacks of the latest one.
  const latest = useRef({ engine, settings, onPhase, report });
  useEffect(() => {
    latest.current = { engine, settings, onPhase, report };
  });

  const iterate = async () => {
    let crashes = 0;
    while (wanted.current) {
      for (const { phase } of STEP_PHASES) {
        if (!wanted.current) return;
        const { engine, settings, onPhase, report } = latest.current;
        if (!engine) return;
        onPhase(phase);
        const part = phase === 'update-d' ? 'discriminator' : phase === 'update-g' ? 'generator' : null;
        if (part) {
          let result: Result<TrainingProgress>;
          try {
            result = await engine.step(settings, part);
          } catch (error) {
            // The worker died under the step: the engine client has a new one resume the run from
            // its checkpoint, and slow motion goes on with it from a new iteration (unless it keeps dying).
            if (++crashes > MAX_CRASHES) {
              report({ ok: false, error: String(error instanceof Error ? error.message : error) });
              return;
            }
            break;
          }
          if (!result.ok || result.value.status === 'finished') {
            report(result);
            return;
          }
        }
        await new Promise((resolve) => setTimeout(resolve, SUB_STEP_MS));
      }
    }
  };

  const start = async () => {
    if (loop.current) return;
    wanted.current = true;
    setRunning(true);
    loop.current = iterate().finally(() => {
      wanted.current = false;
      loop.current = null;
      setRunning(false);
    });
    await loop.current;
  };
  /** Ends after the sub-step in course; resolves once it has. */
  const stop = async () => {
    wanted.current = false;
    await loop.current;
  };
  useEffect(
    () => () => {
      wanted.current = false;
    },
    [],
  );
  return { running, start, stop };
}

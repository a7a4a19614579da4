import type { Result, StepPart, TrainingProgress, TrainingSettings, TrainingStatus } from '../../../src/api';
import type { Engine } from '../../engineClient';
import { useShortcuts } from '../../shortcuts';

interface Controls {
  engine: Engine | null;
  settings: TrainingSettings;
  status: TrainingStatus;
  /** Train can go (a table, settings in range). */
  ready: boolean;
  /** Train, or Train more on a finished run: what the Train button does. */
  train: () => Promise<void>;
  /** What the Resume and Pause buttons do (slow motion included); `running`: Pause can go. */
  resume: () => Promise<void>;
  pause: () => Promise<unknown>;
  running: boolean;
  /** The model steps one player at a time: D and G do as Step D and Step G. */
  partSteps: boolean;
  report: (result: Result<TrainingProgress>) => void;
}

/** The training buttons on keys: Space trains, pauses or resumes; S, D, G step; R resets. Each only when its button could. */
export function useTrainingShortcuts({
  engine,
  settings,
  status,
  ready,
  train,
  resume,
  pause,
  running,
  partSteps,
  report,
}: Controls): void {
  const canStep = engine !== null && ready && status !== 'finished';
  const step = (part: StepPart) => () => {
    if (canStep && (part === 'both' || partSteps)) void engine.step(settings, part).then(report);
  };
  useShortcuts({
    ' ': () => {
      if (!engine) return;
      if (running) void pause();
      else if (ready && status === 'paused') void resume();
      else if (ready) void train();
    },
    s: step('both'),
    d: step('discriminator'),
    g: step('generator'),
    r: () => {
      if (engine && status !== 'idle') void engine.reset();
    },
  });
}

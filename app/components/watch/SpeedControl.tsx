import { STEP_PHASES, type StepPhase } from '../../../src/api';

/** Steps per animation frame, or slow motion (one sub-step at a time, driven by the page). */
export type Speed = { kind: 'paced'; stepsPerFrame: number | null } | { kind: 'slow' };

const SPEEDS: { value: string; label: string; speed: Speed }[] = [
  { value: 'full', label: 'Full speed', speed: { kind: 'paced', stepsPerFrame: null } },
  { value: '10', label: '10 steps a frame', speed: { kind: 'paced', stepsPerFrame: 10 } },
  { value: '1', label: '1 step a frame', speed: { kind: 'paced', stepsPerFrame: 1 } },
  { value: 'slow', label: 'Slow motion', speed: { kind: 'slow' } },
];

const valueOf = (speed: Speed) =>
  speed.kind === 'slow' ? 'slow' : speed.stepsPerFrame === null ? 'full' : String(speed.stepsPerFrame);

/** The speed chooser, and in slow motion the sub-step being done, announced as it begins. */
export function SpeedControl({
  speed,
  onSpeed,
  canSlow,
  subStep,
}: {
  speed: Speed;
  onSpeed: (speed: Speed) => void;
  /** Slow motion is offered for a model that steps one player at a time (its sub-steps are those steps). */
  canSlow: boolean;
  /** The sub-step slow motion is doing; null when it is not running. */
  subStep: StepPhase | null;
}) {
  const at = STEP_PHASES.findIndex((p) => p.phase === subStep);
  return (
    <div className="speed-control">
      <label>
        Speed{' '}
        <select
          value={valueOf(speed)}
          onChange={(event) => onSpeed(SPEEDS.find((s) => s.value === event.target.value)!.speed)}
        >
          {SPEEDS.filter((s) => canSlow || s.speed.kind !== 'slow').map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
      </label>
      <p className="sub-step" role="status" aria-label="Sub-step">
        {at >= 0 ? `${at + 1} of ${STEP_PHASES.length}: ${STEP_PHASES[at]!.label}` : ''}
      </p>
    </div>
  );
}

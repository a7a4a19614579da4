import type { StepPart } from '../../../src/api';

const PARTS: { part: Exclude<StepPart, 'both'>; label: string; name: string; help: string }[] = [
  {
    part: 'discriminator',
    label: 'Step D',
    name: 'Step the discriminator only',
    help: 'One discriminator update on the next batch; the generator stays as it is.',
  },
  {
    part: 'generator',
    label: 'Step G',
    name: 'Step the generator only',
    help: 'One generator update; the discriminator stays as it is.',
  },
];

/** One player's half of a step, to watch each move on its own (the loss chart gains only its point). */
export function PartSteps({
  disabled,
  onStep,
}: {
  disabled: boolean;
  onStep: (part: Exclude<StepPart, 'both'>) => void;
}) {
  return PARTS.map(({ part, label, name, help }) => (
    <button
      key={part}
      type="button"
      aria-label={name}
      title={help}
      disabled={disabled}
      onClick={() => onStep(part)}
    >
      {label}
    </button>
  ));
}

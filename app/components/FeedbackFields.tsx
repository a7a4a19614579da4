import { LAMBDA_RANGE, type DownstreamKind, type FeedbackSettings } from '../../src/models/dsfgan/feedback';
import type { DsfganTrainingSettings } from '../../src/models/settings';
import type { Engine } from '../engineClient';
import { Field, NumberInput, ONE_NUMBER } from './Field';

interface Props {
  engine: Engine | null;
  settings: DsfganTrainingSettings;
  onChange: (settings: DsfganTrainingSettings) => void;
  /** A model exists: λ still applies live; the downstream model's kind and schedule wait for Reset. */
  locked: boolean;
}

/** The settings only DSF-GAN has, shown when it is chosen. */
export function FeedbackFields({ engine, settings, onChange, locked }: Props) {
  const { feedback } = settings;
  const setFeedback = (next: FeedbackSettings) => onChange({ ...settings, feedback: next });
  const setLambda = (lambda: number) => {
    setFeedback({ ...feedback, lambda });
    // Like the learning rates: the running model takes it at its next step, no reset.
    if (locked) void engine?.setLambda(lambda);
  };
  const refreshSteps = feedback.refresh.kind === 'periodic' ? feedback.refresh.everySteps : 0;

  return (
    <>
      <Field
        label="λ (downstream feedback)"
        hint="0 trains a plain CGAN. Changes apply live, at the next step."
      >
        {(id) => (
          <span className="slider">
            <input
              id={id}
              type="range"
              min={LAMBDA_RANGE.min}
              max={LAMBDA_RANGE.max}
              step={LAMBDA_RANGE.step}
              value={feedback.lambda}
              onChange={(e) => setLambda(Number(e.target.value))}
            />
            <output htmlFor={id}>{feedback.lambda.toFixed(1)}</output>
          </span>
        )}
      </Field>
      <Field
        label="Downstream model"
        hint="Fitted on the real training rows; its loss on generated rows feeds back."
      >
        {(id) => (
          <select
            id={id}
            value={feedback.downstream}
            disabled={locked}
            onChange={(e) => setFeedback({ ...feedback, downstream: e.target.value as DownstreamKind })}
          >
            <option value="mlp">MLP (one hidden layer)</option>
            <option value="linear">Linear (logistic or least squares)</option>
          </select>
        )}
      </Field>
      <Field
        label="Refit downstream every"
        hint="Steps; 0 keeps it frozen. Each refit draws a fresh bootstrap."
      >
        {(id) => (
          <NumberInput
            id={id}
            value={refreshSteps}
            {...ONE_NUMBER}
            onValue={(steps) =>
              setFeedback({
                ...feedback,
                refresh: steps === 0 ? { kind: 'frozen' } : { kind: 'periodic', everySteps: steps },
              })
            }
            disabled={locked}
          />
        )}
      </Field>
    </>
  );
}

import {
  describeModel,
  EPSILON_SERIES,
  formatDelta,
  privacyLabel,
  type PrivacyProgress,
  type Result,
  type TrainingProgress,
  type TrainingSettings,
  type TrainingStatus,
} from '../../src/api';
import type { Engine } from '../engineClient';
import { trainReadiness } from '../trainReadiness';
import { useFocusFollows } from '../useFocusFollows';
import type { EngineAction, EngineState } from '../useEngine';
import { HealthBanner, QualityChart, StoppedEarlyNote } from './HealthPanel';
import { LossChart } from './LossChart';
import { ModelDetailsView } from './ModelDetailsView';
import { PartSteps } from './watch/PartSteps';

interface Props {
  engine: Engine | null;
  state: EngineState;
  settings: TrainingSettings;
  dispatch: (action: EngineAction) => void;
}

const STATUS_TEXT: Record<TrainingStatus, string> = {
  idle: 'Idle',
  training: 'Training',
  paused: 'Paused',
  finished: 'Finished',
};

const NEXT_FOCUS: Record<TrainingStatus, string> = {
  idle: 'train',
  training: 'pause',
  paused: 'resume',
  finished: 'train',
};

export function TrainingPanel({ engine, state, settings, dispatch }: Props) {
  const { progress, table } = state;
  const { status } = progress;
  const { blockers, notes } = trainReadiness(engine !== null, table, settings);
  const ready = blockers.length === 0;
  const report = (result: Result<TrainingProgress>) => {
    if (!result.ok) dispatch({ type: 'alert', message: result.error });
  };
  const epoch = progress.stepsPerEpoch > 0 ? Math.floor(progress.step / progress.stepsPerEpoch) : 0;
  const epochs = progress.stepsPerEpoch > 0 ? progress.totalSteps / progress.stepsPerEpoch : settings.epochs;
  const finished = status === 'finished';
  const train = async () => {
    if (!engine) return;
    // A finished run goes on for as many epochs again as the Model panel plans.
    report(await (finished ? engine.trainMore(settings.epochs) : engine.train(settings)));
  };
  // The button each status leaves to the keyboard: Train → Pause → Resume → Pause …, the end → Train more.
  const focusRow = useFocusFollows(status, NEXT_FOCUS[status]);

  return (
    <section className="panel training-panel" aria-labelledby="training-heading">
      <h2 id="training-heading">Training</h2>
      <div className="buttons" {...focusRow}>
        <button
          data-focus="train"
          type="button"
          className="primary"
          disabled={!ready || (status !== 'idle' && !finished)}
          title={finished ? `Train ${settings.epochs} more epochs, from where the run stopped` : undefined}
          onClick={() => void train()}
        >
          {finished ? 'Train more' : 'Train'}
        </button>
        <button
          data-focus="pause"
          type="button"
          disabled={status !== 'training'}
          onClick={() => void engine?.pause()}
        >
          Pause
        </button>
        <button
          data-focus="resume"
          type="button"
          disabled={!ready || status !== 'paused'}
          onClick={async () => engine && report(await engine.train(settings))}
        >
          Resume
        </button>
        <button
          type="button"
          disabled={!ready || status === 'finished'}
          onClick={async () => engine && report(await engine.step(settings))}
        >
          Step
        </button>
        <PartSteps
          disabled={!ready || status === 'finished'}
          onStep={async (part) => engine && report(await engine.step(settings, part))}
        />
        <button type="button" disabled={!engine || status === 'idle'} onClick={() => void engine?.reset()}>
          Reset
        </button>
        {progress.rollbackStep !== null && (
          <button
            type="button"
            onClick={async () => {
              if (!engine) return;
              dispatch({ type: 'alert', message: null });
              report(await engine.rollBack());
            }}
          >
            Roll back to step {progress.rollbackStep}
          </button>
        )}
        <span className={`status status-${status}`} role="status" aria-label="Training status">
          {STATUS_TEXT[status]}
        </span>
      </div>
      {status !== 'training' && blockers.length + notes.length > 0 && (
        <ul className="train-readiness" aria-label="Before training">
          {blockers.map((text) => (
            <li key={text} className="blocker">
              {text}
            </li>
          ))}
          {notes.map((text) => (
            <li key={text} className="note">
              {text}
            </li>
          ))}
        </ul>
      )}
      {progress.preparing && (
        <p className="preparing" role="status" aria-label="Preparing the model">
          {progress.preparing}
        </p>
      )}
      <progress
        className="training-progress"
        aria-label="Training progress"
        value={progress.step}
        max={Math.max(progress.totalSteps, 1)}
        aria-valuenow={progress.step}
        aria-valuemax={progress.totalSteps}
      />
      <dl className="stats">
        <div>
          <dt>Step</dt>
          <dd>
            Step {progress.step} of {progress.totalSteps}
          </dd>
        </div>
        <div>
          <dt>Epoch</dt>
          <dd>
            {epoch} of {epochs}
          </dd>
        </div>
        <div>
          <dt>Speed</dt>
          <dd>{progress.stepsPerSecond.toFixed(0)} steps/s</dd>
        </div>
        <div>
          <dt>Elapsed</dt>
          <dd>{(progress.elapsedMs / 1000).toFixed(1)} s</dd>
        </div>
        {progress.stages.length > 0 && (
          <div>
            <dt>Stage</dt>
            <dd aria-label="Training stage">
              {progress.stage + 1} of {progress.stages.length}: {progress.stages[progress.stage]?.name}
            </dd>
          </div>
        )}
        {progress.privacy && <PrivacyStat privacy={progress.privacy} />}
      </dl>
      {progress.privacy && status === 'finished' && (
        <p className="privacy-spent" role="note">
          Privacy budget spent: training stopped at {privacyLabel(spentLabel(progress.privacy))} after{' '}
          {progress.step.toLocaleString('en')} steps.
        </p>
      )}
      <HealthBanner health={state.health} />
      <StoppedEarlyNote health={state.health} />
      <div className="charts">
        <LossChart
          lossNames={progress.lossNames}
          metricNames={progress.metricNames}
          stages={progress.stages}
          points={state.series}
        />
        <QualityChart health={state.health} />
      </div>
      {progress.privacy && (
        <p className="hint">
          {EPSILON_SERIES} (dashed, right axis): the privacy the run has spent so far, at δ ={' '}
          {formatDelta(progress.privacy.delta)}. Training stops when it reaches the budget.
        </p>
      )}
      {progress.lossNames.length > 0 &&
        describeModel(settings.model)?.chartNotes?.map((note) => (
          <p key={note} className="hint">
            {note}
          </p>
        ))}
      <ModelDetailsView engine={engine} runId={progress.runId} hasModel={status !== 'idle'} />
    </section>
  );
}

const spentLabel = (p: PrivacyProgress) => ({ epsilon: p.epsilonSpent, delta: p.delta });

/** ε spent so far of the budget, with the mechanism's σ and C. */
function PrivacyStat({ privacy }: { privacy: PrivacyProgress }) {
  return (
    <div>
      <dt>Privacy</dt>
      <dd aria-label="Privacy spent" data-epsilon={privacy.epsilonSpent}>
        ε {privacy.epsilonSpent.toFixed(2)} of {privacy.epsilonBudget.toFixed(2)} (δ ={' '}
        {formatDelta(privacy.delta)}, σ = {privacy.noiseMultiplier.toFixed(2)}, C = {privacy.clipNorm})
      </dd>
    </div>
  );
}

import { useMemo, useRef, useState } from 'react';
import {
  describeModel,
  PART_PHASES,
  STEP_PHASES,
  EPSILON_SERIES,
  formatDelta,
  privacyLabel,
  type PrivacyProgress,
  type Result,
  type StepPhase,
  type TrainingProgress,
  type TrainingSettings,
  type TrainingStatus,
} from '../../src/api';
import type { Engine } from '../engineClient';
import { FullscreenButton } from './classroom/FullscreenButton';
import { useTrainingShortcuts } from './classroom/useTrainingShortcuts';
import { trainReadiness } from '../trainReadiness';
import { useFocusFollows } from '../useFocusFollows';
import { useThrottled } from '../useThrottled';
import type { EngineAction, EngineState } from '../useEngine';
import { EndedOnBestNote, HealthBanner, QualityChart, StoppedEarlyNote } from './HealthPanel';
import { CHART_INTERVAL_MS, LossChart } from './LossChart';
import { ModelDetailsView } from './ModelDetailsView';
import { ModelPictureView } from './watch/ModelPictureView';
import { PartSteps } from './watch/PartSteps';
import { SpeedControl, type Speed } from './watch/SpeedControl';
import { useSlowMotion } from './watch/useSlowMotion';

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

const EVERY_PHASE = STEP_PHASES.map((p) => p.phase);

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
  // Built once per settings, so the picture's memo holds across progress events.
  const picture = useMemo(() => describeModel(settings.model)?.picture?.(settings as never), [settings]);
  // Every family is pictured; only those that step one player at a time (picture.test.ts holds them to
  // it) offer Step D, Step G and slow motion: the explorer and PPO-GAN would only answer with an error.
  const partSteps = describeModel(settings.model)?.onePlayerSteps === true;
  // The step stats follow every progress event (10 a second); the curves and the picture's figures
  // need not, and they are the costly part of a redraw.
  const series = useThrottled(state.series, CHART_INTERVAL_MS);
  // The sub-steps the last Step did stay lit until the next; while training runs, all of them are.
  const [stepped, setStepped] = useState<readonly StepPhase[]>([]);
  const [subStep, setSubStep] = useState<StepPhase | null>(null);
  const slow = useSlowMotion(
    engine,
    settings,
    (phase) => {
      setStepped([phase]);
      setSubStep(phase);
    },
    report,
  );
  const lit = status === 'training' ? EVERY_PHASE : status === 'idle' && !slow.running ? [] : stepped;
  const [speed, setSpeed] = useState<Speed>({ kind: 'paced', stepsPerFrame: null });
  const slowChosen = speed.kind === 'slow' && partSteps;
  const train = async () => {
    if (!engine) return;
    if (slowChosen) {
      // Train more in slow motion: the epochs are planned (the bar's end moves at once), then stepped.
      if (finished) {
        const planned = await engine.planMore(settings.epochs);
        report(planned);
        if (!planned.ok) return;
      }
      return slow.start();
    }
    // Once it pauses, no part is lit: the picture shows no stale sub-step.
    setStepped([]);
    // A finished run goes on for as many epochs again as the Model panel plans, at the chosen pace.
    report(await (finished ? engine.trainMore(settings.epochs) : engine.train(settings)));
  };
  const resume = async () => {
    if (!engine) return;
    if (slowChosen) return slow.start();
    setStepped([]);
    report(await engine.train(settings));
  };
  const changeSpeed = async (next: Speed) => {
    setSpeed(next);
    if (!engine) return;
    if (next.kind === 'paced') {
      await engine.setPace(next.stepsPerFrame);
      // From slow motion to a pace: training goes on at that pace.
      if (slow.running) {
        await slow.stop();
        report(await engine.train(settings));
      }
    } else if (status === 'training') {
      await engine.pause();
      void slow.start();
    }
  };
  // The button each status leaves to the keyboard: Train → Pause → Resume → Pause …, the end → Train more.
  const focusRow = useFocusFollows(
    slow.running ? 'slow' : status,
    slow.running ? 'pause' : NEXT_FOCUS[status],
  );
  const pause = () => (slow.running ? slow.stop() : (engine?.pause() ?? Promise.resolve()));
  useTrainingShortcuts({
    engine,
    settings,
    status,
    ready,
    train,
    resume,
    pause,
    running: status === 'training' || slow.running,
    partSteps,
    report,
  });
  const charts = useRef<HTMLDivElement>(null);

  return (
    <section className="panel training-panel" aria-labelledby="training-heading">
      <h2 id="training-heading">Training</h2>
      <div className="buttons" {...focusRow}>
        <button
          data-focus="train"
          type="button"
          className="primary"
          disabled={!ready || (status !== 'idle' && !finished) || slow.running}
          title={finished ? `Train ${settings.epochs} more epochs, from where the run stopped` : undefined}
          onClick={() => void train()}
        >
          {finished ? 'Train more' : 'Train'}
        </button>
        <button
          data-focus="pause"
          type="button"
          disabled={status !== 'training' && !slow.running}
          onClick={() => void pause()}
        >
          Pause
        </button>
        <button
          data-focus="resume"
          type="button"
          disabled={!ready || status !== 'paused' || slow.running}
          onClick={() => void resume()}
        >
          Resume
        </button>
        <button
          type="button"
          disabled={!ready || status === 'finished' || slow.running}
          onClick={async () => {
            if (!engine) return;
            setStepped(EVERY_PHASE);
            report(await engine.step(settings));
          }}
        >
          Step
        </button>
        {partSteps && (
          <PartSteps
            disabled={!ready || status === 'finished' || slow.running}
            onStep={async (part) => {
              if (!engine) return;
              setStepped(PART_PHASES[part]);
              report(await engine.step(settings, part));
            }}
          />
        )}
        <button
          type="button"
          disabled={!engine || status === 'idle'}
          onClick={async () => {
            await slow.stop();
            await engine?.reset();
          }}
        >
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
          {slow.running ? 'Slow motion' : STATUS_TEXT[status]}
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
          <dd aria-label="Steps done">
            {progress.step.toLocaleString('en')} of {progress.totalSteps.toLocaleString('en')}
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
      <div className={picture ? 'picture-stage' : undefined}>
        {picture && (
          <ModelPictureView
            picture={picture}
            lit={lit}
            flowing={status !== 'training'}
            namesKey={[...progress.lossNames, ...progress.metricNames].join('\n')}
            points={series}
          />
        )}
        <SpeedControl
          speed={speed}
          onSpeed={(next) => void changeSpeed(next)}
          canSlow={partSteps}
          subStep={slow.running ? subStep : null}
        />
      </div>
      {progress.privacy && status === 'finished' && (
        <p className="privacy-spent" role="note">
          Privacy budget spent: training stopped at {privacyLabel(spentLabel(progress.privacy))} after{' '}
          {progress.step.toLocaleString('en')} steps.
        </p>
      )}
      <HealthBanner health={state.health} />
      <StoppedEarlyNote health={state.health} />
      <EndedOnBestNote health={state.health} />
      <div className="charts" ref={charts}>
        <FullscreenButton target={charts} name="the charts" />
        <LossChart
          lossNames={progress.lossNames}
          metricNames={progress.metricNames}
          stages={progress.stages}
          points={series}
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

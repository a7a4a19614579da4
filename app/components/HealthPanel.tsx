import type { RunHealth } from '../../src/api';
import { LossCurves } from './LossCurves';

/*
 * How training is going, beyond the losses: a banner when the fixed verdict batch shows collapse or
 * divergence (what happened, since which step, what to try), the note that early stopping ended the
 * run, and the batch's quality curve (src/train/healthMonitor.ts checks it every few epochs).
 */

const SIGNAL_TITLE = {
  distinct: 'Mode collapse',
  coverage: 'Parts of the data are never generated',
  clamp: 'Numbers pile up at the limits',
  classes: 'A rare class is lost',
  divergence: 'Quality is falling',
  quality: 'Low quality',
} as const;

export function HealthBanner({ health }: { health: RunHealth | null }) {
  if (!health || health.problems.length === 0) return null;
  return (
    <div className="health-banner" role="alert" aria-label="Training problem">
      {health.problems.map((p) => (
        <p key={p.id}>
          <strong>
            {SIGNAL_TITLE[p.id]} since step {p.since.toLocaleString('en')}.
          </strong>{' '}
          {p.message} {p.advice}
        </p>
      ))}
    </div>
  );
}

export function StoppedEarlyNote({ health }: { health: RunHealth | null }) {
  const stopped = health?.stoppedEarly;
  if (!stopped || !health.best) return null;
  const { best } = health;
  return (
    <p className="note" role="status" aria-label="Early stopping">
      Stopped early at step {stopped.step.toLocaleString('en')}: the fixed batch's quality had not improved
      for {stopped.patience} epochs since its best, {best.quality.toFixed(3)} at step{' '}
      {best.step.toLocaleString('en')}.{' '}
      {stopped.restored
        ? 'The generator of that step is kept.'
        : 'This model cannot restore that generator: the last one is kept.'}
    </p>
  );
}

export function EndedOnBestNote({ health }: { health: RunHealth | null }) {
  const ended = health?.endedOnBest;
  const last = health?.checks.at(-1)?.quality;
  if (!ended || !health.best) return null;
  const { best } = health;
  return (
    <p className="note" role="status" aria-label="Best generator kept">
      Finished at step {ended.step.toLocaleString('en')}: the fixed batch's best quality was{' '}
      {best.quality.toFixed(3)}, at step {best.step.toLocaleString('en')}
      {last === null || last === undefined ? '' : `, against ${last.toFixed(3)} at the last check`}.{' '}
      {ended.restored
        ? 'The generator of that step is kept: generated rows come from it.'
        : 'This model cannot restore that generator: the last one is kept.'}
    </p>
  );
}

export function QualityChart({ health }: { health: RunHealth | null }) {
  const points = (health?.checks ?? []).map((c) => ({ step: c.step, values: [c.quality ?? NaN], stage: 0 }));
  return (
    <figure className="chart" role="figure" aria-label="Quality" data-point-count={points.length}>
      <figcaption>Quality of the fixed batch</figcaption>
      {points.length === 0 ? (
        <p className="chart-empty">
          While training, the quality score of one fixed batch of generated rows against the training rows,
          every {health?.everySteps ?? 100} steps or more (whole epochs).
        </p>
      ) : (
        <LossCurves
          namesKey="quality"
          metricCount={0}
          points={points}
          label="Quality by step"
          valueTitle="Quality"
        />
      )}
    </figure>
  );
}

import { fail, ok, type Result } from '../data/table';
import { BATCH_SIZE, type VerdictLab } from '../eval/verdicts/verdictLab';
import type {
  PassCount,
  SnapshotInfo,
  VerdictRequest,
  VerdictSample,
  VerdictStatus,
} from './verdictProtocol';

/** What the verdict requests need of the session's current run. */
export interface VerdictRun {
  lab: VerdictLab | null;
  step: number;
  /** The model's name as the chooser shows it. */
  modelLabel: string;
}

const NO_MODEL = 'There is no model yet: press Train or Step first.';
const MAX_INTERVAL = 1_000_000;

/**
 * The `VerdictApi` requests, answered for the session's current run (null before Train or Step).
 * Kept out of session.ts so the session only delegates.
 */
export const verdictEndpoints = {
  async status(run: VerdictRun | null): Promise<VerdictStatus> {
    if (!run) return { kind: 'no-model' };
    const { lab } = run;
    if (!lab) return { kind: 'unsupported', message: unsupported(run) };
    await lab.settled();
    return {
      kind: 'ready',
      scale: lab.scale,
      snapshots: lab.list(),
      everySteps: lab.everySteps,
      poolSize: BATCH_SIZE,
      realRows: lab.realRows,
    };
  },

  async takeSnapshot(run: VerdictRun | null): Promise<Result<SnapshotInfo>> {
    if (!run) return fail(NO_MODEL);
    if (!run.lab) return fail(unsupported(run));
    return ok(await run.lab.snapshot(run.step));
  },

  setSnapshotInterval(run: VerdictRun | null, steps: number): Result<number> {
    if (!Number.isInteger(steps) || steps < 1 || steps > MAX_INTERVAL) {
      return fail(`Snapshots need a whole number of steps from 1 to ${MAX_INTERVAL.toLocaleString('en')}.`);
    }
    if (!run) return fail(NO_MODEL);
    if (!run.lab) return fail(unsupported(run));
    run.lab.setInterval(steps, run.step);
    return ok(steps);
  },

  async verdicts(run: VerdictRun | null, request: VerdictRequest): Promise<Result<VerdictSample>> {
    if (!run) return fail(NO_MODEL);
    if (!run.lab) return fail(unsupported(run));
    return run.lab.sample(request);
  },

  async passCount(run: VerdictRun | null, count: number): Promise<Result<PassCount>> {
    if (!run) return fail(NO_MODEL);
    if (!run.lab) return fail(unsupported(run));
    return run.lab.passCount(count, run.step);
  },
};

function unsupported(run: VerdictRun): string {
  return `The ${run.modelLabel} model has no discriminator to ask, so it gives no verdicts.`;
}

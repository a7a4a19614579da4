import * as tf from '../nn/tf';
import { restoreAdam, saveAdam, type AdamState } from '../nn/adamState';
import { fail, ok, type Result } from '../data/table';
import type { HostState } from '../models/model';
import type { CommonSettings } from '../models/plugin';
import type { Run } from './run';
import type { TrainerState } from './trainer';

/**
 * A run at one step, as plain data (typed arrays survive structured cloning): every model's variables
 * and optimizers through `TrainableModel.state()`, the trainer's place in its epoch and its random
 * streams. A run built again from the same table, settings and held-out share and given it continues
 * exactly as the original would have (src/train/checkpoint.test.ts).
 */
export interface Checkpoint {
  /** The settings in force (live ones as last set): the run to restore into is built from them. */
  settings: CommonSettings;
  step: number;
  elapsedMs: number;
  variables: { shape: number[]; values: Float32Array }[];
  optimizers: AdamState[];
  /** The model's plain state beside its tensors (`ModelState.host`), or null when it keeps none. */
  host: HostState | null;
  trainer: TrainerState;
}

/** Reads a run's state. Call between chunks: the losses of every step taken must have been read. */
export async function takeCheckpoint(run: Run): Promise<Checkpoint> {
  const { variables, optimizers, host } = run.model.state();
  return {
    settings: structuredClone(run.settings),
    step: run.stepsDone,
    elapsedMs: run.elapsedMs,
    variables: await Promise.all(
      variables.map(async (v) => ({ shape: v.shape, values: ((await v.data()) as Float32Array).slice() })),
    ),
    optimizers: await Promise.all(optimizers.map(saveAdam)),
    host: host ? structuredClone(host.saved) : null,
    trainer: run.trainer.state(),
  };
}

/** Puts a checkpoint into a run built from its settings; fails, changing nothing, when they do not fit. */
export async function restoreCheckpoint(run: Run, checkpoint: Checkpoint): Promise<Result<void>> {
  // Prepared first: preparing afterwards would replace the restored surrogate with a freshly distilled one.
  await run.prepare();
  const { variables, optimizers, host } = run.model.state();
  const fits =
    (host === undefined) === (checkpoint.host === null) &&
    variables.length === checkpoint.variables.length &&
    optimizers.length === checkpoint.optimizers.length &&
    variables.every((v, i) => sameShape(v.shape, checkpoint.variables[i]!.shape));
  if (!fits) return fail('The checkpoint does not fit this model: it was taken of another table or model.');
  tf.tidy(() => variables.forEach((v, i) => v.assign(tf.tensor(checkpoint.variables[i]!.values, v.shape))));
  await Promise.all(optimizers.map((o, i) => restoreAdam(o, checkpoint.optimizers[i]!)));
  if (host && checkpoint.host) host.restore(checkpoint.host);
  run.trainer.restore(checkpoint.trainer);
  run.elapsedMs = checkpoint.elapsedMs;
  return ok(undefined);
}

const sameShape = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((n, i) => n === b[i]);

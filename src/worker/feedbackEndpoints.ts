import type { TypedTable } from '../data/schema';
import { fail, ok, type Result } from '../data/table';
import type { TableCodec } from '../encoding/codec';
import { lambdaProblem } from '../models/dsfgan/feedback';
import type { GanModel } from '../models/model';
import type { TrainingSettings } from '../models/settings';
import type { RowSplit } from '../data/split';
import type { Trainer } from '../train/trainer';
import * as Comlink from 'comlink';
import type { PackedSweepTable } from './sweepProtocol';
import { packSweepTable } from './sweepRequest';
import type { UtilitySample } from './utilityProtocol';
import { utilitySample } from './utilitySample';

/** What the feedback requests need of the session's current run. */
export interface FeedbackRun {
  settings: TrainingSettings;
  model: GanModel;
  trainer: Trainer;
  codec: TableCodec;
  split: RowSplit;
  evaluationSeed: number;
}

const NO_MODEL = 'There is no model yet: press Train or Step first.';

/** The `FeedbackApi` requests, answered for the session's run and table; session.ts only delegates. */
export const feedbackEndpoints = {
  /** The run's settings with the new λ, or why it cannot be set; the model takes it at its next step. */
  setLambda(run: FeedbackRun | null, lambda: number): Result<TrainingSettings> {
    const problem = lambdaProblem(lambda);
    if (problem) return fail(problem);
    if (!run) return fail(NO_MODEL);
    if (run.settings.model !== 'dsfgan' || !run.model.setFeedbackWeight)
      return fail('λ weighs downstream feedback, which only DSF-GAN has.');
    run.model.setFeedbackWeight(lambda);
    return ok({ ...run.settings, feedback: { ...run.settings.feedback, lambda } });
  },

  async utilitySample(run: FeedbackRun | null, table: TypedTable | null): Promise<Result<UtilitySample>> {
    if (!run || !table) return fail(NO_MODEL);
    if (run.split.holdout.length === 0) return fail('No rows are held out to test on.');
    return ok(await utilitySample(table, run.split, run.evaluationSeed, run));
  },

  sweepTable(table: TypedTable | null, holdoutShare: number): Result<PackedSweepTable> {
    if (!table) return fail('Load a table first.');
    const packed = packSweepTable({ table: { raw: table.raw, schema: table.schema }, holdoutShare });
    // Marked for transfer: the reply moves the bytes instead of copying them.
    return Comlink.transfer(ok(packed), [packed.json.buffer]);
  },
};

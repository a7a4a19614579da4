import * as Comlink from 'comlink';
import type { TypedTable } from '../data/schema';
import { fail, ok, type Result } from '../data/table';
import type { Run } from '../train/run';
import type { PackedSweepTable } from './sweepProtocol';
import { packSweepTable } from './sweepRequest';
import type { UtilitySample } from './utilityProtocol';
import { utilitySample } from './utilitySample';

const NO_MODEL = 'There is no model yet: press Train or Step first.';

/** The `FeedbackApi` requests, answered for the session's run and table; session.ts only delegates. */
export const feedbackEndpoints = {
  async utilitySample(run: Run | null, table: TypedTable | null): Promise<Result<UtilitySample>> {
    if (!run || !table) return fail(NO_MODEL);
    if (run.split.holdout.length === 0) return fail('No rows are held out to test on.');
    return ok(await utilitySample(table, run));
  },

  sweepTable(table: TypedTable | null, holdoutShare: number): Result<PackedSweepTable> {
    if (!table) return fail('Load a table first.');
    const packed = packSweepTable({ table: { raw: table.raw, schema: table.schema }, holdoutShare });
    // Marked for transfer: the reply moves the bytes instead of copying them.
    return Comlink.transfer(ok(packed), [packed.json.buffer]);
  },
};

import type { TypedTable } from './schema';
import { holdoutCounts, targetStrata } from './split';

/** Fewer training rows than this and a GAN has nothing to learn a distribution from. */
export const MIN_TRAINING_ROWS = 20;

const MISSING = '\u0000missing';

/** Whether a table can be trained on and held out from, with the counts that decide it. */
export interface Readiness {
  /** Rows with a target value that the generator trains on, after the hold-out. */
  trainingRows: number;
  heldOutRows: number;
  /** What stops training, each with the minimum it needs; empty when Train can go. */
  problems: string[];
  /** What training can go on without but the user should know (no held-out rows for the report). */
  notes: string[];
}

export function readiness(table: TypedTable, holdoutShare: number): Readiness {
  const strata = targetStrata(table).filter((s) => s !== MISSING);
  let heldOutRows = 0;
  for (const count of holdoutCounts(strata, holdoutShare).values()) heldOutRows += count;
  const trainingRows = strata.length - heldOutRows;
  const { raw } = table;
  const problems: string[] = [];
  if (trainingRows < MIN_TRAINING_ROWS) {
    problems.push(
      `${raw.name} has ${trainingRows} training row${trainingRows === 1 ? '' : 's'} with a target value` +
        (heldOutRows > 0 ? ` (${heldOutRows} more are held out)` : '') +
        `; training needs at least ${MIN_TRAINING_ROWS}.`,
    );
  }
  const notes: string[] = [];
  if (heldOutRows === 0 && strata.length > 0) {
    notes.push(
      'No row can be held out: a target value needs at least 2 rows to give one to the held-out side, ' +
        'so the report will have no held-out rows to test utility and privacy on.',
    );
  }
  return { trainingRows, heldOutRows, problems, notes };
}

import { settingsProblems, type TableView, type TrainingSettings } from '../src/api';

/** Why Train cannot go yet (each a sentence the user can act on), and what to know before it goes. */
export interface TrainReadiness {
  blockers: string[];
  notes: string[];
}

/** Batch sizes offered when the chosen one does not fit the table, largest first. */
const BATCH_CHOICES = [500, 256, 200, 128, 100, 64, 50, 32, 20, 16, 10, 8, 4, 2];
/** A suggested batch leaves at least this many steps per epoch. */
const STEPS_PER_EPOCH = 4;

export function trainReadiness(
  engineReady: boolean,
  table: TableView | null,
  settings: TrainingSettings,
): TrainReadiness {
  if (!engineReady) return { blockers: ['The engine is starting.'], notes: [] };
  if (!table) return { blockers: ['Load a table to train on.'], notes: [] };
  const blockers = [...table.readiness.problems, ...settingsProblems(settings)];
  const notes = [...table.readiness.notes];
  const batchNote = oversizedBatchNote(settings, table.readiness.trainingRows);
  if (blockers.length === 0 && batchNote) notes.push(batchNote);
  return { blockers, notes };
}

/** A batch larger than the training rows makes every epoch a single step: say so and offer one that fits. */
function oversizedBatchNote(settings: TrainingSettings, trainingRows: number): string | null {
  if (settings.batchSize <= trainingRows) return null;
  const fits = BATCH_CHOICES.find(
    (size) =>
      size * STEPS_PER_EPOCH <= trainingRows &&
      settingsProblems({ ...settings, batchSize: size }).length === 0,
  );
  return (
    `Batch size ${settings.batchSize} is larger than the ${trainingRows} training rows, so each epoch is a ` +
    'single step.' +
    (fits ? ` A batch size of ${fits} gives ${Math.floor(trainingRows / fits)} steps per epoch.` : '')
  );
}

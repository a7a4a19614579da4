import type { ProbeModel } from './backend';
import { inferSchema } from '../data/infer';
import type { TypedTable } from '../data/schema';
import type { Cell } from '../data/table';
import { defaultSettings } from '../models/catalog';
import { createRng } from '../rng';
import { Run } from '../train/run';

/** Rows of the probe's table: enough for a few batches of the default size. */
const PROBE_ROWS = 256;

/**
 * A CGAN of the default size on a random table of a typical demo width, trained through the same run as
 * the user's: the backend probe times real training steps, not a synthetic kernel, because that is what
 * the user will run.
 */
export function makeProbeModel(): ProbeModel {
  const run = Run.create({ table: probeTable(), settings: defaultSettings('cgan'), holdoutShare: 0 });
  if (!run.ok) throw new Error(run.error);
  const limits = { maxMs: 0, maxSteps: 1 };
  return {
    step: async () => {
      await run.value.trainChunk({ ...limits, untilStep: run.value.stepsDone + 1 });
    },
    dispose: () => run.value.dispose(),
  };
}

/** Four numeric columns, two categorical ones of ten levels and a target of three classes (24 + 3 wide). */
function probeTable(): TypedTable {
  const rng = createRng(1);
  const rows: Cell[][] = Array.from({ length: PROBE_ROWS }, () => [
    ...[0, 1, 2, 3].map(() => (rng.next() * 100).toFixed(2)),
    `a${rng.int(10)}`,
    `b${rng.int(10)}`,
    `c${rng.int(3)}`,
  ]);
  const raw = {
    name: 'probe',
    columns: ['n1', 'n2', 'n3', 'n4', 'a', 'b', 'class'],
    rows,
    missingMarker: '',
  };
  const schema = inferSchema(raw);
  if (!schema.ok) throw new Error(schema.error);
  return { raw, schema: schema.value };
}

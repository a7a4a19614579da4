/**
 * A setup of sizes.ts built exactly as the app builds it (parse, infer the schema, the run with the
 * registry's model and codec), so Node and browser figures describe the same work.
 */
import { readFileSync } from 'node:fs';
import { inferSchema } from '../../src/data/infer';
import { parseTableFile } from '../../src/data/load';
import { Run } from '../../src/train/run';
import type { Size } from './sizes';

/** The run of one size on the active backend, training on every row; the caller disposes it. */
export function buildRun(size: Size): Run {
  const name = size.table.split('/').at(-1)!;
  const parsed = parseTableFile(new Uint8Array(readFileSync(size.table)), name);
  if (!parsed.ok) throw new Error(parsed.error);
  const schema = inferSchema(parsed.value);
  if (!schema.ok) throw new Error(schema.error);
  const run = Run.create({
    table: { raw: parsed.value, schema: schema.value },
    settings: size.settings,
    holdoutShare: 0,
  });
  if (!run.ok) throw new Error(run.error);
  return run.value;
}

/** Runs `steps` steps, then reads their losses back in one transfer: the unit every timing here measures. */
export async function stepAndRead(run: Run, steps: number): Promise<void> {
  await run.trainChunk({ maxMs: Infinity, maxSteps: steps, untilStep: Infinity });
}

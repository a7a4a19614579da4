/**
 * A setup of sizes.ts built exactly as the app builds it (parse, infer the schema, the registry's model
 * and codec, the Trainer), so Node and browser figures describe the same work.
 */
import { readFileSync } from 'node:fs';
import { inferSchema } from '../../src/data/infer';
import { parseTableFile } from '../../src/data/load';
import { createModel } from '../../src/models/registry';
import { createRng } from '../../src/rng';
import { Trainer } from '../../src/train/trainer';
import type { Size } from './sizes';

/** Model and trainer of one size on the active backend; the caller disposes both. */
export function buildRun(size: Size) {
  const name = size.table.split('/').at(-1)!;
  const parsed = parseTableFile(new Uint8Array(readFileSync(size.table)), name);
  if (!parsed.ok) throw new Error(parsed.error);
  const schema = inferSchema(parsed.value);
  if (!schema.ok) throw new Error(schema.error);
  const rng = createRng(size.settings.seed);
  const { model, codec } = createModel(size.settings, { raw: parsed.value, schema: schema.value }, rng);
  const rows = codec.encodeRows(parsed.value);
  const trainer = new Trainer(model, rows, size.settings.batchSize, rng.seed());
  return {
    model,
    trainer,
    rowCount: rows.count,
    featureWidth: codec.featureWidth,
    dispose: () => {
      trainer.dispose();
      model.dispose();
    },
  };
}

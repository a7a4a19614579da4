/** A demo table read and typed as the page reads an upload, for engine tests. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { inferSchema } from '../src/data/infer';
import { parseTableFile } from '../src/data/load';
import type { TypedTable } from '../src/data/schema';

export function demoTable(file = 'penguins.csv'): TypedTable {
  const bytes = new Uint8Array(readFileSync(resolve(import.meta.dirname, '../public/demos', file)));
  const raw = parseTableFile(bytes, file);
  if (!raw.ok) throw new Error(raw.error);
  const schema = inferSchema(raw.value);
  if (!schema.ok) throw new Error(schema.error);
  return { raw: raw.value, schema: schema.value };
}

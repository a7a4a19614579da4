/** Small tables for table-GAN's tests (never shipped to users). */
import type { ColumnSchema, NumericColumn, Schema } from '../src/data/schema';
import type { Cell, RawTable } from '../src/data/table';
import { categorical } from './tables';

export const numeric = (name: string, values: Cell[], integer: boolean, decimals: number): NumericColumn => {
  const xs = values.filter((v): v is string => v != null).map(Number);
  return {
    kind: 'numeric',
    name,
    missing: values.length - xs.length,
    min: Math.min(...xs),
    max: Math.max(...xs),
    integer,
    decimals,
  };
};

/** A table of `columns` columns alternating numeric and categorical, the last (categorical) the target. */
export function wideTable(columns: number, rows = 30): { raw: RawTable; schema: Schema } {
  const data: Cell[][] = Array.from({ length: rows }, (_, r) =>
    Array.from({ length: columns }, (_, c) =>
      c % 2 === 0 && c !== columns - 1 ? String((r * (c + 3)) % 17) : ['p', 'q', 'r'][(r + c) % 3]!,
    ),
  );
  const schema: ColumnSchema[] = Array.from({ length: columns }, (_, c) =>
    c % 2 === 0 && c !== columns - 1
      ? numeric(
          `n${c}`,
          data.map((row) => row[c]!),
          true,
          0,
        )
      : categorical(data, c, `c${c}`),
  );
  const raw: RawTable = {
    name: 'wide.csv',
    columns: schema.map((s) => s.name),
    rows: data,
    missingMarker: '',
  };
  return { raw, schema: { columns: schema, target: columns - 1 } };
}

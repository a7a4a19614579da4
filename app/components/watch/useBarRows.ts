import { useEffect, useState } from 'react';
import type { BarRows } from '../../../src/api';
import type { Engine } from '../../engineClient';
import type { BarRef } from './ColumnViews';

/**
 * The rows behind the opened bar, asked again when the snapshot shown changes (the generated rows are
 * the new snapshot's); null while none is opened or the answer is on its way, a message if it failed.
 */
export function useBarRows(
  engine: Engine | null,
  bar: BarRef | null,
  snapshotId: number | null,
): BarRows | string | null {
  const [rows, setRows] = useState<{ key: string; rows: BarRows | string } | null>(null);
  const key = bar && snapshotId !== null ? `${bar.column}:${bar.bin}:${snapshotId}` : null;
  useEffect(() => {
    if (!engine || !bar || snapshotId === null || key === null) return;
    let live = true;
    void engine.barRows({ snapshotId, column: bar.column, bin: bar.bin }).then(
      (result) => live && setRows({ key, rows: result.ok ? result.value : result.error }),
      (error: unknown) => live && setRows({ key, rows: String(error) }),
    );
    return () => {
      live = false;
    };
    // `key` stands for the bar and the snapshot.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [engine, key]);
  if (!bar) return null;
  // While the next snapshot's rows come, the previous ones of the same bar stay.
  return rows && rows.key.startsWith(`${bar.column}:${bar.bin}:`) ? rows.rows : null;
}

import { useEffect } from 'react';
import type { TableView, TrainingSettings } from '../src/api';
import type { Engine } from './engineClient';

/** How long the settings must rest before the worker fits ahead: typing a number is not a new table. */
const SETTLE_MS = 300;

/**
 * While nothing is trained, asks the worker to fit the encoder the current table and settings need,
 * so that pressing Train does not wait for it (CTGAN's modes take seconds on a table like Adult).
 */
export function usePrepare(
  engine: Engine | null,
  table: TableView | null,
  settings: TrainingSettings,
  idle: boolean,
): void {
  useEffect(() => {
    if (!engine || !table || !idle) return;
    // A failure here resurfaces, with its message, when Train builds the model.
    const timer = window.setTimeout(() => void engine.prepare(settings).catch(() => undefined), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [engine, table, settings, idle]);
}

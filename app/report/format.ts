/** How the report writes its numbers, shared by the page and the HTML export. */
import type { Measure } from '../../src/api';

export const score = (v: number): string => v.toFixed(3);

/** A figure that may not be computable: its number, or the words that say so (the reason goes beside it). */
export const NOT_COMPUTABLE = 'not computable';
export const measure = (m: Measure, format: (v: number) => string = score): string =>
  m.ok ? format(m.value) : NOT_COMPUTABLE;

export const percent = (v: number): string => `${(v * 100).toFixed(1)}%`;

/** Numbers in the target's own units (RMSE, MAE): a few significant digits. */
export const amount = (v: number): string =>
  Math.abs(v) >= 1000 ? v.toFixed(0) : String(Number(v.toPrecision(4)));

export const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

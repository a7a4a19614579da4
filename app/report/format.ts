/** How the report writes its numbers, shared by the page and the HTML export. */

export const score = (v: number | null): string => (v === null || !Number.isFinite(v) ? '–' : v.toFixed(3));

export const percent = (v: number): string => `${(v * 100).toFixed(1)}%`;

/** Numbers in the target's own units (RMSE, MAE): a few significant digits. */
export const amount = (v: number): string =>
  !Number.isFinite(v) ? '–' : Math.abs(v) >= 1000 ? v.toFixed(0) : String(Number(v.toPrecision(4)));

export const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** Backend names and reports: plain data, so the page can import them without loading tfjs. */
export const BACKEND_NAMES = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];

export interface BackendProbe {
  name: BackendName;
  /** Median milliseconds of one probe training step, or null when the backend failed. */
  msPerStep: number | null;
  note: string;
}

export interface BackendInfo {
  name: BackendName;
  /** One sentence on why this backend was chosen. */
  reason: string;
  probes: BackendProbe[];
}

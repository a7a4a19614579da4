import * as tf from './tf';

/** The device tfjs's WebGPU backend runs on; only `lost` and `destroy` are used. */
export interface GpuDeviceLike {
  lost: Promise<{ reason?: string; message?: string }>;
  destroy(): void;
}

/** The GPU device under the active backend, or null when the active backend is not WebGPU. */
export function activeGpuDevice(): GpuDeviceLike | null {
  if (tf.getBackend() !== 'webgpu') return null;
  return (tf.backend() as unknown as { device?: GpuDeviceLike }).device ?? null;
}

const watched = new WeakSet<GpuDeviceLike>();

/**
 * Calls `onLost` once if the active backend's GPU device is lost (a driver reset, the GPU unplugged or
 * taken back by the browser). tfjs does not notice: every step after it fails or never ends. Does
 * nothing on a backend without a device.
 */
export function watchGpuDevice(onLost: (message: string) => void): void {
  const device = activeGpuDevice();
  if (!device || watched.has(device)) return;
  watched.add(device);
  void device.lost.then((info) => {
    const why = [info.reason, info.message?.replace(/\.$/, '')].filter(Boolean).join(': ');
    onLost(`WebGPU lost its GPU device${why ? ` (${why})` : ''}`);
  });
}

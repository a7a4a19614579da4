/**
 * Registers every tfjs backend in the browser worker and chooses among them. Imported only by the
 * worker entry: Node tests and tools use the cpu or wasm backend directly.
 */
import * as tf from '../engine/tf';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { fail, ok, type Result } from '../data/table';
import {
  activateBackend,
  BACKEND_NAMES,
  chooseBackend,
  probeBackend,
  type BackendInfo,
  type BackendName,
} from '../engine/backend';
import { makeProbeModel } from '../engine/probe';
import { installWasmKernels } from '../engine/wasmKernels';

// The threaded wasm build breaks in a minified production build (its helper workers throw and
// setBackend hangs): use the single-threaded SIMD build.
tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
});
installWasmKernels();

/** Minimal WebGPU typing: only what is needed to tell a real GPU from a software fallback. */
interface GpuAdapterLike {
  info?: { vendor?: string; architecture?: string; device?: string; isFallbackAdapter?: boolean };
  isFallbackAdapter?: boolean;
}
interface GpuLike {
  requestAdapter(): Promise<GpuAdapterLike | null>;
}

/** A description of the real GPU adapter, or null when there is none or only a software one. */
export async function findRealGpu(): Promise<string | null> {
  const gpu = (navigator as Navigator & { gpu?: GpuLike }).gpu;
  if (!gpu) return null;
  try {
    const adapter = await gpu.requestAdapter();
    if (!adapter) return null;
    const info = adapter.info ?? {};
    if (info.isFallbackAdapter || adapter.isFallbackAdapter || info.architecture === 'swiftshader')
      return null;
    return [info.vendor, info.architecture, info.device].filter(Boolean).join(' ') || 'GPU';
  } catch {
    return null;
  }
}

export async function chooseBrowserBackend(): Promise<BackendInfo> {
  return chooseBackend({
    realGpu: await findRealGpu(),
    candidates: BACKEND_NAMES,
    makeProbe: makeProbeModel,
  });
}

/** The user's own choice: still verified with a real training step before it is trusted. */
export async function switchBrowserBackend(name: BackendName): Promise<Result<BackendInfo>> {
  const previous = tf.getBackend() as BackendName;
  const probe = await probeBackend(name, makeProbeModel, 1);
  if (probe.msPerStep === null) {
    await activateBackend(previous);
    return fail(`Backend ${name} ${probe.note}; staying on ${previous}.`);
  }
  return ok({ name, reason: 'chosen by you', probes: [probe] });
}

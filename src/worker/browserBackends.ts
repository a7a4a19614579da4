/**
 * Registers every tfjs backend in the browser worker and chooses among them. Imported only by the
 * worker entry: Node tests and tools use the cpu or wasm backend directly.
 */
import * as tf from '../nn/tf';
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
  chooseBackend,
  probeCandidates,
  probeBackend,
  verifyBackend,
  type BackendInfo,
  type BackendName,
} from '../nn/backend';
import { makeProbeModel } from '../nn/probe';
import { installWasmKernels } from '../nn/wasmKernels';
import { environmentKey, forgetBackend, readRememberedBackend, rememberBackend } from './backendCache';

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

/** The GPU as WebGPU reports it: `real` is null when there is none or only a software (fallback) one. */
async function inspectGpu(): Promise<{ real: string | null; identity: string }> {
  const gpu = (navigator as Navigator & { gpu?: GpuLike }).gpu;
  if (!gpu) return { real: null, identity: 'no WebGPU' };
  try {
    const adapter = await gpu.requestAdapter();
    if (!adapter) return { real: null, identity: 'no WebGPU adapter' };
    const info = adapter.info ?? {};
    const identity = [info.vendor, info.architecture, info.device].filter(Boolean).join(' ') || 'GPU';
    const fallback =
      info.isFallbackAdapter || adapter.isFallbackAdapter || info.architecture === 'swiftshader';
    return fallback ? { real: null, identity: `${identity} (fallback)` } : { real: identity, identity };
  } catch {
    return { real: null, identity: 'WebGPU failed' };
  }
}

/** What draws WebGL here (e.g. "ANGLE (… SwiftShader …)"), or null without WebGL 2 in this worker. */
function webglRenderer(): string | null {
  try {
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
    if (!gl) return null;
    const debug = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return renderer;
  } catch {
    return null;
  }
}

/**
 * A backend remembered from an earlier visit on the same browser, GPU and app version is verified
 * with one real training step and used (a start-up of a fraction of a second instead of seconds of
 * probing); otherwise every backend that works is timed and the fastest is remembered. A backend in
 * `avoid` (it failed under a run in an earlier worker of the page) is neither used nor timed.
 */
export async function chooseBrowserBackend(avoid: readonly BackendName[]): Promise<BackendInfo> {
  const gpu = await inspectGpu();
  const key = environmentKey(navigator.userAgent, gpu.identity);
  const remembered = await readRememberedBackend(key);
  if (remembered && !avoid.includes(remembered.name)) {
    const check = await verifyBackend(remembered.name, makeProbeModel);
    if (check.msPerStep !== null) {
      return {
        name: remembered.name,
        reason: `${remembered.reason}; remembered from an earlier visit and checked with a training step`,
        probes: [check],
      };
    }
    await forgetBackend();
  }
  const renderer = webglRenderer();
  const candidates = probeCandidates({ realGpu: gpu.real, webglRenderer: renderer });
  const probed = await chooseBackend({ realGpu: gpu.real, candidates, makeProbe: makeProbeModel, avoid });
  const choice =
    renderer && !candidates.includes('webgl')
      ? {
          ...probed,
          reason: `${probed.reason}; WebGL was not timed, it draws in software here (${renderer})`,
        }
      : probed;
  // A stand-in for a backend that failed is not remembered: the next visit tries the usual choice again.
  if (avoid.length === 0) await rememberBackend({ key, name: choice.name, reason: choice.reason });
  return choice;
}

/** The user's own choice: verified with a real training step before it is trusted, then remembered. */
export async function switchBrowserBackend(name: BackendName): Promise<Result<BackendInfo>> {
  const previous = tf.getBackend() as BackendName;
  const probe = await probeBackend(name, makeProbeModel, 1);
  if (probe.msPerStep === null) {
    await activateBackend(previous);
    return fail(`Backend ${name} ${probe.note}; staying on ${previous}.`);
  }
  const key = environmentKey(navigator.userAgent, (await inspectGpu()).identity);
  await rememberBackend({ key, name, reason: 'chosen by you' });
  return ok({ name, reason: 'chosen by you', probes: [probe] });
}

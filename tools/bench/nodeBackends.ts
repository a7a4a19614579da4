/**
 * Backends for benchmarking in Node: wasm and cpu as the tests use them, and WebGPU through Dawn's
 * Node bindings (the `webgpu` package). Dawn needs a Vulkan driver, found through the environment the
 * process starts with (run.ts sets it: SwiftShader here, a GPU's ICD where there is one).
 */
import { fail, ok, type Result } from '../../src/data/table';
import { activateBackend } from '../../src/nn/backend';
import { useNodeBackend } from '../../src/worker/nodeBackends';

export type NodeBenchBackend = 'wasm' | 'cpu' | 'webgpu';

interface AdapterInfoLike {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
}

/** Activates the backend; resolves with a description of the device it runs on. */
export async function startNodeBackend(name: NodeBenchBackend): Promise<Result<string>> {
  if (name !== 'webgpu') {
    await useNodeBackend(name);
    return ok(`Node ${process.version}, ${name}`);
  }
  try {
    const { create, globals } = await import('webgpu');
    Object.assign(globalThis, globals);
    // tfjs's webgpu backend registers itself only if navigator.gpu exists when its module is evaluated.
    const gpu = create([]);
    Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true });
    const adapter = await gpu.requestAdapter();
    if (!adapter) return fail('Dawn found no WebGPU adapter (is a Vulkan driver installed and visible?)');
    const info = (adapter.info ?? {}) as AdapterInfoLike;
    const description =
      [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' ') || 'unknown';
    await import('@tensorflow/tfjs-backend-webgpu');
    if (!(await activateBackend('webgpu'))) return fail(`tfjs could not start WebGPU on ${description}`);
    return ok(`Dawn (webgpu npm package): ${description}`);
  } catch (error) {
    return fail(`WebGPU in Node failed to start: ${String(error)}`);
  }
}

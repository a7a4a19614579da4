/**
 * Runs the engine in Node (tests, benchmarks): the wasm backend (single-threaded SIMD, as in the
 * browser) or the plain cpu backend. tfjs-node is not used: its install downloads a native library.
 */
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { readFile } from 'node:fs/promises';
import { setFlagsFromString } from 'node:v8';
import { fail, ok } from '../data/table';
import { activateBackend, type BackendName } from '../nn/backend';
import * as tf from '../nn/tf';
import { installWasmKernels } from '../nn/wasmKernels';
import type { SessionEnvironment } from './session';

export type NodeBackend = 'wasm' | 'cpu';

export async function useNodeBackend(name: NodeBackend = 'wasm'): Promise<void> {
  // Relaxed SIMD (the fused multiply-add our matrix product uses in the browser) is on by default from
  // Chrome 114 and Node 22; Node 20's V8 has it behind this flag. Without it Node would time and test
  // a kernel the browser no longer runs.
  setFlagsFromString('--experimental-wasm-relaxed-simd');
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  installWasmKernels();
  if (!(await activateBackend(name))) throw new Error(`The ${name} backend does not start in Node.`);
}

/** A session environment for Node: wasm or cpu, and files read from disk. */
export function nodeSessionEnvironment(name: NodeBackend = 'wasm'): SessionEnvironment {
  const info = (backend: BackendName) => ({ name: backend, reason: 'Node', probes: [] });
  return {
    chooseBackend: async (avoid) => {
      const choice = avoid.includes(name) ? (['wasm', 'cpu'] as const).find((b) => !avoid.includes(b)) : name;
      if (!choice) throw new Error(`No backend is left in Node: ${avoid.join(' and ')} failed.`);
      await useNodeBackend(choice);
      return info(choice);
    },
    switchBackend: async (backend) =>
      backend === 'wasm' || backend === 'cpu'
        ? useNodeBackend(backend).then(() => ok(info(backend)))
        : fail(`Backend ${backend} is not available in Node.`),
    fetchBytes: async (path) => new Uint8Array(await readFile(path)),
  };
}

/**
 * WebGPU in Node, through Dawn's bindings (the `webgpu` package), for tests of the GPU path while no
 * GPU is lent. Dawn needs a Vulkan driver: here Debian Chromium's SwiftShader (vitest.config.ts puts its
 * Vulkan loader on LD_LIBRARY_PATH; VK_ICD_FILENAMES may name another driver).
 */
import { existsSync } from 'node:fs';

const SWIFTSHADER = '/usr/lib/chromium/vk_swiftshader_icd.json';

/** Registers tfjs's webgpu backend on Dawn; resolves with why it could not, or null when it did. */
export async function startDawn(): Promise<string | null> {
  process.env.VK_ICD_FILENAMES ??= SWIFTSHADER;
  if (!existsSync(process.env.VK_ICD_FILENAMES)) return `no Vulkan driver at ${process.env.VK_ICD_FILENAMES}`;
  try {
    const { create, globals } = await import('webgpu');
    Object.assign(globalThis, globals);
    // tfjs's webgpu backend registers itself only if navigator.gpu exists when its module loads.
    Object.defineProperty(globalThis, 'navigator', { value: { gpu: create([]) }, configurable: true });
    await import('@tensorflow/tfjs-backend-webgpu');
    return null;
  } catch (error) {
    return `Dawn did not start: ${String(error)}`;
  }
}

import { existsSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

// Dawn (WebGPU in Node: src/models/ctgan/webgpu.test.ts) loads the Vulkan loader by name when it
// starts, before a test could say where it is: Debian's chromium ships one beside its SwiftShader
// driver. Set here, the test workers start with it.
const CHROMIUM_LIBRARIES = '/usr/lib/chromium';
if (!process.env.LD_LIBRARY_PATH && existsSync(CHROMIUM_LIBRARIES))
  process.env.LD_LIBRARY_PATH = CHROMIUM_LIBRARIES;

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'app/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    // Training tests are CPU-heavy; two workers match the 2-core CI machine.
    maxWorkers: 2,
  },
});

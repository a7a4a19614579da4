import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'app/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    // Training tests are CPU-heavy; two workers match the 2-core CI machine.
    maxWorkers: 2,
  },
});

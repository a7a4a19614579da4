import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests against the production build (`vite build`, then `vite preview`), in the system
 * Chromium: `npx playwright install` cannot download browsers on these machines.
 */
// E2E_PORT: another port when 4173 is taken (e.g. by a `vite preview` someone left running).
const port = Number(process.env.E2E_PORT ?? 4173);
const baseURL = `http://127.0.0.1:${port}`;
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Chromium's sandbox refuses to start as root (CI containers run as root).
const asRoot = process.getuid?.() === 0;

export default defineConfig({
  testDir: 'e2e',
  // Training is CPU heavy and the CI machine has 2 cores: one test at a time.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  outputDir: 'test-results',
  use: {
    baseURL,
    browserName: 'chromium',
    headless: true,
    screenshot: 'only-on-failure',
    trace: 'off',
    acceptDownloads: true,
    actionTimeout: 30_000,
    navigationTimeout: 30_000,
    launchOptions: {
      executablePath: chromium,
      args: [
        '--enable-unsafe-webgpu',
        '--disable-quic',
        // Nothing but the page's own origin may be reached: keep the browser's own traffic off too.
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        ...(asRoot ? ['--no-sandbox'] : []),
      ],
    },
  },
  webServer: {
    command: `npx vite preview --port ${port} --strictPort`,
    url: baseURL,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});

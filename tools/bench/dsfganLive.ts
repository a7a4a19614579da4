/**
 * What the live utility figure costs training, in the real app: builds it, serves it, and in headless
 * Chromium trains DSF-GAN on the penguins demo, alternating windows with "Live utility" off and on (the
 * same run, paused and resumed between windows). Prints steps per second in each window and the slowdown
 * with live utility on. The target: less than 10% (LIVE_INTERVAL_MS in app/useLiveUtility.ts sets the
 * cadence; the training worker only generates the rows, the utility worker fits on them).
 *
 * Run: npm run bench:dsfgan-live, or npx tsx tools/bench/dsfganLive.ts [--no-build] [--window 20]
 */
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { chromium, expect } from '@playwright/test';
import playwrightConfig from '../../playwright.config';
import { buildApp, serveApp } from './builtApp';
import { DsfganControls } from '../../e2e/dsfgan';
import { Playground } from '../../e2e/playground';

const OUT = resolve(tmpdir(), 'gan-playground-dsfgan-live');
const PORT = Number(process.env.BENCH_PORT ?? 4194);
const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(name);
  return at < 0 ? fallback : Number(process.argv[at + 1]);
};
const WINDOW_S = arg('--window', 10);
const ROUNDS = arg('--rounds', 6);
const WARM_UP_S = 3;

async function main(): Promise<void> {
  buildApp(OUT);
  const server = await serveApp(PORT, OUT);
  const browser = await chromium.launch(playwrightConfig.use?.launchOptions ?? {});
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(`http://127.0.0.1:${PORT}/`);
    const playground = new Playground(page);
    const dsf = new DsfganControls(page);
    const { training } = playground;
    // Outside the test runner expect waits 5 s by default: too short on a busy 2-core machine.
    await expect(playground.data.summary).toContainText('344 rows', { timeout: 60_000 });
    await expect(page.getByText(/Backend:\s*\w+/)).toBeVisible({ timeout: 120_000 });
    const backend = await page.getByText(/Backend:\s*\w+/).textContent();
    await playground.showForms();
    await dsf.choose();
    await playground.model.epochs.fill('100000');
    const live = page.getByLabel('Live utility', { exact: true });
    const measurements = () => dsf.liveUtilityChart.getAttribute('data-point-count').then(Number);

    await training.trainButton.click();
    await expect(training.status).toHaveText('Training', { timeout: 60_000 });
    await page.waitForTimeout(WARM_UP_S * 1000);
    await training.pauseButton.click();

    const windows: { live: boolean; stepsPerSecond: number; measured: number }[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (const on of [false, true]) {
        await live.setChecked(on);
        await training.resumeButton.click();
        await expect(training.status).toHaveText('Training', { timeout: 60_000 });
        await page.waitForTimeout(WARM_UP_S * 1000);
        const start = {
          step: await training.stepsDone(),
          at: performance.now(),
          measured: await measurements(),
        };
        await page.waitForTimeout(WINDOW_S * 1000);
        const end = {
          step: await training.stepsDone(),
          at: performance.now(),
          measured: await measurements(),
        };
        await training.pauseButton.click();
        await expect(training.status).toHaveText('Paused', { timeout: 60_000 });
        const stepsPerSecond = ((end.step - start.step) / (end.at - start.at)) * 1000;
        windows.push({ live: on, stepsPerSecond, measured: end.measured - start.measured });
        console.log(
          `round ${round + 1}, live utility ${on ? 'on ' : 'off'}: ${stepsPerSecond.toFixed(1)} steps/s` +
            (on ? `, ${end.measured - start.measured} live measurements` : ''),
        );
      }
    }
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const off = windows.filter((w) => !w.live).map((w) => w.stepsPerSecond);
    const on = windows.filter((w) => w.live).map((w) => w.stepsPerSecond);
    // Each round pairs an off window with the on window right after it: on a shared machine whose load
    // drifts, the ratio within a pair is steadier than the ratio of overall means.
    const ratios = on.map((v, i) => v / off[i]!);
    const measured = mean(windows.filter((w) => w.live).map((w) => w.measured));
    console.log(
      `\n${backend}; penguins, DSF-GAN defaults; ${ROUNDS} rounds of ${WINDOW_S} s windows, ` +
        `${measured.toFixed(1)} live measurements per window.\n` +
        `steps/s without live utility: mean ${mean(off).toFixed(1)}, with: ${mean(on).toFixed(1)}; ` +
        `median paired slowdown ${(100 * (1 - median(ratios))).toFixed(1)}% (target: under 10%).`,
    );
  } finally {
    await browser.close();
    server.kill();
  }
}

await main();

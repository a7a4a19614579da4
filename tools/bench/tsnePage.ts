/**
 * The t-SNE map in the real app: builds it, serves it, and in headless Chromium trains briefly on the
 * penguins demo, then computes the verdict map at 240 points (the default) and at 2,000 points while
 * a PerformanceObserver records main-thread long tasks (over 50 ms). Prints the time from "Compute
 * map" to the drawn map and the long tasks seen meanwhile. The page must stay responsive: the map is
 * computed in a worker, so no long task is expected.
 *
 * Run: npm run bench:tsne (after the Node figures), or npx tsx tools/bench/tsnePage.ts [--no-build]
 */
import { chromium, expect, type Page } from '@playwright/test';
import playwrightConfig from '../../playwright.config';
import { buildApp, serveApp } from './builtApp';
import { Playground } from '../../e2e/playground';
import { VerdictsPanel } from '../../e2e/verdicts';

const PORT = Number(process.env.BENCH_PORT ?? 4193);

interface MapFigures {
  label: string;
  points: number;
  seconds: number;
  longTasks: number[];
}

async function main(): Promise<void> {
  buildApp();
  const server = await serveApp(PORT);
  const launch = playwrightConfig.use?.launchOptions ?? {};
  const browser = await chromium.launch(launch);
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    await context.addInitScript(() => {
      const tasks: { start: number; duration: number }[] = [];
      Object.assign(window, { benchLongTasks: tasks });
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries())
          tasks.push({ start: entry.startTime, duration: entry.duration });
      }).observe({ type: 'longtask', buffered: true });
    });
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${PORT}/`);
    const playground = new Playground(page);
    // Outside the test runner expect waits 5 s by default: too short on a busy 2-core machine.
    await expect(playground.data.summary).toContainText('344 rows', { timeout: 60_000 });
    // Training only has to make a model to ask; wasm is this machine's fastest backend (research notes,
    // section 1), and a probe under load may pick a slower one.
    const { header, training } = playground;
    await expect(header.backendText).toBeVisible({ timeout: 60_000 });
    if (!/wasm/.test((await header.backendText.textContent()) ?? '')) {
      await header.backendSelect.selectOption('wasm');
      await expect(header.backendText).toContainText('wasm', { timeout: 60_000 });
    }
    await training.trainButton.click();
    await expect.poll(() => training.stepsDone(), { timeout: 60_000 }).toBeGreaterThan(20);
    await training.pauseButton.click();
    await expect(training.status).toHaveText('Paused', { timeout: 60_000 });
    const verdicts = new VerdictsPanel(page);
    await expect(verdicts.snapshotText).toBeVisible({ timeout: 60_000 });

    const results: MapFigures[] = [];
    results.push(await timeMap(page, verdicts, 'default: 200 real, 20 fooled, 20 rejected', 240, {}));
    // The demo has 275 training rows; threshold 0 counts every generated row as fooled, so the fixed
    // batch supplies the rest of 2,000 points.
    results.push(
      await timeMap(page, verdicts, '2,000: 275 real, 1,725 generated', 2000, {
        Threshold: '0',
        'Real rows': '275',
        'Fooled rows': '1725',
        'Rejected rows': '0',
      }),
    );
    const chromiumVersion = browser.version();
    console.log(`\nt-SNE map in the app (Chromium ${chromiumVersion}, perplexity 30, 500 iterations)`);
    console.log('map | points | Compute map → drawn (s) | main-thread tasks > 50 ms | longest (ms)');
    for (const r of results) {
      const longest = r.longTasks.length > 0 ? Math.max(...r.longTasks).toFixed(0) : '–';
      console.log(`${r.label} | ${r.points} | ${r.seconds.toFixed(2)} | ${r.longTasks.length} | ${longest}`);
    }
  } finally {
    await browser.close();
    server.kill();
  }
}

async function timeMap(
  page: Page,
  verdicts: VerdictsPanel,
  label: string,
  points: number,
  fields: Record<string, string>,
): Promise<MapFigures> {
  for (const [name, value] of Object.entries(fields)) await verdicts.field(name).fill(value);
  const start = await page.evaluate(() => performance.now());
  await verdicts.computeButton.click();
  // Done when the map of this many points is drawn.
  await expect
    .poll(async () => total(await verdicts.counts()), { timeout: 120_000, intervals: [50] })
    .toBe(points);
  const end = await page.evaluate(() => performance.now());
  const counts = await verdicts.counts();
  const longTasks = await page.evaluate(
    ([from, to]) =>
      (window as unknown as { benchLongTasks: { start: number; duration: number }[] }).benchLongTasks
        .filter((t) => t.start + t.duration >= from && t.start <= to)
        .map((t) => ({ at: t.start - from, duration: t.duration })),
    [start, end] as const,
  );
  for (const t of longTasks)
    console.error(`  long task ${t.duration.toFixed(0)} ms, ${t.at.toFixed(0)} ms after the click`);
  return {
    label,
    points: total(counts),
    seconds: (end - start) / 1000,
    longTasks: longTasks.map((t) => t.duration),
  };
}

const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

await main();

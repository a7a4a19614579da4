/**
 * Loading big tables: CSV files of 5, 50 and 500 MB (generated in /tmp, Adult-shaped rows, seeded) are
 * uploaded to the built app in headless Chromium. For each: time from choosing the file to the table on
 * screen, the engine worker's peak JS heap while reading (sampled every 100 ms through DevTools), the
 * longest main-thread task meanwhile (PerformanceObserver 'longtask'), whether the progress bar showed,
 * and the note on rows read and used. Then the same files read in Node (readTableFile), for figures
 * free of the browser (--no-node leaves them out). The page is the watching screen: once the demo table
 * is in, the forms are folded, so the table's summary is looked for in the page, shown or not, and the
 * progress bar wherever it is visible. `npm run bench:load [-- --sizes 5,50] [--no-build] [--no-node]`.
 */
import { createWriteStream, existsSync, mkdirSync, openAsBlob, statSync } from 'node:fs';
import { chromium, type Page } from '@playwright/test';
import playwrightConfig from '../../playwright.config';
import { readTableFile } from '../../src/data/load';
import { createRng } from '../../src/rng';
import { attachWorker } from '../../e2e/workerMemory';
import { recordLongTasks } from './browser';
import { buildApp, serveApp } from './builtApp';

const DIR = '/tmp/gan-playground-load-bench';
const MB = 1024 * 1024;
const sizesArg = process.argv.indexOf('--sizes');
const SIZES_MB =
  sizesArg === -1 ? [5, 50, 500] : (process.argv[sizesArg + 1] ?? '').split(',').map(Number).filter(Boolean);

const WORK = ['Private', 'Self-emp-not-inc', 'Local-gov', 'State-gov', 'Federal-gov', '?'];
const EDUCATION = ['HS-grad', 'Some-college', 'Bachelors', 'Masters', 'Assoc-voc', '11th', 'Doctorate'];
const MARITAL = ['Married-civ-spouse', 'Never-married', 'Divorced', 'Separated', 'Widowed'];
const OCCUPATION = ['Prof-specialty', 'Craft-repair', 'Exec-managerial', 'Adm-clerical', 'Sales', '?'];
const RELATION = ['Husband', 'Not-in-family', 'Own-child', 'Unmarried', 'Wife'];
const RACE = ['White', 'Black', 'Asian-Pac-Islander', 'Amer-Indian-Eskimo', 'Other'];
const COUNTRY = ['United-States', 'Mexico', 'Philippines', 'Germany', 'Canada', 'India', '?'];

/** Writes `megabytes` of Adult-shaped rows (15 columns, about 110 bytes a row), unless already there. */
async function generate(megabytes: number): Promise<string> {
  const path = `${DIR}/adult-like-${megabytes}mb.csv`;
  if (existsSync(path) && statSync(path).size >= megabytes * MB) return path;
  mkdirSync(DIR, { recursive: true });
  const rng = createRng(megabytes);
  const pick = (list: string[]) => list[rng.int(list.length)] as string;
  const out = createWriteStream(path);
  out.write(
    'age,workclass,fnlwgt,education,education-num,marital-status,occupation,relationship,race,sex,' +
      'capital-gain,capital-loss,hours-per-week,native-country,income\n',
  );
  let written = 0;
  while (written < megabytes * MB) {
    const lines: string[] = [];
    for (let i = 0; i < 10_000; i++) {
      const age = 17 + rng.int(73);
      const gain = rng.next() < 0.08 ? rng.int(99_999) : 0;
      lines.push(
        [
          age,
          pick(WORK),
          12_285 + rng.int(1_400_000),
          pick(EDUCATION),
          1 + rng.int(16),
          pick(MARITAL),
          pick(OCCUPATION),
          pick(RELATION),
          pick(RACE),
          rng.next() < 0.67 ? 'Male' : 'Female',
          gain,
          rng.next() < 0.05 ? rng.int(4_356) : 0,
          1 + rng.int(99),
          pick(COUNTRY),
          age > 35 && rng.next() < 0.4 ? '>50K' : '<=50K',
        ].join(','),
      );
    }
    const block = lines.join('\n') + '\n';
    written += Buffer.byteLength(block);
    if (!out.write(block)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((resolve) => out.end(resolve));
  return path;
}

interface Figures {
  file: string;
  megabytes: number;
  loadSeconds: number;
  peakWorkerHeapMb: number | null;
  longestTaskMs: number;
  tasksOver50ms: number;
  progressShown: boolean;
  summary: string;
  note: string;
}

async function inBrowser(page: Page, path: string): Promise<Figures> {
  await page.goto('/');
  // CSS locators only: a text or label locator scans the whole page on every poll, a main-thread task
  // of 25 to 75 ms in a trace of this bench (tools/bench/loadProfile.ts) that would count as the app's.
  await page
    .locator('p.summary', { hasText: /penguins\.csv\s*·/ })
    .waitFor({ state: 'attached', timeout: 120_000 });
  const worker = await attachWorker(page, 'engine.worker');
  await page.evaluate(() => ((window as unknown as { benchLongTasks: number[] }).benchLongTasks.length = 0));

  let peak = 0;
  let sampling = true;
  const sampler = (async () => {
    while (sampling && worker) {
      const usage = (await worker.call('Runtime.getHeapUsage')) as { usedSize: number };
      peak = Math.max(peak, usage.usedSize);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  let progressShown = false;
  const watcher = (async () => {
    while (sampling && !progressShown) {
      progressShown = (await page.locator('progress[aria-label="Reading file"]:visible').count()) > 0;
      await new Promise((r) => setTimeout(r, 50));
    }
  })();

  const name = path.split('/').pop() as string;
  const started = performance.now();
  await page.locator('input[type="file"][accept*=".csv"]').setInputFiles(path);
  const summary = page.locator('p.summary', { hasText: new RegExp(`${name.replaceAll('.', '\\.')}\\s*·`) });
  const alert = page.locator('[role="alert"]');
  // The summary is in the folded Data panel: attached, not visible.
  await Promise.race([
    summary.waitFor({ state: 'attached', timeout: 600_000 }),
    alert.waitFor({ timeout: 600_000 }),
  ]);
  const loadSeconds = (performance.now() - started) / 1000;
  sampling = false;
  await Promise.all([sampler, watcher]);
  await worker?.detach();

  // The page's own work on the new table (settings derived from it, its preview drawn) follows the
  // summary: a second more, so its tasks are reported too.
  await page.waitForTimeout(1000);
  const tasks = await page.evaluate(() => (window as unknown as { benchLongTasks: number[] }).benchLongTasks);
  const note = (await page.getByText(/rows read/).allTextContents())[0] ?? '';
  const shown = (await summary.count()) ? await summary.textContent() : `alert: ${await alert.textContent()}`;
  return {
    file: name,
    megabytes: statSync(path).size / MB,
    loadSeconds,
    peakWorkerHeapMb: worker ? peak / MB : null,
    longestTaskMs: Math.max(0, ...tasks),
    tasksOver50ms: tasks.filter((t) => t > 50).length,
    progressShown,
    summary: shown ?? '',
    note,
  };
}

/** The same read in Node: seconds and the heap's peak (sampled every 20 ms), the browser left out. */
async function inNode(path: string): Promise<{ seconds: number; peakHeapMb: number; rows: string }> {
  globalThis.gc?.();
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 20);
  const started = performance.now();
  const result = await readTableFile(await openAsBlob(path), path);
  const seconds = (performance.now() - started) / 1000;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  const rows = result.ok ? `${result.value.rows.length.toLocaleString('en-US')} rows kept` : result.error;
  return { seconds, peakHeapMb: peak / MB, rows };
}

async function main(): Promise<void> {
  const files: string[] = [];
  for (const size of SIZES_MB) {
    console.error(`generating ${size} MB…`);
    files.push(await generate(size));
  }
  buildApp();
  const port = Number(process.env.BENCH_PORT ?? 4193);
  const server = await serveApp(port);
  const browser = await chromium.launch(playwrightConfig.use?.launchOptions ?? {});
  const figures: Figures[] = [];
  try {
    for (const path of files) {
      const context = await browser.newContext({ baseURL: `http://127.0.0.1:${port}/` });
      await recordLongTasks(context);
      console.error(`uploading ${path}…`);
      figures.push(await inBrowser(await context.newPage(), path));
      await context.close();
    }
  } finally {
    await browser.close();
    server.kill();
  }

  console.log(`Chromium ${browser.version()}, ${new Date().toISOString().slice(0, 10)}`);
  console.log(
    '| file | MB | load s | worker heap peak MB | longest main-thread task ms | tasks > 50 ms | progress bar |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const f of figures) {
    const heap = f.peakWorkerHeapMb === null ? 'n/a' : f.peakWorkerHeapMb.toFixed(0);
    console.log(
      `| ${f.file} | ${f.megabytes.toFixed(0)} | ${f.loadSeconds.toFixed(1)} | ${heap} | ${f.longestTaskMs.toFixed(0)} | ${f.tasksOver50ms} | ${f.progressShown ? 'yes' : 'no'} |`,
    );
  }
  for (const f of figures) console.log(`${f.file}: ${f.summary.trim()}${f.note ? `; ${f.note.trim()}` : ''}`);

  if (process.argv.includes('--no-node')) return;
  console.log('\nIn Node (readTableFile, the same reader the worker runs):');
  console.log('| file | read s | heap peak MB | kept |');
  console.log('| --- | ---: | ---: | --- |');
  for (const path of files) {
    const node = await inNode(path);
    console.log(
      `| ${path.split('/').pop()} | ${node.seconds.toFixed(1)} | ${node.peakHeapMb.toFixed(0)} | ${node.rows} |`,
    );
  }
}

await main();

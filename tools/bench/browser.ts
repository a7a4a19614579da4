/**
 * The built app in headless Chromium, driven like a user through the e2e page object: load time, the
 * JS sent before the first paint, time from Train to the first loss point, training speed per backend
 * and size (steps counted on screen against the wall clock), main-thread long tasks while training,
 * and the worker's tensor count and heap after 100 and 1,000 steps.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import playwrightConfig from '../../playwright.config';
import { Playground } from '../../e2e/playground';
import { workerDiagnostics } from '../../e2e/workerMemory';
import type { MemoryPoint } from './figures';
import { buildApp, serveApp } from './builtApp';
import { ADULT_CSV, ROOT, SIZES, sizeUnavailable, type Size, type SizeId } from './sizes';
import { MODEL_DESCRIPTIONS } from '../../src/models/catalog';

const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
type Backend = (typeof BACKENDS)[number];

/** Seconds of training timed per backend and size after the first loss point (slow backends get fewer). */
const TRAIN_SECONDS: Record<Backend, Record<SizeId, number>> = {
  wasm: { demo: 8, ctgan: 25, 'ctgan-model': 25 },
  webgl: { demo: 8, ctgan: 20, 'ctgan-model': 20 },
  cpu: { demo: 6, ctgan: 12, 'ctgan-model': 12 },
  webgpu: { demo: 8, ctgan: 12, 'ctgan-model': 12 },
};

export interface LoadFigures {
  /** First contentful paint, from navigation start. */
  firstPaintMs: number;
  /** Until the header names a backend. */
  backendMs: number;
  /** Until Train can be pressed: a backend is chosen and the demo table is loaded. */
  interactiveMs: number;
  backend: string;
  /** The backend's reason, as the header's tooltip shows it. */
  reason: string;
}

export interface TrainingFigures {
  size: SizeId;
  unavailable?: string;
  msPerStep?: number;
  rowsPerSecond?: number;
  secondsPerEpoch?: number;
  stepsTimed?: number;
  trainToFirstPointMs?: number;
  /** PerformanceObserver 'longtask' entries on the main thread while training. */
  longTasksOver50ms?: number;
  longestTaskMs?: number;
}

/**
 * Long tasks while training with every panel in use: during training, Generate (samples), Evaluate
 * (report) and Compute map (verdicts) are pressed, and the count runs until the report and the map are
 * on screen and three more seconds have passed.
 */
export type PanelsInUseFigures =
  | { unavailable: string }
  | {
      backend: string;
      size: SizeId;
      seconds: number;
      steps: number;
      longTasksOver50ms: number;
      longestTaskMs: number;
    };

export interface BrowserFigures {
  chromium: string;
  firstLoad: LoadFigures;
  cachedLoad: LoadFigures & { trainToFirstPointMs: number };
  jsBeforeFirstPaint: { gzipBytes: number; files: { path: string; gzipBytes: number }[] };
  backends: { backend: Backend; unavailable?: string; sizes: TrainingFigures[] }[];
  memory: { points: MemoryPoint[]; note: string } | { unavailable: string };
  panelsInUse: PanelsInUseFigures;
}

export interface BrowserBenchOptions {
  quick: boolean;
  /** Only these backends and sizes (all when absent). */
  backends?: string[];
  sizes?: string[];
}

export async function runBrowserBench(options: BrowserBenchOptions): Promise<BrowserFigures> {
  buildApp();
  const port = Number(process.env.BENCH_PORT ?? 4191);
  const server = await serveApp(port);
  const launch = playwrightConfig.use?.launchOptions ?? {};
  const browser = await chromium.launch(launch);
  try {
    return await measure(browser, `http://127.0.0.1:${port}/`, options);
  } finally {
    await browser.close();
    server.kill();
  }
}

async function measure(
  browser: Browser,
  url: string,
  { quick, ...only }: BrowserBenchOptions,
): Promise<BrowserFigures> {
  const context = await browser.newContext({ baseURL: url, viewport: { width: 1400, height: 1000 } });
  await recordLongTasks(context);
  const page = await context.newPage();
  const playground = new Playground(page);

  // A fresh profile: nothing cached, so the backend is chosen by probing.
  const firstLoad = await openAndTime(page);
  const jsBeforeFirstPaint = await scriptsBeforeFirstPaint(page);
  // The same profile again: a cached backend choice, as a returning user has it.
  const cached = await openAndTime(page);
  const cachedLoad = { ...cached, trainToFirstPointMs: await trainToFirstPoint(page) };
  await pause(playground);
  await reset(playground);

  const backends: BrowserFigures['backends'] = BACKENDS.filter((b) => only.backends?.includes(b) ?? true).map(
    (backend) => ({ backend, sizes: [] }),
  );
  // The CGAN-sized setup last: the panels-in-use stage below trains what the page holds at the end.
  const sizeIds = (['demo', 'ctgan-model', 'ctgan'] as const).filter((s) => only.sizes?.includes(s) ?? true);
  for (const sizeId of sizeIds) {
    const size = SIZES[sizeId];
    const missing = sizeUnavailable(size);
    if (!missing) await useSize(playground, size);
    for (const entry of backends) {
      if (entry.unavailable) continue;
      if (missing) {
        entry.sizes.push({ size: sizeId, unavailable: missing });
        continue;
      }
      const demo = entry.sizes.find((f) => f.size === 'demo');
      if (sizeId !== 'demo' && demo?.unavailable) {
        // Too slow for the demo setup (SwiftShader's WebGPU here): the large one would take minutes.
        entry.sizes.push({ size: sizeId, unavailable: 'skipped: no step finished at the demo size' });
        continue;
      }
      const chosen = await chooseBackend(playground, entry.backend);
      if (chosen) {
        entry.unavailable = chosen;
        continue;
      }
      const seconds = TRAIN_SECONDS[entry.backend][sizeId] / (quick ? 3 : 1);
      console.error(`browser ${entry.backend} ${sizeId}: training ${seconds} s…`);
      entry.sizes.push(await timeTraining(playground, size, seconds));
      console.error(`browser ${entry.backend} ${sizeId}: ${JSON.stringify(entry.sizes.at(-1))}`);
    }
  }

  // The page still has the last size's table and settings loaded.
  const lastSize = sizeUnavailable(SIZES.ctgan) ? 'demo' : 'ctgan';
  const skipped = { unavailable: 'skipped: only some backends or sizes were asked for' };
  const everything = !only.backends && !only.sizes;
  const panelsInUse = everything
    ? await measurePanelsInUse(playground, firstLoad.backend, lastSize)
    : skipped;
  const memory = everything ? await measureMemory(playground) : skipped;
  const version = browser.version();
  await context.close();
  return { chromium: version, firstLoad, cachedLoad, jsBeforeFirstPaint, backends, memory, panelsInUse };
}

/** Loads the page and times first paint, the backend choice and the moment Train can be pressed. */
async function openAndTime(page: Page): Promise<LoadFigures> {
  await page.goto('/');
  const backendMs = await page
    .waitForFunction(() => /Backend:\s*\w+/.test(document.body.innerText) && performance.now(), null, {
      timeout: 120_000,
    })
    .then((h) => h.jsonValue() as Promise<number>);
  const interactiveMs = await page
    .waitForFunction(
      () => {
        const train = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Train');
        return train && !train.disabled && performance.now();
      },
      null,
      { timeout: 120_000 },
    )
    .then((h) => h.jsonValue() as Promise<number>);
  const { firstPaintMs, backend, reason } = await page.evaluate(() => {
    const paint = performance.getEntriesByName('first-contentful-paint')[0];
    const label = [...document.querySelectorAll('[title]')].find((e) =>
      /^Backend:/.test(e.textContent ?? ''),
    );
    return {
      firstPaintMs: paint?.startTime ?? NaN,
      backend: (label?.textContent ?? '').replace('Backend:', '').trim(),
      reason: label?.getAttribute('title') ?? '',
    };
  });
  return { firstPaintMs, backendMs, interactiveMs, backend, reason };
}

/** Gzip size of every script the page fetched before its first contentful paint. */
async function scriptsBeforeFirstPaint(page: Page): Promise<BrowserFigures['jsBeforeFirstPaint']> {
  const paths = await page.evaluate(() => {
    const paint = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Infinity;
    return performance
      .getEntriesByType('resource')
      .filter((e) => e.startTime < paint && new URL(e.name).pathname.endsWith('.js'))
      .map((e) => new URL(e.name).pathname);
  });
  const files = paths.map((path) => {
    const file = resolve(ROOT, 'dist', `.${path}`);
    return { path, gzipBytes: existsSync(file) ? gzipSync(readFileSync(file), { level: 9 }).length : NaN };
  });
  return { gzipBytes: files.reduce((s, f) => s + f.gzipBytes, 0), files };
}

/** Presses Train and times until the Losses chart has a point and a frame has been drawn. */
async function trainToFirstPoint(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((done, fail) => {
        const figure = document.querySelector<HTMLElement>('figure[aria-label="Losses"]');
        const train = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Train');
        if (!figure || !train) return fail(new Error('no Losses chart or Train button'));
        const start = performance.now();
        const observer = new MutationObserver(() => {
          if (Number(figure.dataset.pointCount) > 0) {
            observer.disconnect();
            requestAnimationFrame(() => setTimeout(() => done(performance.now() - start)));
          }
        });
        observer.observe(figure, { attributes: true, attributeFilter: ['data-point-count'] });
        train.click();
      }),
  );
}

/** Selects a table and the size's settings in the Data and Model panels. */
async function useSize(playground: Playground, size: Size): Promise<void> {
  const { data, model } = playground;
  await playground.showForms();
  if (size.table === ADULT_CSV) {
    await data.upload({ name: 'adult.csv', mimeType: 'text/csv', buffer: readFileSync(ADULT_CSV) });
    await data.expectLoaded('adult.csv', 32561);
  } else {
    await data.demoSelect.selectOption({ label: 'Palmer penguins' }).catch(() => undefined);
    await data.expectLoaded('penguins.csv', 344);
  }
  const s = size.settings;
  await model.modelSelect.selectOption({ label: MODEL_DESCRIPTIONS.find((m) => m.id === s.model)!.label });
  if (s.model !== 'cgan') return; // Every other model is timed at its own defaults.
  // More epochs than any timing window needs: the demo's 300 (1,500 steps) can end inside one.
  await model.epochs.fill('100000');
  await model.batchSize.fill(String(s.batchSize));
  await model.noiseSize.fill(String(s.noiseSize));
  await model.hiddenSizes.fill(s.hiddenSizes.join(', '));
  await model.batchSize.press('Tab');
}

/** Switches the backend from the header; returns why it failed, or null. */
async function chooseBackend(playground: Playground, backend: Backend): Promise<string | null> {
  const { page, header } = playground;
  const current = await header.backendSelect.inputValue();
  if (current === backend) return null;
  await header.backendSelect.selectOption(backend);
  const outcome = await Promise.race([
    header.backendText
      .filter({ hasText: new RegExp(`Backend:\\s*${backend}\\b`) })
      .waitFor({ timeout: 180_000 })
      .then(() => null),
    page
      .getByRole('alert')
      .waitFor({ timeout: 180_000 })
      .then(async () => (await page.getByRole('alert').textContent()) ?? 'failed'),
  ]);
  if (outcome) await page.getByRole('button', { name: 'Dismiss message' }).click();
  return outcome;
}

/** Trains from a fresh model: time to the first point, then steps per wall-clock second and long tasks. */
async function timeTraining(playground: Playground, size: Size, seconds: number): Promise<TrainingFigures> {
  const { page, training } = playground;
  await page.evaluate(() => ((window as unknown as { benchLongTasks: number[] }).benchLongTasks.length = 0));
  const trainToFirstPointMs = await trainToFirstPoint(page);
  const before = { at: Date.now(), steps: await training.stepsDone() };
  await page.waitForTimeout(seconds * 1000);
  const after = { at: Date.now(), steps: await training.stepsDone() };
  const tasks = await page.evaluate(() => (window as unknown as { benchLongTasks: number[] }).benchLongTasks);
  await pause(playground);
  const steps = await training.stepsDone();
  await reset(playground);
  if (after.steps <= before.steps) {
    return { size: size.id, unavailable: `no step finished in ${seconds} s (${steps} steps in all)` };
  }
  const msPerStep = (after.at - before.at) / (after.steps - before.steps);
  const stepsPerEpoch = Math.floor(rowsOf(size) / size.settings.batchSize);
  return {
    size: size.id,
    msPerStep,
    rowsPerSecond: (size.settings.batchSize * 1000) / msPerStep,
    secondsPerEpoch: (stepsPerEpoch * msPerStep) / 1000,
    stepsTimed: after.steps - before.steps,
    trainToFirstPointMs,
    longTasksOver50ms: tasks.length,
    longestTaskMs: Math.max(0, ...tasks),
  };
}

/** See PanelsInUseFigures. Uses the table and settings of the last size timed (the CTGAN-sized one when Adult is there). */
async function measurePanelsInUse(
  playground: Playground,
  backend: string,
  size: SizeId,
): Promise<PanelsInUseFigures> {
  const { page, training } = playground;
  if (!BACKENDS.includes(backend as Backend)) return { unavailable: `unknown backend ${backend}` };
  const failed = await chooseBackend(playground, backend as Backend);
  if (failed) return { unavailable: failed };
  console.error(`browser panels in use (${backend}, ${size})…`);
  await page.evaluate(() => ((window as unknown as { benchLongTasks: number[] }).benchLongTasks.length = 0));
  const start = Date.now();
  await trainToFirstPoint(page);
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  await page.getByRole('button', { name: 'Evaluate', exact: true }).click();
  // Light polling: the harness itself must not add main-thread work.
  const enabled = (name: string) =>
    page.waitForFunction(
      (label) => [...document.querySelectorAll('button')].some((b) => b.textContent === label && !b.disabled),
      name,
      { polling: 500, timeout: 300_000 },
    );
  await enabled('Compute map');
  await page.getByRole('button', { name: 'Compute map' }).click();
  await Promise.all([enabled('Export JSON'), enabled('Export map (PNG)')]);
  await page.waitForTimeout(3000);
  const tasks = await page.evaluate(() => (window as unknown as { benchLongTasks: number[] }).benchLongTasks);
  const seconds = (Date.now() - start) / 1000;
  await pause(playground);
  const steps = await training.stepsDone();
  await reset(playground);
  return {
    backend,
    size,
    seconds,
    steps,
    longTasksOver50ms: tasks.length,
    longestTaskMs: Math.max(0, ...tasks),
  };
}

/** Rows with a target value: penguins has 344, Adult 32,561 (neither has a missing target). */
function rowsOf(size: Size): number {
  return size.table === ADULT_CSV ? 32561 : 344;
}

/** The worker's tensor count and heap after 100 and 1,000 steps of the demo setup on the chosen backend. */
async function measureMemory(playground: Playground): Promise<BrowserFigures['memory']> {
  const { page, training } = playground;
  await page.reload();
  await playground.data.expectLoaded('penguins.csv', 344);
  await page.getByRole('button', { name: 'Train', exact: true }).waitFor();
  const worker = page.workers().find((w) => w.url().includes('engine.worker'));
  if (!worker) return { unavailable: 'the engine worker was not found' };
  const points: MemoryPoint[] = [];
  await training.trainButton.click();
  for (const until of [100, 1000]) {
    while ((await training.stepsDone()) < until) await page.waitForTimeout(200);
    await pause(playground);
    points.push({ step: await training.stepsDone(), ...(await workerDiagnostics(page, worker)) });
    if (until < 1000) await training.resumeButton.click();
  }
  await reset(playground);
  return { points, note: 'demo settings on the backend chosen at start-up; worker heap after a forced GC' };
}

/** Pauses and waits for the status to say so (a slow backend finishes its chunk first). */
async function pause(playground: Playground): Promise<void> {
  await playground.training.pauseButton.click();
  await waitForStatus(playground.page, 'Paused');
}

async function reset(playground: Playground): Promise<void> {
  await playground.training.resetButton.click();
  await waitForStatus(playground.page, 'Idle');
}

async function waitForStatus(page: Page, status: string): Promise<void> {
  await page.waitForFunction(
    (text) => document.querySelector('[aria-label="Training status"]')?.textContent === text,
    status,
    { timeout: 180_000, polling: 100 },
  );
}

/** Every page of `context` records its main-thread long tasks' durations in `window.benchLongTasks`. */
export async function recordLongTasks(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const tasks: number[] = [];
    Object.assign(window, { benchLongTasks: tasks });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) tasks.push(entry.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
}

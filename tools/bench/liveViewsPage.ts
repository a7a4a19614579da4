/**
 * The live views on the page's main thread: builds and serves the app, and in headless Chromium at
 * 1280×720 trains the CGAN on the penguins demo (wasm) with the watching screen open, first showing
 * the per-column views and fingerprints, then the discriminator's map, while a PerformanceObserver
 * records main-thread long tasks (over 50 ms). Prints the snapshots drawn and the long tasks of each,
 * and what the long animation frames over 50 ms spent their time in (the Long Animation Frames API's
 * script attribution, on an unminified build so functions keep their names): on a loaded machine the
 * counts swell with everything else's, the attribution says whose time it was.
 * The target: none (the views are built in the engine's worker, the map drawn in a worker of its own;
 * the page draws a few SVG bars).
 *
 * --trace adds a DevTools trace of each window: the main thread's time by trace event (script, style,
 * layout, paint, commit), in all its tasks and in those over 50 ms.
 *
 * --view Columns (or Map): that view's window only, so A/B rounds of one view fit more often.
 *
 * Run: npx tsx tools/bench/liveViewsPage.ts [--no-build] [--window 15] [--trace] [--reduced-motion]
 *   [--view Columns|Map]
 */
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { chromium, expect, type Page } from '@playwright/test';
import playwrightConfig from '../../playwright.config';
import { Playground } from '../../e2e/playground';
import { buildApp, serveApp } from './builtApp';

const PORT = Number(process.env.BENCH_PORT ?? 4195);
// A build per port: two benches on one machine do not overwrite each other's build.
const OUT = resolve(tmpdir(), `gan-playground-live-views-${PORT}`);
const at = process.argv.indexOf('--window');
const WINDOW_S = at < 0 ? 15 : Number(process.argv[at + 1]);
const TRACE = process.argv.includes('--trace');
const only = process.argv.indexOf('--view');
const VIEWS = (['Columns', 'Map'] as const).filter((v) => only < 0 || process.argv[only + 1] === v);

type LongTask = { start: number; duration: number };
type FrameScript = { start: number; name: string; duration: number };

async function main(): Promise<void> {
  buildApp(OUT, ['--minify', 'false']);
  const server = await serveApp(PORT, OUT);
  const browser = await chromium.launch(playwrightConfig.use?.launchOptions ?? {});
  try {
    // --reduced-motion: the page without its transitions and glides, to see what they cost.
    const context = await browser.newContext({
      viewport: { width: 1280, height: 720 },
      reducedMotion: process.argv.includes('--reduced-motion') ? 'reduce' : 'no-preference',
    });
    await context.addInitScript(() => {
      const tasks: LongTask[] = [];
      Object.assign(window, { benchLongTasks: tasks });
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries())
          tasks.push({ start: entry.startTime, duration: entry.duration });
      }).observe({ type: 'longtask', buffered: true });
      // The scripts that ran in each long animation frame over 50 ms, by who called them.
      const scripts: FrameScript[] = [];
      Object.assign(window, { benchFrameScripts: scripts });
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as (PerformanceEntry & {
          scripts?: { invoker: string; sourceFunctionName: string; duration: number }[];
        })[]) {
          if (entry.duration <= 50) continue;
          for (const script of entry.scripts ?? [])
            scripts.push({
              start: entry.startTime,
              name: `${script.invoker} → ${script.sourceFunctionName || '?'}`,
              duration: script.duration,
            });
        }
      }).observe({ type: 'long-animation-frame', buffered: true });
    });
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${PORT}/`);
    const playground = new Playground(page);
    const { header, training } = playground;
    await expect(playground.data.summary).toContainText('344 rows', { timeout: 60_000 });
    await expect(header.backendText).toBeVisible({ timeout: 60_000 });
    if (!/wasm/.test((await header.backendText.textContent()) ?? '')) {
      await header.backendSelect.selectOption('wasm');
      await expect(header.backendText).toContainText('wasm', { timeout: 60_000 });
    }
    // Long enough that the run never finishes inside the windows.
    await playground.showForms();
    await playground.model.epochs.fill('5000');
    await page.getByRole('button', { name: 'Hide data and settings' }).click();
    await training.trainButton.click();
    console.log(
      `Live views on the main thread (Chromium ${browser.version()}, 1280×720, CGAN on penguins, wasm)`,
    );
    console.log('view | seconds | snapshots drawn | tasks > 50 ms | longest (ms)');
    for (const view of VIEWS) {
      await page.getByRole('button', { name: view, exact: true }).click();
      const figures = await watch(page, view);
      const longest = figures.longTasks.length > 0 ? Math.max(...figures.longTasks).toFixed(0) : '–';
      console.log(`${view} | ${WINDOW_S} | ${figures.snapshots} | ${figures.longTasks.length} | ${longest}`);
      for (const [name, ms] of figures.scripts.slice(0, 6))
        console.log(`    in frames over 50 ms: ${ms.toFixed(0)} ms in ${name}`);
      console.log(
        `    main thread busy: ${figures.busy.ms.toFixed(0)} ms of ${WINDOW_S * 1000}; itself in ` +
          figures.busy.top.map(([f, ms]) => `${f} ${ms.toFixed(0)} ms`).join(', '),
      );
      const perSnapshot = (ms: number) => (figures.snapshots > 0 ? ms / figures.snapshots : ms).toFixed(1);
      for (const [name, ms] of figures.components.slice(0, 8))
        console.log(`    main thread in ${name}: ${ms.toFixed(0)} ms (${perSnapshot(ms)} ms a snapshot)`);
      if (figures.trace) {
        const { all, long } = figures.trace;
        const parts = (p: [string, number][]) =>
          p
            .slice(0, 8)
            .map(([n, ms]) => `${n} ${ms.toFixed(0)}`)
            .join(', ');
        console.log(`    trace, all main-thread tasks (ms, self): ${parts(all)}`);
        console.log(`    trace, tasks over 50 ms (ms, self): ${parts(long)}`);
        const { cpuLong } = figures.trace;
        console.log(
          `    trace, tasks over 50 ms of the main thread's own CPU time: ${cpuLong.length}` +
            (cpuLong.length > 0 ? `, longest ${Math.max(...cpuLong).toFixed(0)} ms` : ''),
        );
        for (const task of figures.trace.tasks) console.log(`      ${task}`);
      }
    }
    if (await training.pauseButton.isEnabled()) await training.pauseButton.click();
  } finally {
    await browser.close();
    server.kill();
  }
}

/** Watches one view for WINDOW_S seconds: how many snapshots it drew, and the long tasks meanwhile. */
async function watch(page: Page, view: 'Columns' | 'Map') {
  const profiler = await page.context().newCDPSession(page);
  await profiler.send('Profiler.enable');
  await profiler.send('Profiler.setSamplingInterval', { interval: 1000 });
  await profiler.send('Profiler.start');
  const events: TraceEvent[] = [];
  profiler.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
  const traced = new Promise<void>((r) => profiler.once('Tracing.tracingComplete', () => r()));
  if (TRACE)
    await profiler.send('Tracing.start', {
      categories: 'devtools.timeline,disabled-by-default-devtools.timeline,toplevel,v8',
      transferMode: 'ReportEvents',
    });
  const marker = view === 'Map' ? '.discriminator-map' : '.watch-panel';
  const step = () => page.locator(marker).first().getAttribute('data-step');
  const start = await page.evaluate(() => performance.now());
  const seen = new Set<string | null>();
  while ((await page.evaluate(() => performance.now())) - start < WINDOW_S * 1000) {
    seen.add(await step());
    await page.waitForTimeout(100);
  }
  const end = await page.evaluate(() => performance.now());
  const { profile } = await profiler.send('Profiler.stop');
  if (TRACE) {
    await profiler.send('Tracing.end');
    await traced;
  }
  await profiler.detach();
  const longTasks = await page.evaluate(
    ([from, to]) =>
      (window as unknown as { benchLongTasks: LongTask[] }).benchLongTasks
        .filter((t) => t.start + t.duration >= from && t.start <= to)
        .map((t) => t.duration),
    [start, end] as const,
  );
  const scripts = await page.evaluate(
    ([from, to]) =>
      (window as unknown as { benchFrameScripts: FrameScript[] }).benchFrameScripts.filter(
        (s) => s.start >= from && s.start <= to,
      ),
    [start, end] as const,
  );
  const byName = new Map<string, number>();
  for (const { name, duration } of scripts) byName.set(name, (byName.get(name) ?? 0) + duration);
  seen.delete(null);
  return {
    snapshots: seen.size,
    longTasks,
    scripts: [...byName].sort((a, b) => b[1] - a[1]),
    components: componentTimes(profile),
    busy: busyTime(profile),
    trace: TRACE ? longTaskParts(events) : null,
  };
}

await main();

type CpuProfile = {
  nodes: { id: number; callFrame: { functionName: string }; children?: number[] }[];
  samples?: number[];
  timeDeltas?: number[];
};

/**
 * Main-thread time (ms, sampled) inside each React component or hook of the app (a function whose
 * name starts with a capital or `use`), counting its callees: whose render the time was; and inside
 * React's scheduler (performWorkUntilDeadline): all of React's work.
 */
function componentTimes(profile: CpuProfile): [string, number][] {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const name = new Map(profile.nodes.map((n) => [n.id, n.callFrame.functionName]));
  // React's scheduler too: all of its rendering and committing, whichever components.
  const isComponent = (f: string) =>
    /^([A-Z][A-Za-z0-9]+|use[A-Z][A-Za-z]+)$/.test(f) || f === 'performWorkUntilDeadline';
  const totals = new Map<string, number>();
  (profile.samples ?? []).forEach((id, i) => {
    const ms = (profile.timeDeltas?.[i + 1] ?? 0) / 1000;
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const f = name.get(at) ?? '';
      if (isComponent(f)) seen.add(f);
    }
    for (const f of seen) totals.set(f, (totals.get(f) ?? 0) + ms);
  });
  return [...totals].sort((a, b) => b[1] - a[1]);
}

/**
 * Main-thread time (ms, sampled) not idle: scripts, and the rendering and GC they cause; and the
 * functions it was spent in themselves ("(program)": the browser's own work, style to paint).
 */
function busyTime(profile: CpuProfile): { ms: number; top: [string, number][] } {
  const name = new Map(profile.nodes.map((n) => [n.id, n.callFrame.functionName || '(anonymous)']));
  const self = new Map<string, number>();
  let ms = 0;
  (profile.samples ?? []).forEach((id, i) => {
    const f = name.get(id) ?? '?';
    if (f === '(idle)') return;
    const delta = (profile.timeDeltas?.[i + 1] ?? 0) / 1000;
    ms += delta;
    self.set(f, (self.get(f) ?? 0) + delta);
  });
  return { ms, top: [...self].sort((a, b) => b[1] - a[1]).slice(0, 5) };
}

type TraceEvent = {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** The thread's CPU time in the event (µs): what the event cost on a core to itself. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: Record<string, unknown> };
};

/**
 * What the renderer's main thread did, from a DevTools trace (--trace): the self time of each trace
 * event (FunctionCall, UpdateLayoutTree, Layout, Paint, …) in all its tasks and in those over 50 ms;
 * and the tasks whose own CPU time was over 50 ms, which a loaded machine's waits do not swell: the
 * long tasks a quiet machine would see.
 */
function longTaskParts(events: TraceEvent[]): {
  all: [string, number][];
  long: [string, number][];
  tasks: string[];
  cpuLong: number[];
} {
  const threads = events.filter(
    (e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain',
  );
  const count = (key: string) => events.filter((e) => `${e.pid}:${e.tid}` === key).length;
  const main = threads.map((e) => `${e.pid}:${e.tid}`).sort((a, b) => count(b) - count(a))[0];
  const onMain = events
    .filter((e) => `${e.pid}:${e.tid}` === main && e.ph === 'X' && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const all = new Map<string, number>();
  const long = new Map<string, number>();
  const each = new Map<TraceEvent, Map<string, number>>();
  // Self time: an event's duration less its children's, nesting by time on the one thread.
  const stack: { e: TraceEvent; self: number; task: TraceEvent }[] = [];
  const close = (until: number) => {
    while (stack.length > 0 && stack.at(-1)!.e.ts + stack.at(-1)!.e.dur! <= until) {
      const { e, self, task } = stack.pop()!;
      all.set(e.name, (all.get(e.name) ?? 0) + self / 1000);
      if (task.dur! <= 50_000) continue;
      long.set(e.name, (long.get(e.name) ?? 0) + self / 1000);
      // In a long task, a script by its function's name.
      const fn = e.args?.data?.functionName;
      const name = e.name === 'FunctionCall' && fn ? `${e.name} ${String(fn)}` : e.name;
      const parts = each.get(task) ?? new Map<string, number>();
      each.set(task, parts.set(name, (parts.get(name) ?? 0) + self / 1000));
    }
  };
  const tops: TraceEvent[] = [];
  for (const e of onMain) {
    close(e.ts);
    const parent = stack.at(-1);
    if (parent) parent.self -= e.dur!;
    else tops.push(e);
    stack.push({ e, self: e.dur!, task: parent?.task ?? e });
  }
  close(Infinity);
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
  const cpuLong = tops.filter((e) => (e.tdur ?? 0) > 50_000).map((e) => e.tdur! / 1000);
  const tasks = [...each].map(
    ([task, parts]) =>
      `at ${((task.ts - (tops[0]?.ts ?? 0)) / 1000).toFixed(0)} ms, ` +
      `${(task.dur! / 1000).toFixed(0)} ms (CPU ${((task.tdur ?? 0) / 1000).toFixed(0)}): ` +
      sorted(parts)
        .slice(0, 4)
        .map(([n, ms]) => `${n} ${ms.toFixed(0)}`)
        .join(', '),
  );
  return { all: sorted(all), long: sorted(long), tasks, cpuLong };
}

/**
 * Which main-thread tasks a file load runs, from a DevTools trace: every renderer-main task over
 * --min ms (10 by default) while the page reads the file, with what ran inside it.
 *   node --import tsx --import ./tools/bench/esmHooks.mjs tools/bench/loadProfile.ts <file.csv> [--min 10] [--no-build]
 */
import { chromium } from '@playwright/test';
import playwrightConfig from '../../playwright.config';
import { buildApp, serveApp } from './builtApp';

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: Record<string, unknown> };
}

interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    parent?: number;
    children?: number[];
  }[];
  samples: number[];
  timeDeltas: number[];
}

/** Stretches of the CPU profile without an idle sample, over 30 ms, with the functions most on the stack. */
function printBusyStretches(profile: CpuProfile): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const label = (id: number) => {
    const f = byId.get(id)!.callFrame;
    return `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
  };
  let t = 0;
  let stretch: { start: number; samples: number[] } | null = null;
  const flush = (end: number) => {
    if (!stretch || end - stretch.start < 30_000) return;
    const counts = new Map<string, number>();
    for (const id of stretch.samples) {
      const seen = new Set<string>();
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        const l = label(at);
        if (!seen.has(l)) counts.set(l, (counts.get(l) ?? 0) + 1);
        seen.add(l);
      }
    }
    const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 25);
    console.log(
      `busy ${((end - stretch.start) / 1000).toFixed(1)} ms at ${(stretch.start / 1000).toFixed(0)} ms:`,
    );
    for (const [l, c] of top) console.log(`   ${((c / stretch.samples.length) * 100).toFixed(0)}% ${l}`);
  };
  profile.samples.forEach((id, i) => {
    t += profile.timeDeltas[i]!;
    const name = byId.get(id)!.callFrame.functionName;
    if (name === '(idle)') {
      flush(t);
      stretch = null;
    } else {
      stretch ??= { start: t, samples: [] };
      stretch.samples.push(id);
    }
  });
  flush(t);
}

const path = process.argv[2]!;
const minArg = process.argv.indexOf('--min');
const MIN_MS = minArg === -1 ? 10 : Number(process.argv[minArg + 1]);

async function main(): Promise<void> {
  const outDir = process.env.PROFILE_OUT_DIR;
  if (!process.argv.includes('--no-build')) buildApp(outDir);
  const port = Number(process.env.BENCH_PORT ?? 4193);
  const server = await serveApp(port, outDir);
  const browser = await chromium.launch(playwrightConfig.use?.launchOptions ?? {});
  try {
    const page = await browser.newPage({ baseURL: `http://127.0.0.1:${port}/` });
    await page.goto('/');
    // CSS locators only: a text locator's polls would be main-thread tasks of their own.
    await page
      .locator('p.summary', { hasText: /penguins\.csv\s*·/ })
      .waitFor({ state: 'attached', timeout: 120_000 });
    const cdp = await page.context().newCDPSession(page);
    const events: TraceEvent[] = [];
    cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
    const done = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    await cdp.send('Tracing.start', {
      categories: 'devtools.timeline,disabled-by-default-devtools.timeline,v8,v8.execute,blink,toplevel',
      transferMode: 'ReportEvents',
    });
    const name = path.split('/').pop()!;
    const started = performance.now();
    await page.locator('input[type="file"][accept*=".csv"]').setInputFiles(path);
    await page
      .locator('p.summary', { hasText: new RegExp(`${name.replaceAll('.', '\\.')}\\s*·`) })
      .waitFor({ state: 'attached', timeout: 600_000 });
    console.log(`loaded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    await page.waitForTimeout(500);
    await cdp.send('Tracing.end');
    await done;
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
    printBusyStretches(profile);

    const mains = new Set(
      events
        .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
        .map((e) => `${e.pid}:${e.tid}`),
    );
    const onMain = events.filter((e) => mains.has(`${e.pid}:${e.tid}`) && e.ph === 'X');
    const tasks = onMain.filter((e) => e.name === 'RunTask' && (e.dur ?? 0) / 1000 >= MIN_MS);
    const all = onMain.filter((e) => e.name === 'RunTask');
    const renders = all.filter((t) =>
      onMain.some(
        (e) =>
          e.name === 'FunctionCall' &&
          e.ts >= t.ts &&
          e.ts <= t.ts + t.dur! &&
          JSON.stringify(e.args?.data ?? {}).includes('performWorkUntilDeadline'),
      ),
    );
    const total = all.reduce((s, t) => s + t.dur!, 0) / 1000;
    console.log(
      `${all.length} main-thread tasks, ${total.toFixed(0)} ms in all; ${tasks.length} of ${MIN_MS} ms or more; longest ${(Math.max(0, ...all.map((t) => t.dur ?? 0)) / 1000).toFixed(1)} ms; React render tasks ${renders.length} (${(renders.reduce((s, t) => s + t.dur!, 0) / 1000).toFixed(0)} ms)`,
    );
    console.log(`render tasks, ms: ${renders.map((t) => (t.dur! / 1000).toFixed(1)).join(' ')}`);
    for (const task of tasks) {
      const end = task.ts + task.dur!;
      const inside = onMain
        .filter((e) => e !== task && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= end && (e.dur ?? 0) >= 1000)
        .map((e) => {
          const data = e.args?.data ?? {};
          const what = [data.functionName, data.url, data.type].filter(Boolean).join(' ');
          return `${e.name}${what ? ` (${what})` : ''} ${((e.dur ?? 0) / 1000).toFixed(1)}`;
        });
      console.log(
        `${((task.ts - all[0]!.ts) / 1000).toFixed(0)} ms: ${(task.dur! / 1000).toFixed(1)} ms: ${inside.slice(0, 12).join('; ')}`,
      );
    }
  } finally {
    await browser.close();
    server.kill();
  }
}

await main();

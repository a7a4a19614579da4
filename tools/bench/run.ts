/**
 * `npm run bench`: the engine in Node on every backend (one child process each), then the built app
 * in headless Chromium; writes bench-results/<time>.json and bench-results/latest.json and prints a table.
 *
 *   npm run bench                 # everything (about 10 minutes on 2 cores)
 *   npm run bench -- --node-only  # the engine in Node only
 *   npm run bench -- --browser-only  # the built app in Chromium only
 *   npm run bench -- --quick      # shorter timing budgets
 *   npm run bench -- --browser-only --backends wasm --sizes demo,ctgan  # an A/B of one change
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { runBrowserBench, type BrowserFigures } from './browser';
import type { BackendFigures } from './figures';
import type { NodeBenchBackend } from './nodeBackends';
import { printTable } from './table';
import { ROOT, SIZE_IDS } from './sizes';

export interface BenchResults {
  date: string;
  machine: string;
  node: BackendFigures[];
  browser: BrowserFigures | { unavailable: string } | null;
}

const NODE_BACKENDS: NodeBenchBackend[] = ['wasm', 'cpu', 'webgpu'];

/**
 * Dawn (WebGPU in Node) needs a Vulkan loader and driver: here Debian Chromium's SwiftShader. On a machine
 * with a GPU, set VK_ICD_FILENAMES to the driver's ICD (e.g. /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json).
 */
const WEBGPU_ENV = {
  LD_LIBRARY_PATH: process.env.LD_LIBRARY_PATH ?? '/usr/lib/chromium',
  VK_ICD_FILENAMES: process.env.VK_ICD_FILENAMES ?? '/usr/lib/chromium/vk_swiftshader_icd.json',
};

/** Runs one backend's engine bench in a child process and parses its RESULT line. */
function nodeBench(backend: NodeBenchBackend, sizes: string[], quick: boolean): Promise<BackendFigures> {
  const args = ['--expose-gc', '--import', 'tsx', '--import', './tools/bench/esmHooks.mjs'];
  args.push('tools/bench/engineNode.ts', backend, sizes.join(','), ...(quick ? ['--quick'] : []));
  const env = backend === 'webgpu' ? { ...process.env, ...WEBGPU_ENV } : process.env;
  return new Promise((done) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    // A backend that hangs (a driver that never answers) must not stall the whole bench.
    const timer = setTimeout(() => child.kill('SIGKILL'), 300_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      done(
        line ? JSON.parse(line.slice(7)) : { backend, unavailable: `the bench process exited with ${code}` },
      );
    });
  });
}

/** The comma-separated values after `flag`, or undefined when it is absent. */
function listOption(flag: string): string[] | undefined {
  const at = process.argv.indexOf(flag);
  return at < 0 ? undefined : (process.argv[at + 1] ?? '').split(',');
}

async function main() {
  const quick = process.argv.includes('--quick');
  const only = { backends: listOption('--backends'), sizes: listOption('--sizes') };
  const results: BenchResults = {
    date: new Date().toISOString(),
    machine: `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}`,
    node: [],
    browser: null,
  };
  const nodeBackends = NODE_BACKENDS.filter((b) => only.backends?.includes(b) ?? true);
  for (const backend of process.argv.includes('--browser-only') ? [] : nodeBackends) {
    console.error(`== Node, ${backend}`);
    results.node.push(await nodeBench(backend, only.sizes ?? SIZE_IDS, quick));
  }
  if (!process.argv.includes('--node-only')) {
    console.error('== Browser');
    results.browser = await runBrowserBench({ quick, ...only }).catch((error: unknown) => ({
      unavailable: String(error),
    }));
  }
  const dir = resolve(ROOT, 'bench-results');
  mkdirSync(dir, { recursive: true });
  const json = JSON.stringify(results, null, 2);
  writeFileSync(resolve(dir, `${results.date.replace(/[:.]/g, '-')}.json`), json);
  writeFileSync(resolve(dir, 'latest.json'), json);
  printTable(results);
}

await main();

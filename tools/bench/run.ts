/**
 * `npm run bench`: the engine in Node on every backend (one child process each), then the built app
 * in headless Chromium; writes bench-results/<time>.json and bench-results/latest.json and prints a table.
 *
 *   npm run bench                 # everything (about 10 minutes on 2 cores)
 *   npm run bench -- --node-only  # the engine in Node only
 *   npm run bench -- --browser-only  # the built app in Chromium only
 *   npm run bench -- --quick      # shorter timing budgets
 *   npm run bench -- --browser-only --backends wasm --sizes demo,ctgan  # an A/B of one change
 *   npm run bench -- --node-only --backends wasm --sizes ctgan-model,ctgan --peer  # against CTGAN itself
 *
 * --peer alternates the Node wasm stage with CTGAN itself in PyTorch on the same machine (A B A B,
 * peer.ts; --peer-threads N gives PyTorch N threads, 1 by default as our wasm has one) and prints the
 * ratios; where the peer is not set up it says why and prints our figures alone.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { runBrowserBench, type BrowserFigures } from './browser';
import type { BackendFigures } from './figures';
import type { NodeBenchBackend } from './nodeBackends';
import { locatePeer, runPeer, type PeerFigures } from './peer';
import { printTable } from './table';
import { ROOT, SIZE_IDS } from './sizes';

export interface BenchResults {
  date: string;
  machine: string;
  node: BackendFigures[];
  browser: BrowserFigures | { unavailable: string } | null;
  /** CTGAN in PyTorch alternated with the Node wasm stage (--peer), or why it did not run. */
  peer?: PeerRound[] | { unavailable: string };
}

/** One A B pair: our Node wasm figures, then CTGAN's. */
export interface PeerRound {
  ours: BackendFigures;
  peer: PeerFigures;
}

/** A B A B: two rounds, so a drift of the shared machine's speed shows as a difference between rounds. */
const PEER_ROUNDS = 2;

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
function nodeBench(
  backend: NodeBenchBackend,
  sizes: string[],
  quick: boolean,
  memory = true,
): Promise<BackendFigures> {
  const args = ['--expose-gc', '--import', 'tsx', '--import', './tools/bench/esmHooks.mjs'];
  args.push('tools/bench/engineNode.ts', backend, sizes.join(','));
  args.push(...(quick ? ['--quick'] : []), ...(memory ? [] : ['--no-memory']));
  const env = backend === 'webgpu' ? { ...process.env, ...WEBGPU_ENV } : process.env;
  return new Promise((done) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    // A backend that hangs (a driver that never answers) must not stall the whole bench; a busy
    // machine (a load of 20 on 2 cores) can take 10 minutes over the Adult setups.
    const timer = setTimeout(() => child.kill('SIGKILL'), 20 * 60_000);
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

/** The Node wasm stage alternated with CTGAN in PyTorch; rounds after the first skip the memory stage. */
async function alternateWithPeer(results: BenchResults, sizes: string[], quick: boolean): Promise<void> {
  const setup = locatePeer();
  if (!setup.ok) {
    console.error(`== Peer: ${setup.error}; our figures alone`);
    results.peer = { unavailable: setup.error };
    results.node.push(await nodeBench('wasm', sizes, quick));
    return;
  }
  const threads = Number(listOption('--peer-threads')?.[0] ?? 1);
  const rounds: PeerRound[] = [];
  for (let round = 1; round <= PEER_ROUNDS; round++) {
    console.error(`== Node, wasm (round ${round} of ${PEER_ROUNDS})`);
    const ours = await nodeBench('wasm', sizes, quick, round === 1);
    results.node.push({ ...ours, backend: `wasm, round ${round}` });
    console.error(`== CTGAN in PyTorch (round ${round} of ${PEER_ROUNDS})`);
    const peer = await runPeer(setup.value, threads);
    if (!peer.ok) {
      results.peer = { unavailable: peer.error };
      return;
    }
    rounds.push({ ours, peer: peer.value });
  }
  results.peer = rounds;
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
  const sizes = only.sizes ?? SIZE_IDS;
  for (const backend of process.argv.includes('--browser-only') ? [] : nodeBackends) {
    if (backend === 'wasm' && process.argv.includes('--peer')) {
      await alternateWithPeer(results, sizes, quick);
      continue;
    }
    console.error(`== Node, ${backend}`);
    results.node.push(await nodeBench(backend, sizes, quick));
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

/**
 * The peer: CTGAN itself (sdv-dev/CTGAN in PyTorch) timed on the same machine, in the same run, so our
 * speed is stated as a ratio to it rather than against a figure taken on another day (`npm run bench --
 * --peer`). CTGAN's and RDT's sources are under a licence that forbids copying them into this project:
 * they are unpacked outside it, in the folder CTGAN_PEER names (default /tmp/peer), as
 * docs/benchmarks.md says. Free of tfjs, like the bench's driver process.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fail, ok, type Result } from '../../src/data/table';
import { median } from './figures';
import { ADULT_CSV, ROOT } from './sizes';

export interface PeerFigures {
  ctgan: string;
  torch: string;
  threads: number;
  stepsPerEpoch: number;
  /** Encoder fit and transform, sampler and network set-up. */
  fitBeforeFirstEpochS: number;
  epochSeconds: number[];
  /** CPU time of CTGAN's process per epoch. */
  epochCpuSeconds: number[];
  /** The 1-minute load average when the run started: the machine is shared. */
  loadAtStart: number;
}

interface PeerSetup {
  python: string;
  pythonPath: string;
}

/** Epochs per peer run: the first warms PyTorch up, so a median of three is one run's figure. */
const PEER_EPOCHS = 3;

/**
 * How long CTGAN's run may take: a few minutes on a quiet machine, but on 2 cores shared with a load
 * of 20 its three epochs and encoder fit took over 10 minutes (the CPU-time figures stay usable).
 */
const PEER_LIMIT_MS = 30 * 60_000;

/** Where the peer is set up, or why it is not. */
export function locatePeer(): Result<PeerSetup> {
  const folder = resolve(process.env.CTGAN_PEER ?? '/tmp/peer');
  const python = process.env.CTGAN_PEER_PYTHON ?? '/usr/bin/python3';
  const sources = [resolve(folder, 'ctgan'), resolve(folder, 'rdt')];
  const missing = [resolve(sources[0]!, 'ctgan'), resolve(sources[1]!, 'rdt'), python, ADULT_CSV];
  const absent = missing.filter((path) => !existsSync(path));
  if (absent.length) {
    return fail(`the peer is not set up here (${absent.join(', ')} absent; see docs/benchmarks.md)`);
  }
  // RDT imports `faker`, which CTGAN never calls: the shared peer folder has a stand-in.
  const stubs = [resolve(folder, 'run/stubs'), resolve(ROOT, '../shared/peer/stubs')].find(existsSync);
  return ok({ python, pythonPath: [...sources, ...(stubs ? [stubs] : [])].join(':') });
}

/** Fits CTGAN for a few epochs on Adult and reads its epoch times. */
export function runPeer(setup: PeerSetup, threads: number): Promise<Result<PeerFigures>> {
  const script = resolve(ROOT, 'tools/bench/peer_ctgan.py');
  const env = {
    ...process.env,
    PYTHONPATH: setup.pythonPath,
    // Without these, BLAS's and PyTorch's thread pools fight and epochs take many times longer.
    OPENBLAS_NUM_THREADS: String(threads),
    OMP_NUM_THREADS: String(threads),
    MKL_NUM_THREADS: String(threads),
    OMP_WAIT_POLICY: 'PASSIVE',
  };
  const loadAtStart = Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
  const args = [script, ADULT_CSV, String(PEER_EPOCHS), String(threads)];
  return new Promise((done) => {
    const child = spawn(setup.python, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, PEER_LIMIT_MS);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      if (!line) {
        const why = timedOut
          ? `stopped after ${PEER_LIMIT_MS / 60_000} minutes (load ${loadAtStart} at its start)`
          : `exited with ${code ?? signal}: ${err.trim().split('\n').slice(-3).join(' ')}`;
        done(fail(`CTGAN's run ${why}`));
        return;
      }
      done(ok({ ...(JSON.parse(line.slice(7)) as Omit<PeerFigures, 'loadAtStart'>), loadAtStart }));
    });
  });
}

/** One run's seconds per epoch, of the wall clock or of CPU time. */
export function peerEpochSeconds(figures: PeerFigures, clock: 'wall' | 'cpu' = 'wall'): number {
  return median(clock === 'wall' ? figures.epochSeconds : figures.epochCpuSeconds);
}

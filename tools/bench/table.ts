/** Prints bench results as Markdown tables (docs/benchmarks.md's tables are pasted from this output). */
import type { BrowserFigures } from './browser';
import { median } from './figures';
import { peerEpochSeconds } from './peer';
import type { BenchResults, PeerRound } from './run';

const ms = (v: number | undefined, digits = 1) =>
  v === undefined || Number.isNaN(v) ? '–' : v.toFixed(digits);
const int = (v: number | undefined) => (v === undefined ? '–' : Math.round(v).toLocaleString('en'));
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

export function printTable(results: BenchResults): void {
  const lines: string[] = [`Bench of ${results.date} on ${results.machine}`, ''];
  lines.push('Engine in Node (median ms per training step; s/epoch for the Adult setup):', '');
  lines.push('| backend | setup | ms/step | CPU ms/step | rows/s | s/epoch | kernels/step | first step ms |');
  lines.push('|---|---|---:|---:|---:|---:|---:|---:|');
  for (const b of results.node) {
    if (b.unavailable) {
      lines.push(`| ${b.backend} | unavailable: ${b.unavailable} | | | | | | |`);
      continue;
    }
    for (const s of b.sizes ?? []) {
      if (s.unavailable) lines.push(`| ${b.backend} | ${s.size}: skipped, ${s.unavailable} | | | | | | |`);
      else
        lines.push(
          `| ${b.backend} | ${s.size} | ${ms(s.msPerStep)} | ${ms(s.cpuMsPerStep)} | ${int(s.rowsPerSecond)} | ` +
            `${s.size !== 'demo' ? ms(s.secondsPerEpoch, 2) : '–'} | ${int(s.kernelsPerStep)} | ${int(s.firstStepMs)} |`,
        );
    }
  }
  for (const b of results.node) {
    const points = b.memory?.points ?? [];
    if (points.length) {
      const text = points.map(
        (p) => `${p.tensors} tensors, ${kb(p.heapBytes ?? NaN)} heap after ${p.step} steps`,
      );
      lines.push('', `Node ${b.backend} memory (demo setup, ${b.memory!.heapNote}): ${text.join('; ')}`);
    }
  }
  if (results.peer) lines.push(...peerLines(results.peer));
  const browser = results.browser;
  if (browser && 'unavailable' in browser) lines.push('', `Browser: unavailable: ${browser.unavailable}`);
  else if (browser) lines.push(...browserLines(browser));
  console.log(lines.join('\n'));
}

/**
 * Our Node wasm s/epoch beside CTGAN's in PyTorch, round by round (wall clock, CPU time in brackets),
 * and the ratios of the medians.
 */
function peerLines(peer: PeerRound[] | { unavailable: string }): string[] {
  if ('unavailable' in peer) return ['', `Peer (CTGAN in PyTorch): not run: ${peer.unavailable}`];
  const first = peer[0]!.peer;
  const steps = first.stepsPerEpoch;
  const sizes = (peer[0]!.ours.sizes ?? []).filter((s) => s.msPerStep !== undefined).map((s) => s.size);
  const ours = (round: PeerRound, size: string, clock: 'wall' | 'cpu') => {
    const figures = round.ours.sizes?.find((s) => s.size === size);
    return ((clock === 'wall' ? figures?.msPerStep : figures?.cpuMsPerStep) ?? NaN) * (steps / 1000);
  };
  const both = (wall: number, cpu: number) => `${ms(wall, 2)} (${ms(cpu, 2)})`;
  const lines = [
    '',
    `Against CTGAN ${first.ctgan} in PyTorch ${first.torch} (${first.threads} thread(s)), alternated with ` +
      `our Node wasm runs: seconds per Adult epoch of ${steps} steps, wall clock (CPU time):`,
    '',
    `| round | ${sizes.map((s) => `ours, ${s}`).join(' | ')} | CTGAN | CTGAN's epochs | load at CTGAN's start |`,
    `|---|${sizes.map(() => '---:|').join('')}---:|---|---:|`,
  ];
  for (const [i, round] of peer.entries()) {
    const cells = sizes.map((s) => both(ours(round, s, 'wall'), ours(round, s, 'cpu')));
    const theirs = both(peerEpochSeconds(round.peer), peerEpochSeconds(round.peer, 'cpu'));
    const epochs = round.peer.epochSeconds.map((e) => e.toFixed(2)).join(', ');
    lines.push(
      `| ${i + 1} | ${cells.join(' | ')} | ${theirs} | ${epochs} | ${round.peer.loadAtStart.toFixed(2)} |`,
    );
  }
  const ratio = (size: string, clock: 'wall' | 'cpu') =>
    median(peer.map((r) => ours(r, size, clock))) / median(peer.map((r) => peerEpochSeconds(r.peer, clock)));
  lines.push('');
  for (const size of sizes) {
    lines.push(
      `${size}: **${ratio(size, 'wall').toFixed(2)}×** CTGAN's time per epoch by the wall clock, ` +
        `${ratio(size, 'cpu').toFixed(2)}× by CPU time (medians of the rounds)`,
    );
  }
  const setup = peer.map((r) => r.peer.fitBeforeFirstEpochS.toFixed(1)).join(', ');
  lines.push(`CTGAN's encoder fit and set-up before its first epoch: ${setup} s`);
  return lines;
}

function browserLines(b: BrowserFigures): string[] {
  const lines = [
    '',
    `Built app in headless Chromium ${b.chromium} (steps counted on screen against the clock):`,
    '',
  ];
  lines.push(
    '| backend | setup | ms/step | rows/s | s/epoch | Train → first point ms | long tasks > 50 ms | longest task ms |',
  );
  lines.push('|---|---|---:|---:|---:|---:|---:|---:|');
  for (const entry of b.backends) {
    if (entry.unavailable) {
      lines.push(`| ${entry.backend} | unavailable: ${entry.unavailable.replace(/\s+/g, ' ')} | | | | | | |`);
      continue;
    }
    for (const s of entry.sizes) {
      if (s.unavailable) lines.push(`| ${entry.backend} | ${s.size}: ${s.unavailable} | | | | | | |`);
      else
        lines.push(
          `| ${entry.backend} | ${s.size} | ${ms(s.msPerStep)} | ${int(s.rowsPerSecond)} | ` +
            `${s.size !== 'demo' ? ms(s.secondsPerEpoch, 2) : '–'} | ${int(s.trainToFirstPointMs)} | ` +
            `${s.longTasksOver50ms ?? '–'} | ${ms(s.longestTaskMs, 0)} |`,
        );
    }
  }
  const load = (name: string, l: BrowserFigures['firstLoad']) =>
    `${name}: first paint ${int(l.firstPaintMs)} ms, backend chosen ${int(l.backendMs)} ms ` +
    `(${l.backend}: ${l.reason}), interactive (Train enabled) ${int(l.interactiveMs)} ms`;
  lines.push('', load('First load (empty profile)', b.firstLoad));
  lines.push(
    `${load('Second load (same profile)', b.cachedLoad)}; Train → first point ${int(b.cachedLoad.trainToFirstPointMs)} ms`,
  );
  lines.push(
    `JS before first paint: ${kb(b.jsBeforeFirstPaint.gzipBytes)} gzip (${b.jsBeforeFirstPaint.files.map((f) => f.path).join(', ')})`,
  );
  const panels = b.panelsInUse;
  lines.push(
    'unavailable' in panels
      ? `Every panel in use while training: unavailable: ${panels.unavailable}`
      : `Every panel in use while training (${panels.backend}, ${panels.size}; Generate, Evaluate and ` +
          `Compute map pressed; ${panels.seconds.toFixed(0)} s, ${panels.steps} steps): ` +
          `${panels.longTasksOver50ms} main-thread tasks over 50 ms, longest ${ms(panels.longestTaskMs, 0)} ms`,
  );
  if ('unavailable' in b.memory) lines.push(`Worker memory: unavailable: ${b.memory.unavailable}`);
  else {
    const text = b.memory.points.map(
      (p) =>
        `${p.tensors} tensors, ${p.heapBytes === null ? 'heap –' : kb(p.heapBytes) + ' heap'} after ${p.step} steps`,
    );
    lines.push(`Worker memory (${b.memory.note}): ${text.join('; ')}`);
  }
  return lines;
}

/**
 * The built app for the browser benches: `vite build`, then `vite preview` on a port of their own, so a
 * bench never measures a stale build or someone's dev server.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { ROOT } from './sizes';

/**
 * Builds the app into `outDir` (dist by default); skipped with --no-build. `extra`: more vite build
 * options (`--minify false` keeps function names for a profile's attribution).
 */
export function buildApp(outDir?: string, extra: string[] = []): void {
  if (process.argv.includes('--no-build')) return;
  console.error('building the app (vite build)…');
  const out = outDir ? ['--outDir', outDir, '--emptyOutDir'] : [];
  const result = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn', ...out, ...extra], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('vite build failed');
}

/** Serves the build on 127.0.0.1:`port` and resolves once it answers; kill the process when done. */
export async function serveApp(port: number, outDir?: string): Promise<ChildProcess> {
  // vite itself, not through npx: killing npx would leave the server running.
  const vite = resolve(ROOT, 'node_modules/vite/bin/vite.js');
  const out = outDir ? ['--outDir', outDir] : [];
  const server = spawn(process.execPath, [vite, 'preview', ...out, '--port', String(port), '--strictPort'], {
    cwd: ROOT,
    stdio: 'ignore',
  });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/`)).ok) return server;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  server.kill();
  throw new Error(`vite preview did not start on port ${port} (set BENCH_PORT to another port)`);
}

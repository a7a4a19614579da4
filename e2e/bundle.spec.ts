import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';

/*
 * The page reaches the engine only through src/api, which must hold no TensorFlow.js: tfjs belongs in
 * the workers. Checked on the production build the other e2e tests run against, by the kernel names
 * every tfjs build registers as strings (minifiers keep strings).
 */
const TFJS_MARKERS = ['BatchMatMul', 'FusedMatMul', 'tfjs-backend-wasm'];
const dist = resolve(import.meta.dirname, '../dist');
const read = (path: string) => readFileSync(resolve(dist, path.replace(/^\//, '')), 'utf8');

/** The page's own scripts: the entry module and every chunk it imports statically, transitively. */
function pageScripts(): Map<string, string> {
  const entry = /<script type="module"[^>]*src="([^"]+)"/.exec(read('index.html'))?.[1];
  if (!entry) throw new Error('dist/index.html has no module script: run vite build first.');
  const scripts = new Map<string, string>();
  const visit = (path: string) => {
    if (scripts.has(path)) return;
    const code = read(path);
    scripts.set(path, code);
    for (const [, chunk] of code.matchAll(/\bimport\s*(?:[\w${},\s*]+from\s*)?["']\.\/([^"']+\.js)["']/g))
      visit(`assets/${chunk}`);
  };
  visit(entry);
  return scripts;
}

test('the page bundle holds no TensorFlow.js; the training worker does', () => {
  const scripts = pageScripts();
  expect(scripts.size).toBeGreaterThan(0);
  for (const [path, code] of scripts) {
    for (const marker of TFJS_MARKERS)
      expect(code.includes(marker), `${path} contains ${marker}`).toBe(false);
  }
  // The markers do find tfjs where it belongs, so their absence above means something.
  const entry = [...scripts.values()][0]!;
  const worker = /engine\.worker-[\w-]+\.js/.exec(entry)?.[0];
  expect(worker, 'the page names its training worker').toBeTruthy();
  expect(read(`assets/${worker}`)).toContain('BatchMatMul');
});

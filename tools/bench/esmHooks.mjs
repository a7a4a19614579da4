/**
 * Lets Node load tfjs's ES module build (which Vite and Vitest resolve, but whose relative imports
 * omit the `.js` extension): a failed relative import inside @tensorflow is retried with `.js`.
 * Used as `node --import tsx --import ./tools/bench/esmHooks.mjs` by the benchmarks.
 */
import { register } from 'node:module';

register('./esmResolve.mjs', import.meta.url);

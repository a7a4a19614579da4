/**
 * `npm run bench:explorer`: the black-box explorer on Adult and bank-full, in Node on the wasm backend,
 * for both training modes (through the surrogate, gradient-free) and realism weights 0 and 0.7. Prints,
 * per run: training time (wall and CPU), the forest's held-out accuracy, the surrogate's held-out
 * agreement, the MAE between asked and obtained confidence on the panel's 1,000 fixed asks, overall and
 * per decile of asked confidence, success per class, and the quality score of generated rows against
 * real training rows; then the CTGAN-style model at its defaults for as many steps, the realism target's
 * reference (`ctgan` in `--runs`; left out when `--runs` names no `ctgan`). Issue 20's targets: MAE at most 0.05 on Adult, no decile above 0.10, and with the
 * realism term on a quality score within 0.05 of the CTGAN-style model's (docs/benchmarks.md).
 *
 *   npm run bench:explorer                          # both tables at once, the stated budget
 *   npm run bench:explorer -- --steps 500           # a shorter budget
 *   npm run bench:explorer -- --table adult --runs surrogate:0,gradient-free:0
 *   npm run bench:explorer -- --table adult --runs surrogate:1,ctgan
 *   npm run bench:explorer -- --table adult --runs surrogate:0.7 --seed 7   # another seed
 *   QUALITY_DETAIL=1 npm run bench:explorer ...      # also each column's shape score
 *
 * Reads the tables from ../shared/data (never copied into the repository).
 */
// tfjs's ES-module build imports its own files without extensions: Node needs the resolve hook first.
import './esmHooks.mjs';

await import('./explorerRun');

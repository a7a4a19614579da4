/**
 * `npm run bench:dsfgan`: does DSF-GAN's downstream feedback buy utility, and what does it cost in
 * fidelity? For λ in {0, 0.5, 1, 2} (λ = 0 is the plain CGAN), on Adult (target income) and on the cars
 * demo (target Miles_per_Gallon, a regression), it trains the same short run per seed with the app's λ
 * sweep (src/worker/lambdaSweep.ts, Node, wasm backend) and prints, as mean ± sd over seeds: held-out
 * precision, recall and F1 (or RMSE and R²) of a logistic (or ridge) model trained on the generated rows,
 * and the quality score of those rows; the same model trained on real training rows is the reference.
 * Each seed draws its own stratified held-out split (20% of the rows, as the app does). Last, the cost of
 * one live-utility measurement (see app/useLiveUtility.ts) beside the time of a training step.
 *
 *   npm run bench:dsfgan                      # both tables, 3 seeds (a quarter of an hour on 2 idle cores)
 *   npm run bench:dsfgan -- --quick           # 1 seed, a third of the steps
 *   npm run bench:dsfgan -- --table cars      # one table
 *   npm run bench:dsfgan -- --table adult-derived   # Adult on the settings the page derives for it
 *   npm run bench:dsfgan -- --live-cost       # only what one live-utility measurement costs
 *
 * Adult is read from ../shared/data (never copied into the repository); without it, only cars runs.
 */
// tfjs's ES-module build imports its own files without extensions: Node needs the resolve hook in place
// before tfjs is first imported, hence a dynamic import after it.
import './esmHooks.mjs';

await import('./dsfganRun');

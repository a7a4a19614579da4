/**
 * `npm run bench:fidelity`: how faithful the CTGAN-style model's rows are, measured as the research notes
 * (section 4) define it, on Adult and bank-full, in Node on the wasm backend with a fixed seed and a fixed
 * budget of epochs. Prints the encoder's fit time, seconds per epoch, the quality score and its parts, how
 * each feature depends on the target in real and generated rows, and the F1 on real held-out rows of the
 * CTGAN paper's four classifiers (src/eval/ml/sdgym.ts) trained on synthetic rows, per classifier and averaged
 * (and on real rows, for reference). The CGAN, the app's simple default, runs beside it as a baseline.
 *
 *   npm run bench:fidelity                     # both tables at once, the stated budget (~10 min, 2 cores)
 *   npm run bench:fidelity -- --epochs 2       # a shorter budget
 *   npm run bench:fidelity -- --table bank --model ctgan --epochs 20,60,100   # measured at each
 *   npm run bench:fidelity -- --table adult    # one table
 *   npm run bench:fidelity -- --seed 7         # another model seed (the split and classifiers stay)
 *
 * Reads the tables from ../shared/data (never copied into the repository).
 */
// tfjs's ES-module build imports its own files without extensions: Node needs the resolve hook in place
// before tfjs is first imported, hence a dynamic import after it.
import './esmHooks.mjs';

await import('./fidelityRun');

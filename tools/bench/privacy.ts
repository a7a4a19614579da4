/**
 * `npm run bench:privacy`: what differential privacy costs the CTGAN-style model on Adult. For each ε (at
 * δ = 10⁻⁵, below 1/rows) the model trains for a stated budget of epochs with DP-SGD on its critic (σ
 * chosen so the budget spends ε), then the app's report scores the generated rows: quality score, mean F1
 * on held-out real rows of five model classes trained on synthetic rows, DCR, and the membership-inference
 * AUC. ε = ∞ is the same model without DP. Each run is built as the app builds it (src/train/run.ts,
 * the settings' `differentialPrivacy`). Time per step is wall
 * (and CPU) time on the wasm backend in Node; compare rows of one run, as other jobs share the machine.
 *
 *   npm run bench:privacy                          # ε 1, 3, 8, ∞, 10 epochs each
 *   npm run bench:privacy -- --epochs 3 --epsilons 3,inf
 *   npm run bench:privacy -- --timing-blocks 0        # skip the A/B timing of a step
 *
 * Reads Adult from ../shared/data (never copied into the repository). Figures: docs/privacy.md.
 */
import './esmHooks.mjs';

await import('./privacyRun');

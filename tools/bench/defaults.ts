/**
 * `npm run bench:defaults`: do the defaults the app derives from a table (src/models/tableDefaults.ts)
 * hold up? Trains each table with them, and with the CGAN's and the CTGAN-style model's derived settings
 * beside them, for the same budget (steps and training seconds, whichever comes first: the machine is
 * shared, so both are stated), in Node on the wasm backend with the app's split (20% held out). Prints,
 * per run, the fixed batch's quality against the training rows (the health check's figure, as the page
 * draws it), the health problems raised, and the held-out utility (logistic or linear regression
 * trained on generated rows, tested on held-out real rows; real training rows for reference).
 *
 *   npm run bench:defaults                                         # every table, 120 s or 3,000 steps
 *   npm run bench:defaults -- --tables adult --seconds 240 --models derived
 *   npm run bench:defaults -- --tables penguins,generated --steps 500
 *   npm run bench:defaults -- --tables adult,bank,generated --cpu-seconds 120   # a shared machine
 *
 * Adult and bank-full come from ../shared/data (skipped when it is missing); "generated" is a table the
 * bench draws itself (a date, a long-tailed number, missing values, a 3% class).
 */
import './esmHooks.mjs';

await import('./defaultsRun');

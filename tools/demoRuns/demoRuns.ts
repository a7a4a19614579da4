/**
 * `npm run demo-runs`: trains each demo table's default model (the settings the page derives for it)
 * for 1,000 steps with seed 42 in Node, on the deterministic cpu backend, and writes its run file to
 * public/demos/<table>.ganrun, so the page can open a demo on a trained state at once (Runs → Open
 * trained demo, or `#table=penguins.csv&trained=1`). The same code and seed write the same bytes: each
 * file's size and CRC-32 are printed to check it (run it twice and compare).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { appendDecimated } from '../../app/lossSeries';
import { derivedSettings, tableFacts } from '../../src/models/tableDefaults';
import { crc32, encodeRunFile, type RunRecord, type TableStep } from '../../src/train/runFile';
import { nodeSessionEnvironment } from '../../src/worker/nodeBackends';
import type { LossPoint, TrainingProgress } from '../../src/worker/protocol';
import { EngineSession } from '../../src/worker/session';
import { describeModel } from '../../src/models/catalog';

const STEPS = 1000;
const SEED = 42;
/** A fixed time: the file's bytes must not depend on when it was made. */
const SAVED_AT = '2026-01-01T00:00:00.000Z';
const DEMOS = resolve(import.meta.dirname, '../../public/demos');

interface Demo {
  file: string;
  title: string;
  target: string;
}

/** Trains one demo and returns its run file. */
export async function demoRun(demo: Demo): Promise<Uint8Array> {
  let points: LossPoint[] = [];
  let progress: TrainingProgress | null = null;
  const session = new EngineSession(nodeSessionEnvironment('cpu'));
  await session.init((e) => {
    if (e.type === 'progress') {
      progress = e.progress;
      points = appendDecimated(points, e.progress.points);
    }
  });
  const bytes = new Uint8Array(await readFile(resolve(DEMOS, demo.file)));
  // The calls the page makes for a demo (app/components/DataPanel.tsx): its URL, then its target.
  const recipe: TableStep[] = [{ method: 'loadUrl', args: [`demos/${demo.file}`, demo.file] }];
  let table = unwrap(await session.loadFile(bytes, demo.file));
  const target = table.columns.findIndex((c) => c.name === demo.target);
  if (target >= 0 && target !== table.target) {
    table = unwrap(await session.setTarget(target));
    recipe.push({ method: 'setTarget', args: [target] });
  }
  const settings = { ...derivedSettings(tableFacts(table)).settings, seed: SEED };
  for (let i = 0; i < STEPS; i++) unwrap(await session.step(settings));
  const saved = unwrap(await session.saveRun());
  const shown = progress as TrainingProgress | null;
  if (!shown) throw new Error('no progress');
  const label = describeModel(settings.model)!.label;
  const record: RunRecord = {
    name: `Trained demo: ${demo.title} (${label}, ${STEPS.toLocaleString('en')} steps, seed ${SEED})`,
    savedAt: SAVED_AT,
    table: saved.table,
    recipe,
    curves: {
      lossNames: shown.lossNames,
      metricNames: shown.metricNames,
      stages: shown.stages,
      points,
    },
    health: null,
    // Elapsed time is the machine's, not the run's: left out so the bytes repeat.
    checkpoint: { ...saved.checkpoint, elapsedMs: 0 },
  };
  await session.reset();
  return encodeRunFile(record);
}

function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: string }): T {
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

async function main() {
  const demos = JSON.parse(await readFile(resolve(DEMOS, 'index.json'), 'utf8')) as Demo[];
  for (const demo of demos) {
    const started = performance.now();
    const file = await demoRun(demo);
    const out = resolve(DEMOS, demo.file.replace(/\.[^.]+$/, '.ganrun'));
    await writeFile(out, file);
    // The CRC the file ends with (of every byte before it): equal CRCs, equal files.
    const crc = crc32(file.subarray(0, file.length - 4))
      .toString(16)
      .padStart(8, '0');
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`${out}: ${file.length.toLocaleString('en')} bytes, CRC-32 ${crc} (${seconds} s)`);
  }
}

await main();

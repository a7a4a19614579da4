/**
 * What the live views cost training, in the engine: the session trains the CGAN on the penguins demo
 * (wasm, as the page on this machine class) in windows that alternate between nobody watching and a
 * page watching every view (the per-column views and the discriminator's map, asked for every 500 ms
 * as app/components/watch/useSnapshotView.ts does). Prints steps per second in each window and the
 * slowdown with the views on; the target is at most 10%. The lattice of the map is scored at every
 * snapshot whether or not anyone watches, so it is in both columns (its own cost: see the note printed).
 *
 * Run: node --import tsx --import ./tools/bench/esmHooks.mjs tools/bench/liveViews.ts [--window 6] [--rounds 4]
 */
import { performance } from 'node:perf_hooks';
import { startSession } from '../../test-support/session';
import { defaultSettings, type TrainingSettings } from '../../src/models/catalog';

const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(name);
  return at < 0 ? fallback : Number(process.argv[at + 1]);
};
const WINDOW_S = arg('--window', 6);
const ROUNDS = arg('--rounds', 4);
const POLL_MS = 500;

async function main(): Promise<void> {
  const { session } = await startSession();
  const settings: TrainingSettings = { ...defaultSettings('cgan'), epochs: 100_000 };
  await session.step(settings);
  const windows: { watched: boolean; stepsPerSecond: number }[] = [];
  for (let round = 0; round < 2 * ROUNDS; round++) {
    // Alternated, so a busy moment on a shared machine falls on both sides.
    const watched = round % 2 === 1;
    const before = (await session.pause()).step;
    const start = performance.now();
    await session.train(settings);
    let known: { live: number | null; map: number | null } = { live: null, map: null };
    const poll = async () => {
      const live = await session.liveView(known.live);
      const map = await session.discriminatorMap(known.map);
      known = {
        live: live.ok && live.value ? live.value.snapshot.id : known.live,
        map: map.ok && map.value ? map.value.snapshot.id : known.map,
      };
    };
    while (performance.now() - start < WINDOW_S * 1000) {
      if (watched) await poll();
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    const after = (await session.pause()).step;
    const seconds = (performance.now() - start) / 1000;
    windows.push({ watched, stepsPerSecond: (after - before) / seconds });
  }
  await session.reset();
  const mean = (watched: boolean) => {
    const values = windows.filter((w) => w.watched === watched).map((w) => w.stepsPerSecond);
    return values.reduce((s, v) => s + v, 0) / values.length;
  };
  console.log(
    `Live views' cost, CGAN on penguins (wasm), ${ROUNDS} windows of ${WINDOW_S} s each way, alternated`,
  );
  console.log('window | watched | steps/s');
  windows.forEach((w, i) =>
    console.log(`${i + 1} | ${w.watched ? 'yes' : 'no'} | ${w.stepsPerSecond.toFixed(1)}`),
  );
  const off = mean(false);
  const on = mean(true);
  console.log(
    `mean: ${off.toFixed(1)} steps/s unwatched, ${on.toFixed(1)} watched: ${((1 - on / off) * 100).toFixed(1)}% slower`,
  );
}

void main();

import { readFileSync } from 'node:fs';
import { it } from 'vitest';
import { EngineSession } from './session';
import { nodeSessionEnvironment } from './nodeBackends';
import { defaultSettings, type TrainingSettings } from '../models/catalog';

it('times', { timeout: 600_000 }, async () => {
  for (const [file, bytes] of [
    ['penguins.csv', readFileSync('public/demos/penguins.csv')],
    ['adult.csv', readFileSync('../shared/data/adult.csv')],
  ] as const) {
    for (const model of ['tablegan', 'ctgan', 'dsfgan', 'dsfctgan'] as const) {
      const session = new EngineSession(nodeSessionEnvironment('wasm'));
      await session.init(() => {});
      await session.loadFile(new Uint8Array(bytes), file);
      const settings = { ...defaultSettings(model), batchSize: model.includes('ctgan') ? 100 : 64 } as TrainingSettings;
      await session.step(settings);
      await session.takeSnapshot();
      const kinds = await session.ideaKinds();
      const out: string[] = [];
      for (const kind of kinds) {
        let t = performance.now();
        const first = await session.modelIdea(kind, null);
        const a = performance.now() - t;
        t = performance.now();
        await session.modelIdea(kind, null);
        const b = performance.now() - t;
        const size = JSON.stringify(first, (_, v) => (v instanceof Float32Array ? Array.from(v) : v)).length;
        out.push(`${kind}: first ${a.toFixed(1)} ms, again ${b.toFixed(1)} ms, ${size} chars`);
      }
      const view = await session.liveView(null);
      if (view.ok && view.value) {
        const times: number[] = [];
        for (let c = 0; c < view.value.columns.length; c++) {
          const t = performance.now();
          await session.barRows({ snapshotId: view.value.snapshot.id, column: c, bin: 0 });
          times.push(performance.now() - t);
        }
        times.sort((a, b) => a - b);
        out.push(`barRows median ${times[times.length >> 1]!.toFixed(1)} ms, worst ${times.at(-1)!.toFixed(1)} ms over ${times.length} columns`);
      }
      console.log(file, model, out.join(' | '));
      await session.reset();
    }
  }
});

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeSessionEnvironment } from '../worker/nodeBackends';
import { EngineSession } from '../worker/session';
import type { TrainingSettings } from '../models/catalog';
import { decodeRunFile } from './runFile';

/*
 * The trained demo runs shipped in public/demos (written by `npm run demo-runs`) still open on their
 * tables with this engine: a change to the file format, a model's networks or the table's reading
 * fails here (then run `npm run demo-runs` again).
 */
const demos = resolve(import.meta.dirname, '../../public/demos');
const index = JSON.parse(readFileSync(resolve(demos, 'index.json'), 'utf8')) as { file: string }[];

describe('shipped demo runs', () => {
  for (const { file } of index) {
    it(`${file}: its trained run opens at step 1,000 with seed 42, and trains on`, async () => {
      const decoded = decodeRunFile(
        new Uint8Array(readFileSync(resolve(demos, file.replace(/\.csv$/, '.ganrun')))),
      );
      if (!decoded.ok) throw new Error(decoded.error);
      const record = decoded.value;
      expect(record.checkpoint).toMatchObject({ step: 1000, settings: { seed: 42 } });
      expect(record.curves.points.length).toBeGreaterThan(100);

      const session = new EngineSession(nodeSessionEnvironment('cpu'));
      await session.init(() => {});
      const table = new Uint8Array(readFileSync(resolve(demos, file)));
      for (const { method, args } of record.recipe) {
        const done =
          method === 'loadUrl'
            ? await session.loadFile(table, String(args[1]))
            : await session.setTarget(Number(args[0]));
        if (!done.ok) throw new Error(done.error);
      }
      const opened = await session.openRun(record);
      expect(opened.ok && opened.value).toMatchObject({ step: 1000, status: 'paused' });
      expect(
        (await session.verdictStatus()).kind === 'ready' && (await session.verdictStatus()),
      ).toMatchObject({
        snapshots: [{ step: 1000 }],
      });
      const stepped = await session.step(record.checkpoint.settings as TrainingSettings);
      expect(stepped.ok && stepped.value.step).toBe(1001);
      await session.reset();
    }, 60_000);
  }
});

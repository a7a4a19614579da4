import { describe, expect, it } from 'vitest';
import { startSession } from '../../test-support/session';
import type { TrainingSettings } from '../worker/protocol';
import { MODEL_DESCRIPTIONS } from './catalog';
import { STEP_PHASES } from './picture';

const pictured = MODEL_DESCRIPTIONS.filter((d) => d.picture);

describe('a model picture', () => {
  it('is drawn for every GAN family', () => {
    expect(pictured.map((d) => d.id)).toEqual(['cgan', 'ctgan', 'dsfgan', 'dsfctgan', 'tablegan']);
  });

  it("says how rows look to the networks as the settings encode numbers (a large table's CGAN uses modes)", () => {
    for (const id of ['cgan', 'dsfgan', 'ctgan'] as const) {
      const description = MODEL_DESCRIPTIONS.find((d) => d.id === id)!;
      const rows = (numericEncoding: string) =>
        description.picture!({ ...description.defaults, numericEncoding } as never)
          .boxes.filter((b) => b.kind === 'rows')
          .map((b) => b.note);
      expect(rows('modes'), id).toEqual(['one-hot + modes', 'one-hot + modes']);
      expect(rows('standard'), id).not.toContain('one-hot + modes');
    }
  });

  // The page offers Step D and Step G (and slow motion) exactly for the pictured families.
  it.each(MODEL_DESCRIPTIONS.map((d) => [d.id, d] as const))(
    '%s: is pictured exactly when it can step one player alone',
    async (_, description) => {
      const settings = { ...description.defaults, batchSize: 50, epochs: 1 } as TrainingSettings;
      const { session } = await startSession();
      const stepped = await session.step(settings, 'discriminator');
      expect(stepped.ok).toBe(description.picture !== undefined);
      await session.reset();
    },
  );

  it.each(pictured.map((d) => [d.id, d] as const))(
    '%s: its boxes show series its model reports, its arrows join its boxes, each part works in a sub-step',
    async (_, description) => {
      const settings = { ...description.defaults, batchSize: 50, epochs: 1 } as TrainingSettings;
      const picture = description.picture!(settings as never);
      const ids = picture.boxes.map((b) => b.id);
      expect(new Set(ids).size).toBe(ids.length);
      const cells = picture.boxes.map((b) => `${b.column},${b.row}`);
      expect(new Set(cells).size, 'one box per cell').toBe(cells.length);
      for (const arrow of picture.arrows) expect(ids).toEqual(expect.arrayContaining([arrow.from, arrow.to]));
      const phases = STEP_PHASES.map((p) => p.phase);
      for (const part of [...picture.boxes, ...picture.arrows]) {
        expect(part.lit.length).toBeGreaterThan(0);
        expect(phases).toEqual(expect.arrayContaining([...part.lit]));
      }

      const { session } = await startSession();
      const stepped = await session.step(settings);
      if (!stepped.ok) throw new Error(stepped.error);
      const reported = [...stepped.value.lossNames, ...stepped.value.metricNames];
      const shown = picture.boxes.flatMap((b) => b.series);
      expect(reported).toEqual(expect.arrayContaining(shown));
      // The players' own losses are in the picture, in their boxes.
      expect(shown).toEqual(expect.arrayContaining(reported.slice(0, 2)));
      await session.reset();
    },
  );
});

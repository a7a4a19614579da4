import { describe, expect, it } from 'vitest';
import { startSession } from '../../test-support/session';
import type { TrainingSettings } from '../worker/protocol';
import { MODEL_DESCRIPTIONS } from './catalog';
import { explorerDescription } from './explorer/description';
import { STEP_PHASES, type ModelPicture } from './picture';
import { ppoganDescription } from './ppogan/description';

const pictured = MODEL_DESCRIPTIONS.filter((d) => d.picture);

const flows = (picture: ModelPicture) => picture.arrows.map((a) => `${a.from} ${a.kind} ${a.to}`);
const boxIds = (picture: ModelPicture) => picture.boxes.map((b) => b.id).sort();

describe('a model picture', () => {
  it('is drawn for every family', () => {
    expect(pictured.map((d) => d.id)).toEqual(MODEL_DESCRIPTIONS.map((d) => d.id));
  });

  it('offers one-player steps for the GAN families only: the explorer and PPO-GAN train their networks together', () => {
    expect(MODEL_DESCRIPTIONS.filter((d) => d.onePlayerSteps).map((d) => d.id)).toEqual([
      'cgan',
      'ctgan',
      'dsfgan',
      'dsfctgan',
      'tablegan',
    ]);
  });

  it("draws the explorer's ask, forest, gap and the surrogate the gap's gradient flows back through", () => {
    const picture = explorerDescription.picture!(explorerDescription.defaults);
    expect(boxIds(picture)).toEqual(
      ['ask', 'fake', 'forest', 'gap', 'generator', 'noise', 'obtained', 'surrogate'].sort(),
    );
    expect(flows(picture)).toEqual(
      expect.arrayContaining([
        'noise data generator',
        'ask data generator',
        'generator data fake',
        'fake data forest',
        'forest data obtained',
        'obtained data gap',
        'ask data gap',
        'forest data surrogate',
        'gap gradient surrogate',
        'surrogate gradient generator',
      ]),
    );
    // The forest has no gradient: none flows into or out of it.
    expect(picture.arrows.filter((a) => a.kind === 'gradient' && [a.from, a.to].includes('forest'))).toEqual(
      [],
    );
  });

  it('draws the gradient-free explorer with its score-function estimator instead of a surrogate', () => {
    const picture = explorerDescription.picture!({
      ...explorerDescription.defaults,
      training: 'gradient-free',
    });
    expect(boxIds(picture)).toContain('estimator');
    expect(boxIds(picture)).not.toContain('surrogate');
    expect(flows(picture)).toEqual(
      expect.arrayContaining(['gap data estimator', 'estimator gradient generator']),
    );
  });

  it.each([0, 0.5])(
    "draws the explorer's discriminator exactly when the realism weight (%s) is above 0",
    (weight) => {
      const picture = explorerDescription.picture!({
        ...explorerDescription.defaults,
        realismWeight: weight,
      });
      const cells = picture.boxes.map((b) => `${b.column},${b.row}`);
      expect(new Set(cells).size, 'one box per cell').toBe(cells.length);
      const realism = ['real', 'discriminator'].filter((id) => boxIds(picture).includes(id));
      expect(realism).toEqual(weight > 0 ? ['real', 'discriminator'] : []);
      const toD = flows(picture).filter((f) => f.includes('discriminator'));
      expect(toD).toEqual(
        weight > 0
          ? ['fake data discriminator', 'real data discriminator', 'discriminator gradient generator']
          : [],
      );
    },
  );

  it("draws PPO-GAN's likelihood stage, the policy writing rows, the discriminator's reward and the PPO update", () => {
    const picture = ppoganDescription.picture!(ppoganDescription.defaults);
    expect(boxIds(picture)).toEqual(
      ['discriminator', 'fake', 'likelihood', 'policy', 'ppo', 'real', 'reward', 'target'].sort(),
    );
    expect(flows(picture)).toEqual([
      'target data policy',
      'policy data fake',
      'fake data discriminator',
      'real data discriminator',
      'discriminator data reward',
      'reward data ppo',
      'ppo gradient policy',
      'real data likelihood',
      'likelihood gradient policy',
    ]);
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

  // The page offers Step D and Step G (and slow motion) exactly for these families.
  it.each(MODEL_DESCRIPTIONS.map((d) => [d.id, d] as const))(
    '%s: offers one-player steps exactly when it can step one player alone',
    async (_, description) => {
      const settings = { ...description.defaults, batchSize: 50, epochs: 1 } as TrainingSettings;
      const { session } = await startSession();
      const stepped = await session.step(settings, 'discriminator');
      expect(stepped.ok).toBe(description.onePlayerSteps === true);
      await session.reset();
    },
  );

  it.each(pictured.map((d) => [d.id, d] as const))(
    '%s: its boxes show series its model reports, its arrows join its boxes, each part works in a sub-step',
    async (_, description) => {
      // One epoch, PPO-GAN's likelihood stage within it (its series are the same in either stage).
      const settings = {
        ...description.defaults,
        batchSize: 50,
        epochs: 1,
        likelihoodEpochs: 1,
      } as TrainingSettings;
      const picture = description.picture!(settings as never);
      const ids = picture.boxes.map((b) => b.id);
      expect(new Set(ids).size).toBe(ids.length);
      const cells = picture.boxes.map((b) => `${b.column},${b.row}`);
      expect(new Set(cells).size, 'one box per cell').toBe(cells.length);
      // The page lays its speed chooser over the bottom row's first two cells.
      const bottom = Math.max(...picture.boxes.map((b) => b.row));
      expect(cells, 'the speed chooser covers no box').not.toEqual(
        expect.arrayContaining([expect.stringMatching(new RegExp(`^[01],${bottom}$`))]),
      );
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

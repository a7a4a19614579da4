import * as tf from '../../nn/tf';
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../worker/nodeBackends';
import { decodeRows, encodeRows, fitEncoder, type TableEncoder } from '../../encoding/encoder';
import { createRng } from '../../rng';
import { defaultSettings, settingsProblems } from '../catalog';
import type { CtganTrainingSettings } from './description';
import { twoClassDistance, twoClassTable } from '../../../test-support/tables';
import { Trainer } from '../../train/trainer';
import { ConditionSampler, conditionLayout } from './conditions';
import { PacCritic } from './critic';
import { Ctgan } from './ctgan';

beforeAll(async () => {
  await useNodeBackend('wasm');
});

const small: CtganTrainingSettings = {
  ...defaultSettings('ctgan'),
  batchSize: 100,
  pac: 5,
  noiseSize: 16,
  generatorSizes: [64],
  criticSizes: [64],
  dropout: 0.25,
  learningRates: { generator: 2e-3, discriminator: 2e-3 },
};

function setup(settings: CtganTrainingSettings = small, seed = 3) {
  const { raw, schema } = twoClassTable(400);
  const encoder = fitEncoder(raw, schema, { kind: 'modes', seed });
  const model = new Ctgan(encoder, settings, createRng(seed));
  const trainer = new Trainer(model, encodeRows(encoder, raw), settings.batchSize, seed);
  return { raw, encoder, model, trainer };
}

async function decode(encoder: TableEncoder, generated: tf.Tensor2D, conditions: tf.Tensor2D) {
  const rows = decodeRows(
    encoder,
    (await generated.data()) as Float32Array,
    (await conditions.data()) as Float32Array,
  );
  tf.dispose([generated, conditions]);
  return rows;
}

/** How far generated rows are from twoClassTable's, per class (see twoClassDistance). */
async function distanceToData({ raw, encoder, model, trainer }: ReturnType<typeof setup>) {
  const rng = createRng(11);
  const conditions = trainer.sampleConditions(400, rng);
  const rows = await decode(encoder, model.generate(conditions, rng), conditions);
  return twoClassDistance(raw.rows, rows);
}

/** The two-class table with its encoder, condition layout and training-by-sampling sampler. */
function conditionedTable(rows: number) {
  const { raw, schema } = twoClassTable(rows);
  const encoder = fitEncoder(raw, schema);
  const layout = conditionLayout(encoder);
  return { raw, encoder, layout, sampler: new ConditionSampler(encoder, layout, encodeRows(encoder, raw)) };
}

describe('CTGAN-style model', () => {
  it('draws training rows that have the category their condition vector asks for', () => {
    const { raw, encoder, sampler } = conditionedTable(400);
    const colour = encoder.features[1]!;
    if (colour.kind !== 'categorical') throw new Error('colour should be categorical');
    const draw = sampler.draw(3000, createRng(1));
    let conditioned = 0;
    let askedRare = 0;
    draw.rows.forEach((row, i) => {
      const vector = draw.vectors.subarray(i * draw.width, (i + 1) * draw.width);
      const asked = vector.indexOf(1);
      if (asked === -1) return;
      conditioned++;
      expect(raw.rows[row]![1]).toBe(colour.levels[asked]);
      if (colour.levels[asked] === 'blue') askedRare++;
    });
    // Two choices (colour, or the target alone), picked uniformly.
    expect(conditioned / 3000).toBeCloseTo(0.5, 1);
    // log-frequency: blue (≈ 40% of rows) is asked for about as often as red.
    expect(askedRare / conditioned).toBeGreaterThan(0.45);
  });

  it('draws generation vectors from the real rows of each target class, in their original frequencies', () => {
    const { encoder, layout, sampler } = conditionedTable(2000);
    const colour = encoder.features[1]!;
    const target = encoder.target;
    if (colour.kind !== 'categorical' || target.kind !== 'categorical') throw new Error('both categorical');
    const perClass = sampler.generationVectors(3000, createRng(2));
    expect(perClass).toHaveLength(target.width);
    const red = colour.levels.indexOf('red');
    for (const [cls, realRed] of [
      ['a', 0.85],
      ['b', 0.15],
    ] as const) {
      const vectors = perClass[target.levels.indexOf(cls)]!;
      let asksRed = 0;
      for (let i = 0; i < 3000; i++) {
        const vector = vectors.subarray(i * layout.width, (i + 1) * layout.width);
        expect(vector.reduce((s, v) => s + v, 0)).toBe(1);
        if (vector[red] === 1) asksRed++;
      }
      // The class's own share of red (log-frequencies would give about half for both classes).
      expect(asksRed / 3000).toBeCloseTo(realRed, 1);
    }
  });

  it('scores a row as the critic scores a pack of copies of it', () => {
    const critic = new PacCritic(3, [6, 5], 4, 0.5, createRng(8));
    const rows = tf.randomNormal([5, 3], 0, 1, 'float32', 3) as tf.Tensor2D;
    const copies = tf.reshape(tf.tile(rows, [1, 4]), [-1, 3]) as tf.Tensor2D;
    const packed = Array.from(critic.judge(copies).scores.dataSync());
    const folded = Array.from(critic.scoreRows(rows).dataSync());
    expect(folded).toHaveLength(5);
    folded.forEach((v, i) => expect(v).toBeCloseTo(packed[i]!, 4));
    expect(new Set(folded.map((v) => v.toFixed(4))).size).toBe(5);
    tf.dispose([rows, copies]);
    critic.dispose();
  });

  it('moves its per-class distributions toward the data within a few hundred steps', async () => {
    const run = setup();
    const before = await distanceToData(run);
    const losses = [];
    for (let i = 0; i < 150; i++) {
      run.trainer.step();
      if (i % 50 === 49) losses.push(...(await run.trainer.readLosses()));
    }
    const after = await distanceToData(run);
    console.info(`CTGAN distance to data: ${before.toFixed(3)} before, ${after.toFixed(3)} after 150 steps`);
    expect(losses.flatMap((l) => l.values).every(Number.isFinite)).toBe(true);
    expect(after).toBeLessThan(before / 2);
    run.trainer.dispose();
    run.model.dispose();
  });

  it('honours the condition vector: asked for a colour, it writes that colour', async () => {
    const run = setup({ ...small, critic: 'cross-entropy' });
    for (let i = 0; i < 150; i++) run.trainer.step();
    await run.trainer.readLosses();
    const colour = run.encoder.features[1]!;
    if (colour.kind !== 'categorical') throw new Error('colour should be categorical');
    const layout = conditionLayout(run.encoder);
    const rng = createRng(4);
    for (const asked of [0, 1]) {
      const conditions = run.trainer.sampleConditions(200, rng);
      const vectors = tf.tidy(
        () => tf.cast(tf.oneHot(tf.fill([200], asked, 'int32'), layout.width), 'float32') as tf.Tensor2D,
      );
      const rows = await decode(run.encoder, run.model.generateWith(conditions, vectors, rng), conditions);
      vectors.dispose();
      // Unconditioned, each colour is about half of the rows.
      const share = rows.filter((r) => r[1] === colour.levels[asked]).length / rows.length;
      expect(share).toBeGreaterThan(0.8);
    }
    run.trainer.dispose();
    run.model.dispose();
  });

  it('keeps the tensor count flat across training steps and generation', async () => {
    const run = setup();
    for (let i = 0; i < 3; i++) run.trainer.step();
    await run.trainer.readLosses();
    const start = tf.memory().numTensors;
    for (let i = 0; i < 20; i++) {
      run.trainer.step();
      if (i % 5 === 4) await run.trainer.readLosses();
    }
    const rng = createRng(1);
    const conditions = run.trainer.sampleConditions(10, rng);
    const generated = run.model.generate(conditions, rng);
    tf.dispose([run.model.discriminate(generated, conditions).scores, generated, conditions]);
    expect(tf.memory().numTensors).toBe(start);
    run.trainer.dispose();
    run.model.dispose();
  });

  it('asks for a batch size that is a multiple of pac instead of failing', () => {
    expect(settingsProblems({ ...defaultSettings('ctgan'), batchSize: 64 })).toEqual([
      'Batch size (64) must be a multiple of pac (10): the critic judges rows in packs of 10. Try 60.',
    ]);
    expect(settingsProblems(defaultSettings('ctgan'))).toEqual([]);
  });
});

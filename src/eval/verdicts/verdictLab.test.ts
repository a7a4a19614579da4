import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { encoderCodec } from '../../encoding/codec';
import { fitEncoder } from '../../encoding/encoder';
import type { Discrimination, TrainableModel } from '../../models/model';
import { cganPlugin } from '../../models/cgan';
import { createRng, type Rng } from '../../rng';
import { twoClassTable } from '../../../test-support/tables';
import * as tf from '../../nn/tf';
import { Trainer } from '../../train/trainer';
import { useNodeBackend } from '../../worker/nodeBackends';
import { verdictEndpoints } from '../../worker/verdictEndpoints';
import { BATCH_SIZE, createVerdictLab, type VerdictLab } from './verdictLab';
import { defaultSettings } from '../../models/catalog';

beforeAll(async () => {
  await useNodeBackend('wasm');
});

const { raw, schema } = twoClassTable(120);
const codec = encoderCodec(fitEncoder(raw, schema));
const rows = codec.encodeRows(raw);
const labs: VerdictLab[] = [];
afterEach(() => labs.splice(0).forEach((lab) => lab.dispose()));

/**
 * A hand-made GAN whose verdicts are known in advance: generated row i has first feature
 * (i mod 9) / 8 (exact binary fractions 0, 0.125, …, 1), and the discriminator's score of a row is
 * its first feature clipped to [0, 1]. As a "critic" it reports 100·feature − 50 instead.
 */
class HandMadeGan implements TrainableModel {
  readonly lossNames = ['none'];
  constructor(private readonly scale: Discrimination['scale'] = 'probability') {}
  trainStep(): tf.Scalar[] {
    return [];
  }
  generate(conditions: tf.Tensor2D, rng: Rng): tf.Tensor2D {
    rng.seed();
    const n = conditions.shape[0];
    const data = new Float32Array(n * codec.featureWidth);
    for (let i = 0; i < n; i++) {
      data[i * codec.featureWidth] = (i % 9) / 8;
      data[i * codec.featureWidth + 1] = 1;
    }
    return tf.tensor2d(data, [n, codec.featureWidth]);
  }
  discriminate(features: tf.Tensor2D): Discrimination {
    const first = tf.tidy(() => tf.reshape(tf.slice(features, [0, 0], [-1, 1]), [-1]) as tf.Tensor1D);
    const scores = tf.tidy(() =>
      this.scale === 'probability' ? tf.clipByValue(first, 0, 1) : tf.sub(tf.mul(first, 100), 50),
    ) as tf.Tensor1D;
    first.dispose();
    return { scale: this.scale, scores };
  }
  configure(): void {}
  state() {
    return { variables: [], optimizers: [] };
  }
  dispose(): void {}
}

function lab(model: TrainableModel, seed = 5): VerdictLab {
  const created = createVerdictLab(model, codec, rows, seed);
  if (!created) throw new Error('expected a verdict lab');
  labs.push(created);
  return created;
}

const request = { realCount: 10, fooledCount: 5, rejectedCount: 7, threshold: 0.5 };

describe('VerdictLab with a hand-made discriminator', () => {
  it('splits the fixed batch at the threshold: a score equal to it passes', async () => {
    const verdicts = lab(new HandMadeGan());
    const { id } = await verdicts.snapshot(0);
    const result = await verdicts.sample({ ...request, snapshotId: id });
    if (!result.ok) throw new Error(result.error);
    const sample = result.value;
    expect(sample.roles.filter((r) => r === 'real')).toHaveLength(10);
    // Rows 4..8 score 0.5..1 (fooled); rows 0..3 and 9..11 score below 0.5 (rejected).
    expect(Array.from(sample.ids.subarray(10))).toEqual([4, 5, 6, 7, 8, 0, 1, 2, 3, 9, 10, 11]);
    expect(sample.roles.slice(10)).toEqual([...Array(5).fill('fooled'), ...Array(7).fill('rejected')]);
    expect(Array.from(sample.scores.subarray(10, 15))).toEqual([0.5, 0.625, 0.75, 0.875, 1]);
    // Of 2048 = 227·9 + 5 rows, 227·5 + 1 have i mod 9 ≥ 4.
    expect(sample.batchFooled).toBe(227 * 5 + 1);
    expect(sample.batchSize).toBe(BATCH_SIZE);

    const stricter = await verdicts.sample({ ...request, snapshotId: id, threshold: 0.5001 });
    expect(stricter.ok && stricter.value.batchFooled).toBe(227 * 4);
  });

  it('gives each generated point its nearest real row, pointing at it on the map when it is there', async () => {
    const verdicts = lab(new HandMadeGan());
    const { id } = await verdicts.snapshot(0);
    const result = await verdicts.sample({ ...request, realCount: 120, snapshotId: id });
    if (!result.ok) throw new Error(result.error);
    const { encoded, dim, nearest, cells, roles } = result.value;
    roles.forEach((role, i) => {
      const near = nearest[i];
      if (role === 'real') return expect(near).toBeNull();
      // Every real row is on this map, so the nearest one is too.
      expect(near!.onMap).toBeGreaterThanOrEqual(0);
      expect(roles[near!.onMap]).toBe('real');
      expect(near!.cells).toEqual(cells[near!.onMap]);
      let sum = 0;
      for (let c = 0; c < dim; c++) sum += (encoded[i * dim + c]! - encoded[near!.onMap * dim + c]!) ** 2;
      expect(near!.distance).toBeCloseTo(Math.sqrt(sum), 5);
    });
  });

  it("finds a training step's batch among the map's real points (slow motion rings them)", async () => {
    const verdicts = lab(new HandMadeGan());
    const { id } = await verdicts.snapshot(0);
    const trainer = new Trainer(new HandMadeGan(), rows, 16, 3);
    trainer.step();
    const batch = trainer.lastRows;
    expect(new Set(batch).size).toBe(16);
    // 120 rows, all on the map: each batch row has its place, and the map's point there is that row.
    const places = verdicts.mapPlaces(batch);
    expect(places).toHaveLength(16);
    const result = await verdicts.sample({ ...request, realCount: 120, snapshotId: id });
    if (!result.ok) throw new Error(result.error);
    expect(places.map((p) => result.value.ids[p]).sort((a, b) => a! - b!)).toEqual(
      Array.from(batch).sort((a, b) => a - b),
    );
    // The next step's batch is other rows (one epoch visits each row once).
    trainer.step();
    expect(verdicts.mapPlaces(trainer.lastRows).some((p) => places.includes(p))).toBe(false);
    trainer.dispose();
  });

  it("ranks a critic's scores among real rows' scores", async () => {
    const verdicts = lab(new HandMadeGan('critic'));
    expect(verdicts.scale).toBe('critic');
    const { id } = await verdicts.snapshot(0);
    const result = await verdicts.sample({ ...request, snapshotId: id });
    if (!result.ok) throw new Error(result.error);
    for (const s of result.value.scores) expect(s >= 0 && s <= 1).toBe(true);
    // Real rows rank among themselves: their scores spread over (0, 1), the median near 0.5.
    const real = Array.from(result.value.scores.subarray(0, 10));
    expect(Math.min(...real)).toBeLessThan(0.5);
    expect(Math.max(...real)).toBeGreaterThan(0.5);
  });

  it('counts how many of N fresh rows pass', async () => {
    const verdicts = lab(new HandMadeGan());
    const counted = await verdicts.passCount(50, 7);
    if (!counted.ok) throw new Error(counted.error);
    expect(counted.value.step).toBe(7);
    const passed = Array.from(counted.value.scores).filter((s) => s >= 0.5).length;
    // Rows 0..49: i mod 9 ≥ 4 for five in each of five full cycles, and row 49 (49 mod 9 = 4).
    expect(passed).toBe(26);
    expect(counted.value.cells).toHaveLength(50);
    for (const d of counted.value.nearestDistances) expect(d).toBeGreaterThanOrEqual(0);

    for (const bad of [0, 1.5, 1e9]) {
      const result = await verdicts.passCount(bad, 7);
      expect(result.ok ? '' : result.error).toMatch(/whole number from 1 to/);
    }
  });

  it('rejects a bad request with a message', async () => {
    const verdicts = lab(new HandMadeGan());
    const { id } = await verdicts.snapshot(0);
    const cases = [
      [{ realCount: 0 }, /real rows/],
      [{ fooledCount: -1 }, /fooled rows/],
      [{ realCount: 4000, fooledCount: 1000, rejectedCount: 1 }, /at most 5,000 points/],
      [{ threshold: 1.5 }, /threshold/],
      [{ snapshotId: 999 }, /snapshot is gone/],
    ] as const;
    for (const [change, message] of cases) {
      const result = await verdicts.sample({ ...request, snapshotId: id, ...change });
      expect(result.ok ? '' : result.error).toMatch(message);
    }
  });
});

describe('VerdictLab with a CGAN', () => {
  function cgan(seed: number) {
    const settings = { ...defaultSettings('cgan'), seed };
    const rng = createRng(seed);
    const codec = cganPlugin.encode(settings, { raw, schema }, rng, fitEncoder);
    const model = cganPlugin.create(codec, settings, { raw, schema }, rng);
    return { model, trainer: new Trainer(model, rows, 32, seed) };
  }

  it('scores the same fixed batch at every snapshot, so points move only when the model changes', async () => {
    const { model, trainer } = cgan(3);
    const verdicts = lab(model);
    const first = await verdicts.snapshot(0);
    const again = await verdicts.snapshot(1);
    for (let i = 0; i < 5; i++) trainer.step();
    await trainer.readLosses();
    const later = await verdicts.snapshot(5);
    expect(verdicts.list().map((s) => s.step)).toEqual([0, 1, 5]);

    // Threshold 0: every row passes, so the first 100 of the fixed batch are shown, in batch order.
    const all = { realCount: 5, fooledCount: 100, rejectedCount: 0, threshold: 0 };
    const encodedOf = async (snapshotId: number) => {
      const result = await verdicts.sample({ ...all, snapshotId });
      if (!result.ok) throw new Error(result.error);
      return result.value;
    };
    const [a, b, c] = [await encodedOf(first.id), await encodedOf(again.id), await encodedOf(later.id)];
    expect(Array.from(b.encoded)).toEqual(Array.from(a.encoded));
    expect(Array.from(b.scores)).toEqual(Array.from(a.scores));
    expect(Array.from(c.encoded)).not.toEqual(Array.from(a.encoded));
    // Same ids: the map can follow each generated row from one snapshot to the next.
    expect(Array.from(c.ids)).toEqual(Array.from(a.ids));
    trainer.dispose();
    model.dispose();
  });

  it('keeps the tensor count flat across snapshots, maps and counts, and frees its own on dispose', async () => {
    const { model, trainer } = cgan(4);
    // One step first: the optimizers create their moment tensors on it.
    trainer.step();
    await trainer.readLosses();
    const afterModel = tf.memory().numTensors;
    const verdicts = createVerdictLab(model, codec, rows, 9)!;
    const round = async (step: number) => {
      trainer.step();
      await trainer.readLosses();
      const { id } = await verdicts.snapshot(step);
      await verdicts.sample({ ...request, snapshotId: id });
      await verdicts.passCount(30, step);
    };
    await round(1);
    const steady = tf.memory().numTensors;
    for (let step = 2; step < 6; step++) await round(step);
    expect(tf.memory().numTensors).toBe(steady);
    verdicts.dispose();
    expect(tf.memory().numTensors).toBe(afterModel);
    trainer.dispose();
    model.dispose();
  });

  it('keeps one snapshot after steps by hand while it is the latest; Take snapshot keeps it for good', async () => {
    const verdicts = lab(new HandMadeGan());
    verdicts.setInterval(100, 0);
    await verdicts.maybeSnapshot(100);
    for (let step = 101; step <= 130; step++) await verdicts.stepSnapshot(step);
    expect(verdicts.list().map((s) => s.step)).toEqual([100, 130]);
    // Asked for at the same step, it is the same snapshot, and the next step by hand adds one.
    const kept = await verdicts.snapshot(130);
    expect(kept.id).toBe(verdicts.list().at(-1)!.id);
    await verdicts.stepSnapshot(131);
    await verdicts.stepSnapshot(132);
    expect(verdicts.list().map((s) => s.step)).toEqual([100, 130, 132]);
    // The run's interval is the run's: steps by hand never thinned it.
    expect(verdicts.everySteps).toBe(100);
  });

  it('thins old snapshots past 24, keeping the first and the latest, and doubles the interval', async () => {
    const verdicts = lab(new HandMadeGan());
    verdicts.setInterval(10, 0);
    for (let step = 10; step <= 250; step += 10) await verdicts.maybeSnapshot(step);
    const steps = verdicts.list().map((s) => s.step);
    expect(steps.length).toBeLessThanOrEqual(24);
    expect(steps[0]).toBe(10);
    expect(steps.at(-1)).toBe(250);
    expect(verdicts.everySteps).toBe(20);
  });
});

describe('verdictEndpoints', () => {
  it('says when there is no model, or when the model has no discriminator', async () => {
    expect(await verdictEndpoints.status(null)).toEqual({ kind: 'no-model' });
    const noDiscriminator = { lab: null, step: 3, modelLabel: 'CGAN' };
    const status = await verdictEndpoints.status(noDiscriminator);
    expect(status.kind === 'unsupported' && status.message).toMatch(/CGAN model has no discriminator/);
    const counted = await verdictEndpoints.passCount(noDiscriminator, 100);
    expect(counted.ok).toBe(false);
    const handMade = new HandMadeGan();
    const withoutDiscriminator: TrainableModel = {
      lossNames: handMade.lossNames,
      trainStep: () => [],
      generate: (conditions, rng) => handMade.generate(conditions, rng),
      configure: () => {},
      state: () => handMade.state(),
      dispose: () => {},
    };
    expect(createVerdictLab(withoutDiscriminator, codec, rows, 1)).toBeNull();
  });
});

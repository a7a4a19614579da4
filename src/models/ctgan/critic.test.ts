import * as tf from '../../nn/tf';
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../worker/nodeBackends';
import { applyMlp, type DenseLayer } from '../../nn/mlp';
import { logisticLoss } from '../../nn/logisticLoss';
import { randomUniform } from '../../nn/random';
import { createRng } from '../../rng';
import { PacCritic, PENALTY_WEIGHT, type CriticLoss, type CriticSeeds } from './critic';
import { expectClose } from '../../../test-support/expectClose';

beforeAll(async () => {
  await useNodeBackend('wasm');
});

const WIDTH = 3;
const PAC = 2;
const DROPOUT = 0.5;
const SEEDS: CriticSeeds = { real: 11, fake: 12, mix: 13 };

function setup(seed = 5) {
  const critic = new PacCritic(WIDTH, [6, 5], PAC, DROPOUT, createRng(seed));
  const real = tf.randomNormal([8, WIDTH], 0, 1, 'float32', 1) as tf.Tensor2D;
  const fake = tf.randomNormal([8, WIDTH], 0, 1, 'float32', 2) as tf.Tensor2D;
  return { critic, real, fake };
}

function layersOf(critic: PacCritic): DenseLayer[] {
  const v = critic.variables();
  return Array.from({ length: v.length / 2 }, (_, i) => ({ kernel: v[2 * i]!, bias: v[2 * i + 1]! }));
}

/**
 * The critic's loss as the model wrote it before its gradients were written by hand: applyMlp, and
 * the penalty's gradient taken by tf.grad, so tfjs's autodiff differentiates it twice.
 */
function autodiffLoss(critic: PacCritic, real: tf.Tensor2D, fake: tf.Tensor2D, loss: CriticLoss) {
  const layers = layersOf(critic);
  const score = (rows: tf.Tensor, seed: number) =>
    applyMlp(layers, tf.reshape(rows, [-1, WIDTH * PAC]), { dropout: DROPOUT, dropoutSeed: seed });
  const realScores = score(real, SEEDS.real);
  const fakeScores = score(fake, SEEDS.fake);
  if (loss === 'cross-entropy')
    return tf.add(logisticLoss(realScores, 1), logisticLoss(fakeScores, 0)) as tf.Scalar;
  const packs = real.shape[0] / PAC;
  const alpha = tf.reshape(tf.tile(randomUniform([packs, 1], 0, 1, SEEDS.mix), [1, PAC]), [-1, 1]);
  const mixed = tf.add(tf.mul(real, alpha), tf.mul(fake, tf.sub(1, alpha)));
  const gradient = tf.grad((x) => tf.sum(score(x, SEEDS.real)))(mixed);
  const norms = tf.sqrt(tf.add(tf.sum(tf.square(tf.reshape(gradient, [packs, -1])), 1), 1e-12));
  const penalty = tf.mul(tf.mean(tf.square(tf.sub(norms, 1))), PENALTY_WEIGHT);
  return tf.add(tf.sub(tf.mean(fakeScores), tf.mean(realScores)), penalty) as tf.Scalar;
}

const byName = (gradients: { name: string; tensor: tf.Tensor }[]) =>
  Object.fromEntries(gradients.map((g) => [g.name, g.tensor.dataSync()]));

describe('the CTGAN critic written by hand', () => {
  for (const loss of ['wgan-gp', 'cross-entropy'] as const) {
    it(`gives tfjs autodiff's loss and gradients for its step (${loss})`, () => {
      const { critic, real, fake } = setup();
      const ours = critic.step(real, fake, loss, SEEDS);
      const reference = tf.variableGrads(() => autodiffLoss(critic, real, fake, loss), critic.variables());
      expect(ours.loss.dataSync()[0]!).toBeCloseTo(reference.value.dataSync()[0]!, 4);
      const analytic = byName(ours.gradients);
      expect(Object.keys(analytic).sort()).toEqual(Object.keys(reference.grads).sort());
      for (const [name, g] of Object.entries(reference.grads))
        expectClose(analytic[name]!, g.dataSync(), 1e-4);
      tf.dispose([real, fake, ours.loss, reference.value, ...Object.values(reference.grads)]);
      tf.dispose(ours.gradients.map((g) => g.tensor));
      critic.dispose();
    });
  }

  it("gives the penalty alone as a scalar whose tf.variableGrads gradient is autodiff's", () => {
    const { critic, real, fake } = setup(7);
    const layers = layersOf(critic);
    const reference = tf.variableGrads(() => {
      const score = (rows: tf.Tensor) =>
        applyMlp(layers, tf.reshape(rows, [-1, WIDTH * PAC]), { dropout: DROPOUT, dropoutSeed: SEEDS.fake });
      const packs = real.shape[0] / PAC;
      const alpha = tf.reshape(tf.tile(randomUniform([packs, 1], 0, 1, SEEDS.mix), [1, PAC]), [-1, 1]);
      const mixed = tf.add(tf.mul(real, alpha), tf.mul(fake, tf.sub(1, alpha)));
      const gradient = tf.grad((x) => tf.sum(score(x)))(mixed);
      const norms = tf.sqrt(tf.add(tf.sum(tf.square(tf.reshape(gradient, [packs, -1])), 1), 1e-12));
      return tf.mul(tf.mean(tf.square(tf.sub(norms, 1))), PENALTY_WEIGHT) as tf.Scalar;
    }, critic.variables());
    const ours = tf.variableGrads(
      () => critic.penalty(real, fake, SEEDS.mix, SEEDS.fake),
      critic.variables(),
    );
    expect(ours.value.dataSync()[0]!).toBeCloseTo(reference.value.dataSync()[0]!, 4);
    expect(ours.value.dataSync()[0]!).toBeGreaterThan(0.01);
    for (const v of critic.variables()) {
      const expected = reference.grads[v.name]?.dataSync() ?? new Float32Array(v.size);
      expectClose(ours.grads[v.name]!.dataSync(), expected, 1e-4);
    }
    tf.dispose([
      real,
      fake,
      ours.value,
      reference.value,
      ...Object.values(ours.grads),
      ...Object.values(reference.grads),
    ]);
    critic.dispose();
  });

  it('differentiates the gradient penalty correctly (finite differences, every variable)', () => {
    const { critic, real, fake } = setup(9);
    const lossAt = () => tf.tidy(() => critic.step(real, fake, 'wgan-gp', SEEDS).loss.dataSync()[0]!);
    const analytic = tf.tidy(() => byName(critic.step(real, fake, 'wgan-gp', SEEDS).gradients));
    const h = 1e-2;
    let checked = 0;
    for (const variable of critic.variables()) {
      const values = variable.dataSync().slice();
      for (const i of [0, 1, 3, 4].filter((k) => k < values.length)) {
        const at = (delta: number) => {
          const shifted = values.slice();
          shifted[i]! += delta;
          variable.assign(tf.tensor(shifted, variable.shape));
          return lossAt();
        };
        const numeric = (at(h) - at(-h)) / (2 * h);
        variable.assign(tf.tensor(values, variable.shape));
        expect(Math.abs(analytic[variable.name]![i]! - numeric)).toBeLessThan(
          0.02 * Math.max(1, Math.abs(numeric)),
        );
        if (Math.abs(numeric) > 1e-3) checked++;
      }
    }
    expect(checked).toBeGreaterThan(12);
    tf.dispose([real, fake]);
    critic.dispose();
  });

  it("passes the generator tfjs autodiff's gradient of the scores, with dropout", () => {
    const { critic, real } = setup(4);
    const weights = tf.randomNormal([real.shape[0] / PAC, 1], 0, 1, 'float32', 6);
    const layers = layersOf(critic);
    const reference = tf.grad((x) =>
      tf.sum(
        tf.mul(
          applyMlp(layers, tf.reshape(x, [-1, WIDTH * PAC]), { dropout: DROPOUT, dropoutSeed: 21 }),
          weights,
        ),
      ),
    )(real);
    const ours = critic.judge(real, 21).rowGradient(weights as tf.Tensor2D);
    expect(ours.shape).toEqual(real.shape);
    expectClose(ours.dataSync(), reference.dataSync(), 1e-5);
    // The masks matter: without them the gradient differs.
    const unmasked = critic.judge(real).rowGradient(weights as tf.Tensor2D);
    expect(Math.max(...tf.abs(tf.sub(unmasked, ours)).dataSync())).toBeGreaterThan(1e-3);
    tf.dispose([real, weights, reference, ours, unmasked]);
    critic.dispose();
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../nn/tf';
import { useNodeBackend } from '../../worker/nodeBackends';
import { advantages, ppoTerms, shapedRewards } from './ppo';

beforeAll(async () => {
  await useNodeBackend('cpu');
});

/** Three actions: ratios 1.5, 0.5 and 1.1 with advantages 1, −1 and 2; ε = 0.2. */
const batch = () => ({
  oldLogp: tf.tensor1d([0, 0, 0]),
  advantages: tf.tensor1d([1, -1, 2]),
  values: tf.tensor1d([1, 2, 0]),
  returns: tf.tensor1d([0, 2, 1]),
});
const ratios = () => tf.tensor1d([Math.log(1.5), Math.log(0.5), Math.log(1.1)]);

describe('the PPO loss', () => {
  it('equals the value computed by hand on a tiny batch', async () => {
    const terms = ppoTerms({ ...batch(), logp: ratios() }, 0.2);
    // min(ρA, clip(ρ)A): min(1.5, 1.2) = 1.2; min(−0.5, −0.8) = −0.8; min(2.2, 2.2) = 2.2.
    expect(await terms.policy.data()).toHaveLength(1);
    expect((await terms.policy.data())[0]).toBeCloseTo(-(1.2 - 0.8 + 2.2) / 3, 6);
    // ½·mean((1 − 0)², (2 − 2)², (0 − 1)²)
    expect((await terms.value.data())[0]).toBeCloseTo(1 / 3, 6);
    expect((await terms.clipFraction.data())[0]).toBeCloseTo(2 / 3, 6);
  });

  it('clipping bounds the update: no gradient where the ratio has left 1 ± ε in the advantage’s direction', async () => {
    const inputs = batch();
    const grad = tf.grad((l: tf.Tensor) => ppoTerms({ ...inputs, logp: l as tf.Tensor1D }, 0.2).policy)(
      ratios(),
    );
    const g = await grad.data();
    expect(g[0]).toBe(0); // ratio 1.5 > 1.2 with A > 0: pushing further gains nothing
    expect(g[1]).toBe(0); // ratio 0.5 < 0.8 with A < 0
    expect(g[2]).toBeCloseTo(-(1.1 * 2) / 3, 6); // inside: the plain policy gradient, −ρA/n
  });

  it('shapes rewards with the KL penalty, zero against the policy itself, and takes GAE by hand', () => {
    const old = Float32Array.from([-1, -2]);
    const shaped = shapedRewards(old, Float32Array.from([-1.5, -2]), Float32Array.from([3]), 2, 0.1);
    expect(Array.from(shaped)).toEqual([expect.closeTo(-0.05, 6), 3]);
    expect(Array.from(shapedRewards(old, old, Float32Array.from([3]), 2, 0.1)).map(Math.abs)).toEqual([0, 3]);
    // δ1 = 1 − 0.5 = 0.5; δ0 = 0 + 0.5 − 0.5 = 0, A0 = 0 + 0.95·0.5.
    const gae = advantages(Float32Array.from([0, 1]), Float32Array.from([0.5, 0.5]), 2, 0.95);
    expect(Array.from(gae.advantages)).toEqual([expect.closeTo(0.475, 6), 0.5]);
    expect(Array.from(gae.returns)).toEqual([expect.closeTo(0.975, 6), 1]);
  });
});

/*
 * PPO-GAN as a picture: the policy (a transformer) writes each row a token at a time, the target first;
 * stage 1 teaches it the real rows by likelihood, stage 2 has a discriminator's logit reward each
 * written row and a PPO update carry the reward back to the policy. The bottom row's first two cells
 * stay clear: the page puts its speed chooser there.
 */
import type { ModelPicture } from '../picture';
import type { PpoganTrainingSettings } from './description';

export function ppoganPicture(settings: PpoganTrainingSettings): ModelPicture {
  return {
    boxes: [
      {
        id: 'target',
        label: 'Target y',
        note: 'written first',
        hint: 'the class of a real row in the batch: each row is written for it, its token first',
        kind: 'input',
        column: 0,
        row: 0,
        series: [],
        lit: ['draw', 'generate'],
      },
      {
        id: 'policy',
        label: 'Policy π',
        note: `transformer ×${settings.layers}`,
        hint: `a causal transformer (${settings.layers} blocks, ${settings.heads} heads, width ${settings.width}) with a value head: the generator`,
        kind: 'network',
        column: 1,
        row: 0,
        series: [],
        lit: ['generate', 'update-g'],
      },
      {
        id: 'fake',
        label: 'Generated rows',
        note: 'token by token',
        hint: 'rows the policy writes a token at a time (a number as a bin and an offset), read back as rows',
        kind: 'rows',
        column: 2,
        row: 0,
        series: [],
        lit: ['generate', 'score'],
      },
      {
        id: 'discriminator',
        label: 'Discriminator D',
        note: 'MLP on rows',
        hint: 'an MLP judging encoded rows, trained on the written rows against the batch’s real rows',
        kind: 'network',
        column: 3,
        row: 1,
        series: ['discriminator', 'D accuracy'],
        lit: ['score', 'update-d'],
      },
      {
        id: 'real',
        label: 'Real rows',
        note: 'as tokens or rows',
        hint: 'a batch of training rows: tokens for the likelihood stage, encoded rows for the discriminator',
        kind: 'rows',
        column: 2,
        row: 2,
        series: [],
        lit: ['draw', 'score', 'update-d', 'update-g'],
      },
      {
        id: 'reward',
        label: 'Reward',
        note: "D's logit per row",
        hint: `the discriminator's logit for each written row; a row that does not parse gets the worst reward`,
        kind: 'verdict',
        column: 4,
        row: 1,
        series: ['reward'],
        lit: ['score', 'update-g'],
      },
      {
        id: 'ppo',
        label: 'PPO update',
        note: `clip ±${settings.clip}, KL β`,
        hint: `${settings.ppoEpochs} clipped updates a round (ratio within 1 ± ${settings.clip}), a KL penalty (β ${settings.klCoefficient}) to the stage-1 policy and an entropy bonus`,
        kind: 'verdict',
        column: 3,
        row: 0,
        series: ['policy', 'KL'],
        lit: ['update-g'],
      },
      {
        id: 'likelihood',
        label: 'Likelihood',
        note: `stage 1: ${settings.likelihoodEpochs} epochs`,
        hint: `the first ${settings.likelihoodEpochs} epochs teach the policy the real rows by next-token likelihood, columns in a fresh order`,
        kind: 'verdict',
        column: 1,
        row: 1,
        series: ['likelihood'],
        lit: ['update-g'],
      },
    ],
    arrows: [
      { from: 'target', to: 'policy', kind: 'data', lit: ['generate'] },
      { from: 'policy', to: 'fake', kind: 'data', lit: ['generate'] },
      { from: 'fake', to: 'discriminator', kind: 'data', lit: ['score'] },
      { from: 'real', to: 'discriminator', kind: 'data', lit: ['score'] },
      { from: 'discriminator', to: 'reward', kind: 'data', lit: ['score'] },
      { from: 'reward', to: 'ppo', kind: 'data', lit: ['update-g'] },
      { from: 'ppo', to: 'policy', kind: 'gradient', lit: ['update-g'] },
      { from: 'real', to: 'likelihood', kind: 'data', lit: ['update-g'] },
      { from: 'likelihood', to: 'policy', kind: 'gradient', lit: ['update-g'] },
    ],
  };
}

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toyPlugin, type ToySettings } from '../../test-support/toyPlugin';
import * as tf from '../nn/tf';
import { nodeSessionEnvironment } from '../worker/nodeBackends';
import type { EngineEvent, LossPoint, TrainingProgress, TrainingSettings } from '../worker/protocol';
import { EngineSession } from '../worker/session';
import { MODEL_DESCRIPTIONS, settingsProblems } from './catalog';
import { allFields, fieldProblems, valueAt, withValueAt } from './plugin';
import { MODEL_PLUGINS } from './registry';

const penguins = new Uint8Array(readFileSync(resolve(__dirname, '../../public/demos/penguins.csv')));
/** The session API is typed by the app's own families; a test family goes in through a cast. */
const asSettings = (s: ToySettings) => s as unknown as TrainingSettings;

describe('a model plug-in', () => {
  it('is one object: a family only the test knows trains through the real session, its way', async () => {
    const events: EngineEvent[] = [];
    const session = new EngineSession(nodeSessionEnvironment('cpu'), [...MODEL_PLUGINS, toyPlugin]);
    await session.init((e) => events.push(e));
    expect((await session.loadFile(penguins, 'penguins.csv')).ok).toBe(true);
    const before = tf.memory().numTensors;
    const settings = { ...toyPlugin.defaults, epochs: 40 };

    const started = await session.train(asSettings(settings));
    expect(started).toMatchObject({ ok: true });
    for (let i = 0; i < 500 && lastProgress(events)?.status !== 'finished'; i++) await sleep(20);
    const progress = lastProgress(events)!;
    expect(progress.status).toBe('finished');
    expect(progress.lossNames).toEqual(['moments']);
    expect(progress.metricNames).toEqual(['scale']);
    // It learned: the moment gap over the last fifth of the steps is under half that of the first tenth.
    // A point is the mean over one time-boxed chunk, so each is weighted by its chunk's steps: the
    // comparison does not depend on how fast the machine ran.
    const points = events.flatMap((e) => (e.type === 'progress' ? e.progress.points : []));
    const total = progress.totalSteps;
    const early = stepWeightedMean(points, 0, total / 10);
    const late = stepWeightedMean(points, (4 * total) / 5, total);
    expect(late).toBeLessThan(early / 2);

    // Live settings reach it; the others stay as built.
    const live = await session.updateSettings(asSettings({ ...settings, learningRate: 0.01, spread: 2 }));
    expect(live).toMatchObject({ ok: true, value: { learningRate: 0.01, spread: settings.spread } });
    // The panels ask it what it has: no discriminator, so no verdicts, and a message that names it.
    const verdicts = await session.verdictStatus();
    expect(verdicts).toEqual({
      kind: 'unsupported',
      message: 'The Toy moments model has no discriminator to ask, so it gives no verdicts.',
    });
    const rows = await session.generate(20);
    expect(rows.ok && rows.value.rows).toHaveLength(20);
    await session.reset();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('is checked from its description: each field by its control, a family by its own rules', () => {
    const toy = toyPlugin.defaults;
    expect(settingsProblems(toy, toyPlugin)).toEqual([]);
    const check = (change: Partial<ToySettings>) => settingsProblems({ ...toy, ...change }, toyPlugin);
    expect(check({ learningRate: 0, epochs: 2.5 })).toEqual([
      'Epochs must be a whole number at least 1.',
      'Toy learning rate must be a positive number.',
    ]);
    expect(check({ spread: 3 })).toEqual(['Initial spread must be a number from 0.1 to 2.']);
    expect(settingsProblems({ ...toy, model: 'nothing' })).toEqual(["There is no model called 'nothing'."]);
  });

  it('describes every setting of every family at a path its defaults have, and accepts its defaults', () => {
    for (const description of MODEL_DESCRIPTIONS) {
      for (const field of allFields(description)) {
        const value = valueAt(description.defaults, field.path);
        expect(value, `${description.id}.${field.path}`).not.toBeUndefined();
        // Writing a value back changes that path and nothing else.
        const written = withValueAt(description.defaults, field.path, value);
        expect(written).toEqual(description.defaults);
      }
      expect(settingsProblems(description.defaults), description.id).toEqual([]);
      expect(fieldProblems(allFields(description), description.defaults)).toEqual([]);
    }
  });

  it('has one plug-in per description, in the chooser’s order', () => {
    expect(MODEL_PLUGINS.map((p) => p.id)).toEqual(MODEL_DESCRIPTIONS.map((d) => d.id));
  });
});

const lastProgress = (events: EngineEvent[]): TrainingProgress | undefined =>
  events.flatMap((e) => (e.type === 'progress' ? [e.progress] : [])).at(-1);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The mean of the first series over steps in (from, to], each chunk's point weighted by its steps. */
function stepWeightedMean(points: LossPoint[], from: number, to: number): number {
  let sum = 0;
  let steps = 0;
  let previous = 0;
  for (const point of points) {
    const span = point.step - previous;
    if (point.step > from && point.step <= to) {
      sum += point.values[0]! * span;
      steps += span;
    }
    previous = point.step;
  }
  return sum / steps;
}

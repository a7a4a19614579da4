import { describe, expect, it } from 'vitest';
import { demoTable } from '../test-support/demoTable';
import { changeTarget } from '../src/data/infer';
import { encodeRows, fitEncoder } from '../src/encoding/encoder';
import { ConditionSampler, conditionLayout } from '../src/models/ctgan/conditions';
import { PRESETS } from '../src/models/presets';
import { createRng } from '../src/rng';
import { LESSONS } from './lessons';

/*
 * The imbalance lesson teaches what CTGAN's training-by-sampling does, so its words must be the engine's:
 * classes drawn by log-frequency, not evenly, and no promise that the rare class survives (measured: the
 * CTGAN-style model lost snow at every check to step 1,500, docs/benchmarks.md).
 */
describe('the imbalance lesson', () => {
  const pages = LESSONS.find((l) => l.id === 'imbalance')!.pages;
  const sampling = pages.find((p) => p.title === 'Training by sampling')!;

  it('says how often the CTGAN-style sampler draws snow, as it does', () => {
    const { raw, schema } = demoTable('seattle-weather.csv');
    const typed = changeTarget(raw, schema, raw.columns.indexOf('weather'));
    if (!typed.ok) throw new Error(typed.error);
    const encoder = fitEncoder(raw, typed.value);
    const sampler = new ConditionSampler(encoder, conditionLayout(encoder), encodeRows(encoder, raw));
    const draws = 20_000;
    const { rows } = sampler.draw(draws, createRng(1));
    const weather = raw.columns.indexOf('weather');
    const snow = rows.filter((r) => raw.rows[r]![weather] === 'snow').length / draws;
    // log(27) / Σ log(count + 1) over the five kinds ≈ 0.133: "about one batch row in eight".
    expect(snow).toBeGreaterThan(1 / 9);
    expect(snow).toBeLessThan(1 / 7);
    expect(sampling.watch).toContain('proportional to the log of its count');
    expect(sampling.watch).toContain('one batch row in eight');
  });

  it('does not say conditions are drawn evenly, nor that sampling by condition saves the rare class', () => {
    for (const text of [sampling.watch, sampling.question]) expect(text).not.toMatch(/evenly/);
    const imbalanced = PRESETS.find((p) => p.id === 'imbalanced-unconditional')!;
    expect(imbalanced.title).not.toMatch(/conditional sampling/);
  });
});

import { describe, expect, it } from 'vitest';
import { defaultSettings, valueAt, withValueAt, type TableView } from '../src/api';
import { comparePair, defaultPairId } from './comparePairs';

/** A small table, as the worker describes it: few training rows, so the quick defaults. */
const table = {
  readiness: { trainingRows: 275, heldOutRows: 69, problems: [], notes: [] },
  columns: [
    { name: 'x', kind: 'numeric', min: 0, max: 1, integer: false, decimals: 2, missing: 0 },
    { name: 'y', kind: 'categorical', levels: ['a', 'b'], counts: [200, 75], missing: 0 },
  ],
  target: 1,
} as unknown as TableView;

describe('comparePair', () => {
  it('λ: the page’s DSF-GAN settings twice, λ = 0 and λ = 1, nothing else apart', () => {
    const page = withValueAt(withValueAt(defaultSettings('dsfgan'), 'seed', 7), 'epochs', 33);
    expect(defaultPairId(page)).toBe('lambda');
    const [zero, one] = comparePair('lambda', table, page).sides.map((s) => s.settings);
    expect([valueAt(zero!, 'feedback.lambda'), valueAt(one!, 'feedback.lambda')]).toEqual([0, 1]);
    expect(withValueAt(zero!, 'feedback.lambda', 1)).toEqual(one);
    expect([zero!.seed, zero!.epochs]).toEqual([7, 33]);
  });

  it('families: the page’s CGAN against CTGAN-style settings for the table, same seed', () => {
    const page = withValueAt(withValueAt(defaultSettings('cgan'), 'seed', 9), 'epochs', 12);
    expect(defaultPairId(page)).toBe('family');
    const { sides } = comparePair('family', table, page);
    expect(sides.map((s) => s.label)).toEqual(['CGAN', 'CTGAN-style']);
    expect(sides[0].settings).toEqual(page);
    expect(sides[1].settings.model).toBe('ctgan');
    expect(sides[1].settings.seed).toBe(9);
    expect(sides[0].colour).not.toBe(sides[1].colour);
  });

  it('from another model, the λ pair takes DSF-GAN settings for the table with the page’s seed', () => {
    const page = withValueAt(defaultSettings('ctgan'), 'seed', 5);
    const sides = comparePair('lambda', table, page).sides;
    expect(sides.map((s) => [s.settings.model, s.settings.seed])).toEqual([
      ['dsfgan', 5],
      ['dsfgan', 5],
    ]);
  });
});

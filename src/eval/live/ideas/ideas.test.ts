import { describe, expect, it } from 'vitest';
import { inferSchema } from '../../../data/infer';
import { parseTableFile } from '../../../data/load';
import { encodeRows, fitEncoder } from '../../../encoding/encoder';
import { fitImageCodec } from '../../../models/tablegan/imageCodec';
import { demoBytes } from '../../../../test-support/session';
import { twoClassTable } from '../../../../test-support/tables';
import { imageIdea, IMAGE_ROWS } from './imageIdea';
import { MODE_BINS, ModeIdeas } from './modeIdea';

const snapshot = { id: 1, step: 100 };

function penguins() {
  const raw = parseTableFile(demoBytes('penguins.csv'), 'penguins.csv');
  if (!raw.ok) throw new Error(raw.error);
  const schema = inferSchema(raw.value);
  if (!schema.ok) throw new Error(schema.error);
  return { raw: raw.value, schema: schema.value };
}

describe("table-GAN's idea: a row as an image", () => {
  it('round-trips: the image of a real row decodes to its own values, gaps included', () => {
    const { raw, schema } = penguins();
    const codec = fitImageCodec(raw, schema);
    const rows = raw.rows.filter((row) => row[schema.target] != null);
    // Rows with gaps (Sex, a measurement) are among those shown.
    const chosen = [...rows.filter((row) => row.includes(null)).slice(0, 3), ...rows.slice(0, 3)];
    const encoded = codec.encodeRows({ ...raw, rows: chosen });
    const idea = imageIdea(codec, snapshot, encoded.features, encoded.features);
    expect(idea.real).toHaveLength(IMAGE_ROWS);
    const used = schema.columns.flatMap((c, i) => (c.kind === 'ignored' ? [] : [i]));
    idea.real.forEach((image, r) => {
      expect(image.values).toHaveLength(idea.side * idea.side);
      expect(image.cells).toEqual(used.map((i) => chosen[r]![i] ?? null));
      for (const v of image.values) expect(Math.abs(v)).toBeLessThanOrEqual(1);
      // Padding is 0 in a real row.
      idea.cells.forEach((cell, i) => cell.role === 'padding' && expect(image.values[i]).toBe(0));
    });
    expect(idea.cells.filter((c) => c.role === 'missing').length).toBe(4);
    expect(idea.cells.find((c) => c.role === 'target')?.label).toBe('Species');
  });
});

describe("CTGAN's idea: each number's modes", () => {
  it('gives every value a mode: shares sum to 1, and rows encoded alike share alike', () => {
    const { raw, schema } = twoClassTable(600);
    const encoder = fitEncoder(raw, schema, { kind: 'modes', seed: 3 });
    const encoded = encodeRows(encoder, raw);
    const ideas = new ModeIdeas(encoder, raw.rows, encoded.features);
    // The real rows themselves as the "generated" batch: the same modes, the same histogram.
    const idea = ideas.idea(snapshot, encoded.features);
    expect(idea.columns.map((c) => c.name)).toEqual(['x']);
    const [x] = idea.columns;
    const sum = (xs: number[]) => xs.reduce((s, v) => s + v, 0);
    expect(x!.modes.length).toBeGreaterThanOrEqual(2);
    expect(sum(x!.modes.map((m) => m.realShare))).toBeCloseTo(1, 9);
    expect(x!.modes.map((m) => m.generatedShare)).toEqual(x!.modes.map((m) => m.realShare));
    expect(x!.real).toHaveLength(MODE_BINS);
    expect(sum(x!.real)).toBeCloseTo(1, 9);
    for (let b = 0; b < MODE_BINS; b++) expect(x!.generated[b]).toBeCloseTo(x!.real[b]!, 2);
    // Two classes near −2 and 3: the modes' shares follow the classes' (60% and 40%, within sampling).
    const low = sum(x!.modes.filter((m) => m.mean < 0.5).map((m) => m.realShare));
    expect(low).toBeGreaterThan(0.5);
    expect(low).toBeLessThan(0.7);
    // A generator that writes every value in one mode shows that mode's share at 1.
    const width = encoder.featureWidth;
    const offset = encoder.features[0]!.offset;
    const collapsed = encoded.features.slice();
    for (let r = 0; r < encoded.count; r++)
      x!.modes.forEach((_, k) => (collapsed[r * width + offset + 1 + k] = k === 0 ? 1 : 0));
    expect(ideas.idea(snapshot, collapsed).columns[0]!.modes[0]!.generatedShare).toBe(1);
  });
});

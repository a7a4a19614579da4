import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inferSchema } from '../../data/infer';
import { parseTableFile } from '../../data/load';
import type { NumericColumn } from '../../data/schema';
import type { TypedTable } from '../../data/schema';
import { encodeRows, fitEncoder } from '../../encoding/encoder';
import { binOf, fitBins, valueOf } from './bins';
import { BOS, RowTokenizer, blockLength, type BlockValue } from './tokenizer';

function demo(name: string): TypedTable {
  const bytes = new Uint8Array(readFileSync(resolve(__dirname, '../../../public/demos', name)));
  const parsed = parseTableFile(bytes, name);
  if (!parsed.ok) throw new Error(parsed.error);
  const schema = inferSchema(parsed.value);
  if (!schema.ok) throw new Error(schema.error);
  return { raw: parsed.value, schema: schema.value };
}

/** Tokens of every row (table order) read back through the tokenizer, as values per block. */
function roundTrip(table: TypedTable, bins = 16, offsets = 8) {
  const encoder = fitEncoder(table.raw, table.schema);
  const tokenizer = new RowTokenizer(encoder, table.raw, { bins, offsets });
  const rows = encodeRows(encoder, table.raw);
  const order = tokenizer.blocks.map((_, b) => b);
  const pairs: { before: BlockValue[]; after: BlockValue[] }[] = [];
  for (let r = 0; r < rows.count; r++) {
    const before = tokenizer.valuesOf(rows.features, rows.conditions, r);
    const tokens = tokenizer.tokens(before, order);
    expect(tokens).toHaveLength(tokenizer.length);
    let at = 1;
    const after = tokenizer.blocks.map((block) => {
      expect(tokens[at]).toBe(block.nameToken);
      const value = tokenizer.parseBlock(block, tokens.slice(at + 1, at + blockLength(block)));
      at += blockLength(block);
      if (typeof value === 'string') throw new Error(`row ${r} did not parse: ${value}`);
      return value;
    });
    // Written back as encoded rows and read again, the values are the same.
    const features = new Float32Array(encoder.featureWidth);
    const conditions = new Float32Array(encoder.conditionWidth);
    tokenizer.writeValues(after, features, conditions, 0);
    expect(tokenizer.valuesOf(features, conditions, 0)).toEqual(after);
    pairs.push({ before, after });
  }
  return { tokenizer, pairs };
}

describe('the row tokenizer', () => {
  it('gives categories and gaps back exactly, and numbers within their bin', () => {
    const { tokenizer, pairs } = roundTrip(demo('penguins.csv'));
    let gaps = 0;
    for (const { before, after } of pairs) {
      tokenizer.blocks.forEach((block, b) => {
        const [x, y] = [before[b]!, after[b]!];
        if (x === null) gaps++;
        if (block.kind === 'categorical' || x === null) return expect(y).toBe(x);
        const [bin] = binOf(block.bins, tokenizer.offsets, x);
        const range = block.bins[bin]!;
        if (range.kind === 'point') return expect(y).toBe(x);
        expect(y).toBeGreaterThanOrEqual(range.lo);
        expect(y).toBeLessThanOrEqual(range.hi);
        // Within the fine sub-bin, rounded as the column writes its numbers.
        const step = (range.hi - range.lo) / tokenizer.offsets;
        const rounding = 0.5 * 10 ** -(block.encoding.source as NumericColumn).decimals;
        expect(Math.abs((y as number) - x)).toBeLessThanOrEqual(step / 2 + rounding + 1e-9);
      });
    }
    expect(gaps).toBeGreaterThan(0);
  });

  it('keeps a value that holds a large share of its column as a point (precipitation 0)', () => {
    const { tokenizer, pairs } = roundTrip(demo('seattle-weather.csv'));
    const rain = tokenizer.blocks.findIndex((b) => b.name === 'precipitation');
    const zeros = pairs.filter((p) => p.before[rain] === 0);
    expect(zeros.length).toBeGreaterThan(pairs.length / 3);
    for (const p of zeros) expect(p.after[rain]).toBe(0);
  });

  it('names every token, starts rows with BOS, and refuses a value of another column', () => {
    const { raw, schema } = demo('penguins.csv');
    const tokenizer = new RowTokenizer(fitEncoder(raw, schema), raw, { bins: 16, offsets: 8 });
    expect(new Set(tokenizer.vocabulary).size).toBe(tokenizer.size);
    expect(tokenizer.vocabulary).toContain('Island = Biscoe');
    const island = tokenizer.blocks.find((b) => b.name === 'Island')!;
    const species = tokenizer.blocks.find((b) => b.name === 'Species')!;
    expect(tokenizer.parseBlock(island, [species.firstValue])).toBe('wrong-value');
    expect(tokenizer.parseBlock(species, [BOS])).toBe('wrong-value');
    // Species has no gaps: the missing token is not one of its values; Sex has some.
    const sex = tokenizer.blocks.find((b) => b.name === 'Sex')!;
    expect(tokenizer.parseBlock(species, [1])).toBe('wrong-value');
    expect(tokenizer.parseBlock(sex, [1])).toBeNull();
    const mass = tokenizer.blocks.find((b) => b.name === 'Body Mass (g)')!;
    expect(tokenizer.parseBlock(mass, [mass.firstValue, mass.firstValue])).toBe('wrong-offset');
  });
});

describe('number bins', () => {
  it('are quantiles: each holds a similar share of the values', () => {
    const values = Array.from({ length: 1000 }, (_, i) => (i * 7919) % 1000);
    const bins = fitBins(values, 10);
    expect(bins).toHaveLength(10);
    const counts = new Array<number>(10).fill(0);
    for (const v of values) counts[binOf(bins, 4, v)[0]]!++;
    for (const c of counts) expect(c).toBeGreaterThan(80);
  });

  it('give back a column of few distinct values exactly, and clamp a value beyond the range', () => {
    const bins = fitBins([1, 2, 2, 3, 5], 8);
    expect(bins.map((b) => b.kind)).toEqual(['point', 'point', 'point', 'point']);
    const wide = fitBins(
      Array.from({ length: 100 }, (_, i) => i),
      4,
    );
    const [bin, offset] = binOf(wide, 4, 1000);
    expect(bin).toBe(3);
    expect(valueOf(wide[bin]!, 4, offset)).toBeLessThanOrEqual(99);
  });
});

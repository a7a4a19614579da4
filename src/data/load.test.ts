import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTableFile, readTableFile } from './load';
import type { RawTable, Result } from './table';

const SHARED = path.resolve(__dirname, '../../../shared/data');
const hasShared = existsSync(SHARED);
if (!hasShared) console.warn(`skipping the real-file loading tests: ${SHARED} not found`);

const bytes = (text: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(text);

function table(result: Result<RawTable>): RawTable {
  if (!result.ok) throw new Error(`expected a table, got: ${result.error}`);
  return result.value;
}

function errorOf(result: Result<RawTable>): string {
  if (result.ok) throw new Error('expected a load error');
  return result.error;
}

describe.skipIf(!hasShared)('loading the real files', () => {
  it('reads adult.arff and adult.csv to the same table', () => {
    const arff = table(parseTableFile(readFileSync(path.join(SHARED, 'adult.arff')), 'adult.arff'));
    const csv = table(parseTableFile(readFileSync(path.join(SHARED, 'adult.csv')), 'adult.csv'));
    expect(arff.declared).toBeDefined();
    expect(csv.declared).toBeUndefined();
    expect(csv.columns).toEqual(arff.columns);
    expect(csv.rows).toEqual(arff.rows);
  });

  it('reads bank-full in both formats', () => {
    const arff = table(parseTableFile(readFileSync(path.join(SHARED, 'bank-full.arff')), 'bank-full.arff'));
    const csv = table(parseTableFile(readFileSync(path.join(SHARED, 'bank-full.csv')), 'bank-full.csv'));
    expect(arff.rows).toHaveLength(45_211);
    expect(csv.rows).toHaveLength(45_211);
    expect(csv.columns).toEqual(arff.columns);
  });
});

describe('parseTableFile', () => {
  it('rejects an empty file', () => {
    expect(errorOf(parseTableFile(new Uint8Array(0), 'empty.csv'))).toBe('empty.csv is empty.');
    expect(errorOf(parseTableFile(bytes('  \n\r\n\t\n'), 'blank.csv'))).toBe('blank.csv is empty.');
    expect(errorOf(parseTableFile(bytes('\uFEFF'), 'bom.csv'))).toBe('bom.csv is empty.');
  });

  it('rejects binary data', () => {
    const png = new Uint8Array(64);
    png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(errorOf(parseTableFile(png, 'photo.png'))).toBe(
      'photo.png does not look like a text table: it contains binary data.',
    );
    // No NUL byte, but mostly control characters and invalid UTF-8.
    const noise = Uint8Array.from({ length: 4096 }, (_, i) => [1, 2, 3, 0xff, 0xfe, 65][i % 6] as number);
    expect(errorOf(parseTableFile(noise, 'noise.csv'))).toBe(
      'noise.csv does not look like a text table: it contains binary data.',
    );
  });

  it('strips a UTF-8 BOM', () => {
    const t = table(parseTableFile(bytes('\uFEFFname;value\nx;1\ny;2\n'), 'bom.csv'));
    expect(t.columns).toEqual(['name', 'value']);
  });

  it('reads Windows-1252 text with a warning', () => {
    const latin = Uint8Array.from([...bytes('city,n\nZ'), 0xfc, ...bytes('rich,1\nBern,2\n')]);
    const result = parseTableFile(latin, 'cities.csv');
    expect(table(result).rows[0]).toEqual(['Zürich', '1']);
    expect(result.ok && result.warnings[0]).toMatch(/^cities\.csv is not valid UTF-8/);
  });

  it('reads UTF-16 text with a BOM, as Excel saves "Unicode text"', () => {
    const text = '\uFEFFname\tcount\nZürich\t1\nBern\t2\n';
    const le = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) le.set([text.charCodeAt(i) & 0xff, text.charCodeAt(i) >> 8], i * 2);
    expect(table(parseTableFile(le, 'excel.txt')).rows).toEqual([
      ['Zürich', '1'],
      ['Bern', '2'],
    ]);
  });

  it('detects ARFF by extension or by a leading @relation', () => {
    const arff = '% made by hand\n\n@RELATION r\n@attribute a numeric\n@attribute b {x,y}\n@data\n1,x\n2,y\n';
    const byContent = table(parseTableFile(bytes(arff), 'data.txt'));
    expect(byContent.declared).toHaveLength(2);
    const byName = parseTableFile(bytes('@data\n1,2\n'), 'broken.ARFF');
    expect(errorOf(byName)).toBe('broken.ARFF, line 1: @data comes before any @attribute declaration.');
  });

  it('reads TSV', () => {
    const t = table(parseTableFile(bytes('a\tb\n1\t2\n'), 'x.tsv'));
    expect(t.rows).toEqual([['1', '2']]);
  });

  it('rejects a table without data rows', () => {
    expect(errorOf(parseTableFile(bytes('a,b,c\n'), 'header.csv'))).toBe(
      'header.csv has a header but no data rows.',
    );
  });

  it('rejects a single column', () => {
    expect(errorOf(parseTableFile(bytes('x\n1\n2\n3\n'), 'one.csv'))).toBe(
      "one.csv has a single column ('x'); a GAN needs at least two columns.",
    );
  });

  it('passes on ragged-row errors with the line number', () => {
    expect(errorOf(parseTableFile(bytes('a,b\n1,2\n3\n'), 'ragged.csv'))).toBe(
      "ragged.csv, line 3, column 2 ('b'): 1 field, but the header has 2.",
    );
  });
});

describe('reading big files in bounded memory', () => {
  const numbered = (rows: number) =>
    bytes(
      ['i,label', ...Array.from({ length: rows }, (_, i) => `${i},${i % 2 ? 'odd' : 'even'}`)].join('\n'),
    );

  it('keeps every row up to the cell budget, then a seeded, uniform sample, and says so', () => {
    const file = numbered(20_000);
    const result = parseTableFile(file, 'many.csv', { maxCells: 2_000, seed: 7, chunkBytes: 4096 });
    const t = table(result);
    expect(t.rows).toHaveLength(1_000);
    expect(result.ok && result.warnings.at(-1)).toBe(
      'many.csv: 20,000 rows read; a seeded sample of 1,000 (seed 7) is used, to keep memory bounded.',
    );
    // Uniform over the file: the kept row numbers average about half the file, not the first rows.
    const mean = t.rows.reduce((sum, r) => sum + Number(r[0]), 0) / t.rows.length;
    expect(mean).toBeGreaterThan(9_000);
    expect(mean).toBeLessThan(11_000);
    // The same seed keeps the same rows; another seed others.
    const again = table(parseTableFile(file, 'many.csv', { maxCells: 2_000, seed: 7 }));
    expect(again.rows).toEqual(t.rows);
    const other = table(parseTableFile(file, 'many.csv', { maxCells: 2_000, seed: 8 }));
    expect(other.rows).not.toEqual(t.rows);
  });

  it('reads a Blob a chunk at a time to the same table', async () => {
    const file = numbered(5_000);
    const whole = table(parseTableFile(file, 'n.csv'));
    const streamed = await readTableFile(new Blob([file]), 'n.csv', { chunkBytes: 1000 });
    expect(table(streamed)).toEqual(whole);
  });

  it('stops reading when a newer table is chosen', async () => {
    let chunks = 0;
    const result = await readTableFile(new Blob([numbered(5_000)]), 'n.csv', {
      chunkBytes: 1000,
      wanted: () => ++chunks < 3,
    });
    expect(!result.ok && result.error).toBe('n.csv was not read: a newer table was chosen.');
    expect(chunks).toBe(3);
  });
});

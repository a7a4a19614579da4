import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv';
import type { RawTable, Result } from './table';

const SHARED = path.resolve(__dirname, '../../../shared/data');
const hasShared = existsSync(SHARED);
if (!hasShared) console.warn(`skipping the real-file CSV tests: ${SHARED} not found`);

/** The table of a parse that must succeed (the message shows when it does not). */
function table(result: Result<RawTable>): RawTable {
  if (!result.ok) throw new Error(`expected a table, got: ${result.error}`);
  return result.value;
}

function errorOf(result: Result<RawTable>): string {
  if (result.ok) throw new Error('expected a parse error');
  return result.error;
}

function countBy(table: RawTable, column: string): Record<string, number> {
  const index = table.columns.indexOf(column);
  const counts: Record<string, number> = {};
  for (const row of table.rows) {
    const key = String(row[index]);
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

describe.skipIf(!hasShared)('real CSV files', () => {
  it('reads adult.csv: comma-separated, `?` for missing', () => {
    const adult = table(parseCsv(readFileSync(path.join(SHARED, 'adult.csv'), 'utf8'), 'adult.csv'));
    expect(adult.rows).toHaveLength(32_561);
    expect(adult.columns).toHaveLength(15);
    expect(adult.columns[0]).toBe('age');
    expect(adult.columns[14]).toBe('income');
    expect(adult.missingMarker).toBe('?');
    expect(adult.rows.filter((r) => r.includes(null))).toHaveLength(2_399);
    expect(countBy(adult, 'income')).toEqual({ '<=50K': 24_720, '>50K': 7_841 });
    expect(adult.rows[0]?.slice(0, 3)).toEqual(['39', 'State-gov', '77516']);
  });

  it('reads bank-full.csv: semicolon-separated with quoted strings', () => {
    const bank = table(parseCsv(readFileSync(path.join(SHARED, 'bank-full.csv'), 'utf8'), 'bank-full.csv'));
    expect(bank.rows).toHaveLength(45_211);
    expect(bank.columns).toHaveLength(17);
    expect(bank.columns.slice(0, 3)).toEqual(['age', 'job', 'marital']);
    expect(bank.rows[0]?.slice(0, 3)).toEqual(['58', 'management', 'married']);
    expect(countBy(bank, 'y')).toEqual({ no: 39_922, yes: 5_289 });
    expect(bank.missingMarker).toBe('');
  });
});

describe('parseCsv', () => {
  it('reads TSV', () => {
    const t = table(parseCsv('a\tb\tc\n1\tx, y\t3\n4\tz\t6\n', 't.tsv'));
    expect(t.columns).toEqual(['a', 'b', 'c']);
    expect(t.rows).toEqual([
      ['1', 'x, y', '3'],
      ['4', 'z', '6'],
    ]);
  });

  it('reads semicolon files, reading decimal commas as numbers', () => {
    const t = table(parseCsv('x;y;label\n1,5;2;"a"\n3;4,25;"b"\n', 's.csv'));
    expect(t.columns).toEqual(['x', 'y', 'label']);
    expect(t.rows).toEqual([
      ['1.5', '2', 'a'],
      ['3', '4.25', 'b'],
    ]);
  });

  it('reads pipe-separated files', () => {
    const t = table(parseCsv('a|b\n1|2\n', 'p.txt'));
    expect(t.rows).toEqual([['1', '2']]);
  });

  it('reads quoted fields with delimiters, doubled quotes and newlines', () => {
    const text = 'id,text,n\n1,"a, b",2\n2,"say ""hi""",3\n3,"two\nlines",4\n4,plain,5\n';
    const t = table(parseCsv(text, 'q.csv'));
    expect(t.rows.map((r) => r[1])).toEqual(['a, b', 'say "hi"', 'two\nlines', 'plain']);
  });

  it('counts the lines of a quoted newline in later line numbers', () => {
    const text = 'id,text,n\n1,"two\nlines",4\n\n2,x\n';
    expect(errorOf(parseCsv(text, 'q.csv'))).toBe(
      "q.csv, line 5, column 3 ('n'): 2 fields, but the header has 3.",
    );
  });

  it('strips a UTF-8 BOM', () => {
    const t = table(parseCsv('\uFEFFname,value\nx,1\n', 'bom.csv'));
    expect(t.columns).toEqual(['name', 'value']);
  });

  it('reads CRLF line endings', () => {
    const t = table(parseCsv('a,b\r\n1,2\r\n3,4\r\n', 'crlf.csv'));
    expect(t.rows).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('trims fields and skips blank lines', () => {
    const t = table(parseCsv('\n a , b \n\n 1 , x y \n   \n2,z\n\n', 'trim.csv'));
    expect(t.columns).toEqual(['a', 'b']);
    expect(t.rows).toEqual([
      ['1', 'x y'],
      ['2', 'z'],
    ]);
  });

  it('turns missing markers into null and remembers the most used one', () => {
    const text = 'a,b,c\n1,NA,x\n?,NA,\nnull,N/A,NaN\n4,5,y\n';
    const t = table(parseCsv(text, 'na.csv'));
    expect(t.rows).toEqual([
      ['1', null, 'x'],
      [null, null, null],
      [null, null, null],
      ['4', '5', 'y'],
    ]);
    expect(t.missingMarker).toBe('NA');
  });

  it('defaults the missing marker to an empty cell', () => {
    expect(table(parseCsv('a,b\n1,2\n', 'm.csv')).missingMarker).toBe('');
  });

  it('rejects a row with the wrong number of fields, naming the line', () => {
    const text = 'a,b,c,d\n1,2,3,4\n5,6,7,8\n\n9,10,11\n';
    expect(errorOf(parseCsv(text, 'bad.csv'))).toBe(
      "bad.csv, line 5, column 4 ('d'): 3 fields, but the header has 4.",
    );
    expect(errorOf(parseCsv('a,b\n1,2,3\n', 'bad.csv'))).toBe(
      'bad.csv, line 2, column 3: 3 fields, but the header has 2.',
    );
  });

  it('rejects duplicate and empty header names', () => {
    expect(errorOf(parseCsv('a,b,a\n1,2,3\n', 'dup.csv'))).toBe(
      "dup.csv, line 1, column 3: the header names two columns 'a' (columns 1 and 3); column names must be unique.",
    );
    expect(errorOf(parseCsv('a,,c\n1,2,3\n', 'noname.csv'))).toBe(
      'noname.csv, line 1, column 2: this header column has no name; every column needs one.',
    );
  });

  it('rejects an unclosed quote, naming the line', () => {
    expect(errorOf(parseCsv('a,b\n1,2\n3,"4\n5,6\n', 'quote.csv'))).toBe(
      "quote.csv, line 3, column 2 ('b'): a quoted field is opened but never closed.",
    );
  });

  it('fails on a text with no header', () => {
    expect(errorOf(parseCsv('\n  \n', 'blank.csv'))).toBe('blank.csv is empty.');
  });

  it('reports progress about 50 times, rising to 1', () => {
    const lines = ['a,b,c'];
    for (let i = 0; i < 20_000; i++) lines.push(`${i},${i * 2},"v${i % 7}"`);
    const seen: number[] = [];
    table(parseCsv(lines.join('\n'), 'big.csv', (f) => seen.push(f)));
    expect(seen.length).toBeGreaterThan(10);
    expect(seen.length).toBeLessThanOrEqual(52);
    expect(seen).toEqual([...seen].sort((x, y) => x - y));
    expect(seen.at(-1)).toBe(1);
  });
});

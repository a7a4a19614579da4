import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArff } from './arff';
import type { RawTable, Result } from './table';

const SHARED = path.resolve(__dirname, '../../../shared/data');
const hasShared = existsSync(SHARED);
if (!hasShared) console.warn(`skipping the real-file ARFF tests: ${SHARED} not found`);

function table(result: Result<RawTable>): RawTable {
  if (!result.ok) throw new Error(`expected a table, got: ${result.error}`);
  return result.value;
}

function errorOf(result: Result<RawTable>): string {
  if (result.ok) throw new Error('expected a parse error');
  return result.error;
}

const HEADER = `@relation people
@attribute age numeric
@attribute workclass {Private, Self-emp, Gov}
@attribute income {'<=50K', '>50K'}
@data
`;

describe.skipIf(!hasShared)('real ARFF files', () => {
  it('reads adult.arff (a space after each comma, `?` for missing)', () => {
    const text = readFileSync(path.join(SHARED, 'adult.arff'), 'utf8');
    const adult = table(parseArff(text, 'adult.arff'));
    expect(adult.rows).toHaveLength(32_561);
    expect(adult.columns).toHaveLength(15);
    expect(adult.declared?.filter((d) => d.kind === 'numeric')).toHaveLength(6);
    expect(adult.declared?.filter((d) => d.kind === 'nominal')).toHaveLength(9);
    expect(adult.missingMarker).toBe('?');
    expect(adult.rows.filter((r) => r.includes(null))).toHaveLength(2_399);
    expect(adult.rows[0]?.slice(0, 4)).toEqual(['39', 'State-gov', '77516', 'Bachelors']);
    const income = adult.rows.map((r) => r[14]);
    expect(income.filter((v) => v === '<=50K')).toHaveLength(24_720);
    expect(income.filter((v) => v === '>50K')).toHaveLength(7_841);
  });

  it('reads bank-full.arff, which has no newline at the end', () => {
    const text = readFileSync(path.join(SHARED, 'bank-full.arff'), 'utf8');
    expect(text.endsWith('\n')).toBe(false);
    const bank = table(parseArff(text, 'bank-full.arff'));
    expect(bank.rows).toHaveLength(45_211);
    expect(bank.columns).toHaveLength(17);
    expect(bank.declared?.filter((d) => d.kind === 'numeric')).toHaveLength(7);
    const y = bank.rows.map((r) => r[16]);
    expect(y.filter((v) => v === 'no')).toHaveLength(39_922);
    expect(y.filter((v) => v === 'yes')).toHaveLength(5_289);
    expect(bank.rows.at(-1)?.at(-1)).toBe('no');
  });
});

describe('parseArff', () => {
  it('reads declarations, comments, quotes and missing values', () => {
    const text = `% A comment before the header
@RELATION 'my data'

@Attribute 'full name' string
@ATTRIBUTE "years old" INTEGER % age in years
@attribute height real
@attribute colour { red , 'light blue', "dark, green" }
@attribute born date "yyyy-MM-dd"
@attribute n NUMERIC

@DATA
% the first row
'Ada Lovelace', 36, 1.65, red, 1815-12-10, 1
"Bob \\"B\\" Smith",?,1.8,'light blue',?,2 % a trailing comment
'O\\'Neil, Jo', 40, ?, 'dark, green', 1980-01-01, 3

?, 1, 2, ?, ?, 4`;
    const t = table(parseArff(text, 'fixture.arff'));
    expect(t.columns).toEqual(['full name', 'years old', 'height', 'colour', 'born', 'n']);
    expect(t.declared).toEqual([
      { kind: 'string' },
      { kind: 'numeric' },
      { kind: 'numeric' },
      { kind: 'nominal', levels: ['red', 'light blue', 'dark, green'] },
      { kind: 'date' },
      { kind: 'numeric' },
    ]);
    expect(t.rows).toEqual([
      ['Ada Lovelace', '36', '1.65', 'red', '1815-12-10', '1'],
      ['Bob "B" Smith', null, '1.8', 'light blue', null, '2'],
      ["O'Neil, Jo", '40', null, 'dark, green', '1980-01-01', '3'],
      [null, '1', '2', null, null, '4'],
    ]);
    expect(t.missingMarker).toBe('?');
  });

  it('reads CRLF line endings', () => {
    const t = table(parseArff(HEADER.replace(/\n/g, '\r\n') + '30, Gov, >50K\r\n', 'crlf.arff'));
    expect(t.rows).toEqual([['30', 'Gov', '>50K']]);
  });

  it('rejects a value that is not a declared level, naming line and column', () => {
    const text = `${HEADER}30, Private, <=50K\n% comment\n41, Foo, >50K\n`;
    expect(errorOf(parseArff(text, 'people.arff'))).toBe(
      "people.arff, line 8, column 2 ('workclass'): value 'Foo' is not one of the declared values {Private, Self-emp, Gov}.",
    );
  });

  it('shortens a long list of declared levels', () => {
    const levels = Array.from({ length: 30 }, (_, i) => `c${i}`);
    const text = `@relation r\n@attribute x numeric\n@attribute c {${levels.join(',')}}\n@data\n1,nope\n`;
    expect(errorOf(parseArff(text, 'long.arff'))).toBe(
      "long.arff, line 5, column 2 ('c'): value 'nope' is not one of the declared values {c0, c1, c2, c3, c4, c5, c6, c7, ... (30 in all)}.",
    );
  });

  it('rejects a row with the wrong number of values, naming the line', () => {
    expect(errorOf(parseArff(`${HEADER}30, Gov, >50K\n31, Gov\n`, 'short.arff'))).toBe(
      "short.arff, line 7, column 3 ('income'): 2 values, but 3 attributes are declared.",
    );
  });

  it('rejects a non-number in a numeric attribute, naming line and column', () => {
    expect(errorOf(parseArff(`${HEADER}thirty, Gov, >50K\n`, 'num.arff'))).toBe(
      "num.arff, line 6, column 1 ('age'): value 'thirty' is not a number, but the attribute is numeric.",
    );
  });

  it('rejects sparse data with a clear message', () => {
    const text = '@relation s\n@attribute a numeric\n@attribute b numeric\n@data\n{0 1, 1 2}\n';
    expect(errorOf(parseArff(text, 'sparse.arff'))).toMatch(
      /^sparse\.arff, line 5: .*sparse ARFF.*not supported/,
    );
  });

  it('rejects broken headers with the line', () => {
    expect(errorOf(parseArff('@relation r\n@attribute a numeric\n', 'nodata.arff'))).toBe(
      'nodata.arff has no @data line, so it holds no data rows.',
    );
    expect(errorOf(parseArff('@relation r\n@attribute a float\n@data\n', 'type.arff'))).toMatch(
      /^type\.arff, line 2: attribute 'a' has the unknown type 'float'/,
    );
    expect(
      errorOf(parseArff('@relation r\n@attribute a numeric\n@attribute a numeric\n@data\n', 'twice.arff')),
    ).toBe("twice.arff, line 3: attribute 'a' is declared twice; names must be unique.");
    expect(errorOf(parseArff('@relation r\nhello\n', 'junk.arff'))).toBe(
      "junk.arff, line 2: expected @relation, @attribute or @data, but found 'hello'.",
    );
  });

  it('reports progress, ending at 1', () => {
    const lines = Array.from({ length: 5_000 }, (_, i) => `${i}, Gov, >50K`);
    const seen: number[] = [];
    table(parseArff(HEADER + lines.join('\n'), 'p.arff', (f) => seen.push(f)));
    expect(seen.length).toBeGreaterThan(10);
    expect(seen.length).toBeLessThanOrEqual(52);
    expect(seen.at(-1)).toBe(1);
  });
});

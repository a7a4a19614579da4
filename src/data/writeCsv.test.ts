import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { writeCsv } from './writeCsv';

const cells = (csv: string) => Papa.parse<string[]>(csv, { skipEmptyLines: true }).data;

describe('writeCsv', () => {
  it('neutralises every cell a spreadsheet would run as a formula', () => {
    const hostile = ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\t=1', '\r=1', '=HYPERLINK("http://x")'];
    const [, ...rows] = cells(
      writeCsv(
        ['value'],
        hostile.map((v) => [v]),
      ),
    );
    expect(rows.map((r) => r[0])).toEqual(hostile.map((v) => `'${v}`));
  });

  it('neutralises column names too', () => {
    const [header] = cells(writeCsv(['=cmd|" /C calc"!A0', 'ok'], [['1', '2']]));
    expect(header).toEqual(['\'=cmd|" /C calc"!A0', 'ok']);
  });

  it('keeps numbers, plain text and missing values as they are', () => {
    const safe = ['-3.5', '+2', '-1e-4', '.5', '-0', 'abc', 'a=b', 'x-1', ''];
    const [, ...rows] = cells(writeCsv(['v', 'n'], [...safe.map((v) => [v, -7.25]), [null, null]]));
    expect(rows.map((r) => r[0])).toEqual([...safe, '']);
    expect(rows.map((r) => r[1])).toEqual([...safe.map(() => '-7.25'), '']);
  });
});

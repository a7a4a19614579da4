import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { CSV_SPECTRUM } from '../../test-support/csvSpectrum';
import { nodeSessionEnvironment } from '../worker/nodeBackends';
import { EngineSession } from '../worker/session';
import { inferSchema } from './infer';
import { parseTableFile } from './load';
import type { RawTable, Result } from './table';

// One seed for every property, printed so a failure can be repeated: FC_SEED=<seed> npx vitest run ...
// FC_RUNS raises the number of cases when hunting.
const SEED = Number(process.env.FC_SEED ?? 20261203);
const RUNS = Number(process.env.FC_RUNS ?? 150);
console.log(`hostile files: fast-check seed ${SEED}, ${RUNS} runs per property (FC_SEED, FC_RUNS)`);
const settings = { seed: SEED, numRuns: RUNS };
/** For the big inputs: linear reading takes seconds on a busy machine; a quadratic one takes many minutes. */
const SLOW_MS = 120_000;

const utf8 = (text: string) => new TextEncoder().encode(text);
const MISSING = new Set(['?', 'NA', 'N/A', 'null', 'NULL', 'NaN']);

function table(result: Result<RawTable>): RawTable {
  if (!result.ok) throw new Error(`expected a table, got: ${result.error}`);
  return result.value;
}

/** Characters that break readers: delimiters, quotes, line breaks, comment marks, non-ASCII. */
const tricky = fc.constantFrom(...'abzABZ019.-_ ,;\t|"\'\n\r#%{}\\@éßü°'.split(''), 'ʤ', '€', '中', '😀');
/** A cell or column name: starts with a letter (so it is neither a number nor a comment) and is trimmed. */
const word = fc
  .tuple(fc.constantFrom('a', 'q', 'Z', 'é', 'x'), fc.array(tricky, { maxLength: 10 }))
  .map(([first, rest]) => (first + rest.join('')).trimEnd())
  .filter((w) => !MISSING.has(w));

const lineBreak = fc.constantFrom('\n', '\r\n', '\r');

interface Written {
  columns: string[];
  rows: string[][];
  delimiter: string;
  breaks: string[];
  bom: boolean;
  preamble: string[];
  quoteAll: boolean;
}

const csvTable = fc.integer({ min: 2, max: 5 }).chain((width) =>
  fc.record({
    columns: fc.uniqueArray(word, { minLength: width, maxLength: width }),
    rows: fc.array(fc.array(word, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 6 }),
    delimiter: fc.constantFrom(',', ';', '\t', '|'),
    breaks: fc.array(lineBreak, { minLength: 8, maxLength: 8 }),
    bom: fc.boolean(),
    preamble: fc.array(
      word.map((w) => `# ${w.replace(/[\r\n]/g, ' ')}`),
      { maxLength: 2 },
    ),
    quoteAll: fc.boolean(),
  }),
);

/** Writes a table as a spreadsheet would, quoting what must be quoted, with the line breaks drawn. */
function writeCsv(t: Written): string {
  const needsQuotes = /[,;\t|"\n\r ]/;
  const cell = (v: string) => (t.quoteAll || needsQuotes.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  const lines = [...t.preamble, ...[t.columns, ...t.rows].map((r) => r.map(cell).join(t.delimiter))];
  const text = lines.map((line, i) => line + (t.breaks[i % t.breaks.length] as string)).join('');
  return (t.bom ? '\uFEFF' : '') + text;
}

/** Every line break reads as LF, inside quotes too. */
const asRead = (v: string) => v.replace(/\r\n?/g, '\n');

/** Latin-1 bytes of a text, or null when it has characters Latin-1 lacks (or C1 controls). */
function latin1(text: string): Uint8Array | null {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0xff || (c >= 0x80 && c < 0xa0)) return null;
    bytes[i] = c;
  }
  return bytes;
}

function utf16le(text: string): Uint8Array {
  const withBom = text.startsWith('\uFEFF') ? text : `\uFEFF${text}`;
  const bytes = new Uint8Array(withBom.length * 2);
  for (let i = 0; i < withBom.length; i++) {
    bytes[2 * i] = withBom.charCodeAt(i) & 0xff;
    bytes[2 * i + 1] = withBom.charCodeAt(i) >> 8;
  }
  return bytes;
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** A chunk size that cuts files everywhere: inside characters, CR LF pairs, quotes and records. */
const chunkBytes = fc.oneof(fc.integer({ min: 1, max: 7 }), fc.integer({ min: 8, max: 4096 }));

/** A table a spreadsheet wrote, then damaged: characters inserted and deleted, lines doubled, cut short; or noise. */
const hostileBytes = fc.oneof(
  fc
    .tuple(
      csvTable,
      fc.array(
        fc.record({
          at: fc.nat(),
          kind: fc.constantFrom('insert', 'delete', 'duplicate-line', 'truncate'),
          text: fc.array(tricky, { minLength: 1, maxLength: 4 }).map((c) => c.join('')),
        }),
        { minLength: 1, maxLength: 6 },
      ),
    )
    .map(([t, edits]) => utf8(edits.reduce(applyEdit, writeCsv(t)))),
  fc.uint8Array({ maxLength: 600 }),
);

describe('hostile and odd files (property-based)', () => {
  it('reads any table a spreadsheet writes: quotes, line breaks, BOM, preamble, delimiter, encoding, chunking', () => {
    fc.assert(
      fc.property(
        csvTable,
        fc.constantFrom('utf-8', 'latin-1', 'utf-16'),
        chunkBytes,
        (t, encoding, chunk) => {
          const text = writeCsv(t);
          const bytes =
            encoding === 'utf-8' ? utf8(text) : encoding === 'utf-16' ? utf16le(text) : latin1(text);
          // Latin-1 bytes that happen to be valid UTF-8 are read as UTF-8: the ambiguity is real.
          fc.pre(bytes !== null && (encoding !== 'latin-1' || !isUtf8(bytes)));
          const read = table(parseTableFile(bytes as Uint8Array, 'drawn.csv', { chunkBytes: chunk }));
          expect(read.columns).toEqual(t.columns.map(asRead));
          expect(read.rows).toEqual(t.rows.map((r) => r.map(asRead)));
        },
      ),
      settings,
    );
  });

  it('never throws on mutated or random bytes, and every failure names the file, line and column', () => {
    fc.assert(
      fc.property(hostileBytes, chunkBytes, (bytes, chunk) => {
        const result = parseTableFile(bytes, 'hostile.csv', { chunkBytes: chunk });
        if (result.ok) {
          const { columns, rows } = result.value;
          expect(columns.length).toBeGreaterThanOrEqual(2);
          expect(rows.length).toBeGreaterThan(0);
          for (const row of rows) expect(row).toHaveLength(columns.length);
          const schema = inferSchema(result.value);
          if (!schema.ok) expect(schema.error).toMatch(/^hostile\.csv[ ,:]/);
        } else {
          expect(result.error).toMatch(/^hostile\.csv[ ,]/);
          // A failure at a place in the file names its line and its column.
          if (result.error.startsWith('hostile.csv, line')) {
            expect(result.error).toMatch(/^hostile\.csv, line \d+, column \d+( \('[^]*'\))?: /);
          }
        }
      }),
      settings,
    );
  });

  it('a file that fails leaves the table the user had loaded, in the worker', async () => {
    const session = new EngineSession(nodeSessionEnvironment('cpu'));
    const mine = await session.loadFile(new Blob(['x,y,label\n1,2,a\n3,4,b\n5,6,a\n']), 'mine.csv');
    expect(mine.ok).toBe(true);
    const before = JSON.stringify(session.tableView());
    await fc.assert(
      fc.asyncProperty(hostileBytes, async (bytes) => {
        const loaded = await session.loadFile(new Blob([bytes as Uint8Array<ArrayBuffer>]), 'hostile.csv');
        if (loaded.ok) await session.loadFile(new Blob(['x,y,label\n1,2,a\n3,4,b\n5,6,a\n']), 'mine.csv');
        else expect(JSON.stringify(session.tableView())).toBe(before);
      }),
      { ...settings, numRuns: Math.ceil(RUNS / 5) },
    );
  });

  it('reads ARFF with quoted names and values, comments and any line breaks', () => {
    const arffWord = word.map((w) => w.replace(/[\r\n\\]/g, '_'));
    const arff = fc.integer({ min: 2, max: 4 }).chain((width) =>
      fc.record({
        names: fc.uniqueArray(arffWord, { minLength: width, maxLength: width }),
        rows: fc.array(fc.array(arffWord, { minLength: width, maxLength: width }), {
          minLength: 1,
          maxLength: 5,
        }),
        breaks: fc.array(lineBreak, { minLength: 5, maxLength: 5 }),
      }),
    );
    const quote = (v: string) => `'${v.replaceAll("'", "\\'")}'`;
    fc.assert(
      fc.property(arff, chunkBytes, ({ names, rows, breaks }, chunk) => {
        const lines = [
          '% drawn by fast-check',
          '@relation drawn',
          ...names.map((n) => `@attribute ${quote(n)} string`),
          '@data',
          ...rows.map((r) => r.map(quote).join(',')),
        ];
        const text = lines.map((l, i) => l + (breaks[i % breaks.length] as string)).join('');
        const read = table(parseTableFile(utf8(text), 'drawn.arff', { chunkBytes: chunk }));
        expect(read.columns).toEqual(names.map((n) => n.trim()));
        expect(read.rows).toEqual(rows.map((r) => r.map((v) => v.trim())));
      }),
      settings,
    );
  });

  it('reads numbers written with thousands separators or decimal commas as numbers', () => {
    // Cents over 100: the nearest double to a two-decimal number, which is what reading it gives.
    const value = fc.integer({ min: -500_000_000, max: 500_000_000 }).map((cents) => cents / 100);
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 1, maxLength: 20 }),
        fc.constantFrom('en-US', 'de-DE'),
        (values, locale) => {
          const european = locale === 'de-DE';
          // One value with decimals: a column of whole numbers alone, 318.661, reads either way.
          values = [...values, 0.5];
          const written = values.map((v) => v.toLocaleString(locale, { maximumFractionDigits: 2 }));
          const text = european
            ? ['amount;label', ...written.map((w, i) => `${w};l${i % 2}`)].join('\n')
            : ['amount,label', ...written.map((w, i) => `"${w}",l${i % 2}`)].join('\n');
          const read = table(parseTableFile(utf8(text), 'money.csv'));
          expect(read.rows.map((r) => Number(r[0]))).toEqual(values);
        },
      ),
      settings,
    );
  });
});

function applyEdit(text: string, e: { at: number; kind: string; text: string }): string {
  const at = text.length === 0 ? 0 : e.at % text.length;
  switch (e.kind) {
    case 'insert':
      return text.slice(0, at) + e.text + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + e.text.length);
    case 'truncate':
      return text.slice(0, at);
    default: {
      const start = text.lastIndexOf('\n', at) + 1;
      const end = text.indexOf('\n', at);
      const line = text.slice(start, end === -1 ? text.length : end + 1);
      return text.slice(0, start) + line + text.slice(start);
    }
  }
}

describe('csv-spectrum', () => {
  // The cases are written as files by the test itself, then read back as bytes.
  const dir = mkdtempSync(path.join(tmpdir(), 'csv-spectrum-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  for (const spectrum of CSV_SPECTRUM) {
    it(`reads ${spectrum.file}`, () => {
      const file = path.join(dir, spectrum.file);
      writeFileSync(file, spectrum.text);
      const read = table(parseTableFile(readFileSync(file), spectrum.file));
      expect(read.columns).toEqual(spectrum.columns);
      expect(read.rows).toEqual(spectrum.rows);
    });
  }
});

describe('odd files seen in the wild', () => {
  it('reads the German credit data: space-delimited, a BOM, no header', () => {
    // The first rows of UCI's german.data, as it ships.
    const text =
      '\uFEFFA11 6 A34 A43 1169 A65 A75 4 A93 A101 4 A121 67 A143 A152 2 A173 1 A192 A201 1\n' +
      'A12 48 A32 A43 5951 A61 A73 2 A92 A101 2 A121 22 A143 A152 1 A173 1 A191 A201 2\n' +
      'A14 12 A34 A46 2096 A61 A74 2 A93 A101 3 A121 49 A143 A152 1 A172 2 A191 A201 1\n';
    const result = parseTableFile(utf8(text), 'german.data');
    const read = table(result);
    expect(read.columns).toHaveLength(21);
    expect(read.columns[0]).toBe('column 1');
    expect(read.rows).toHaveLength(3);
    expect(read.rows[0]?.slice(0, 5)).toEqual(['A11', '6', 'A34', 'A43', '1169']);
    expect(result.ok && result.warnings.join(' ')).toMatch(/first line .* read as data/);
  });

  it('reads a space-aligned table whose columns are padded with runs of spaces', () => {
    const text = '  name    age  city\n  ann      31   Bern\n  bob       4   Köln\n';
    expect(table(parseTableFile(utf8(text), 'aligned.txt')).rows).toEqual([
      ['ann', '31', 'Bern'],
      ['bob', '4', 'Köln'],
    ]);
  });

  it('keeps commas and spaces apart: names with spaces in a comma file', () => {
    const text = 'first name,last name\nJohn Smith,Jane Doe\nAl Bo,Cy Di\n';
    expect(table(parseTableFile(utf8(text), 'names.csv')).columns).toEqual(['first name', 'last name']);
  });

  it('skips a # preamble and says so', () => {
    const result = parseTableFile(utf8('# source: a survey\n# licence: CC0\nx,y\n1,2\n'), 'pre.csv');
    expect(table(result).columns).toEqual(['x', 'y']);
    expect(result.ok && result.warnings[0]).toMatch(/^pre\.csv: the first 2 lines start with #/);
  });

  it("explains a Python bytes literal (b'...') instead of reading it as one line", () => {
    const result = parseTableFile(utf8("b'a,b\\n1,2\\n3,4\\n'"), 'bytes.csv');
    expect(!result.ok && result.error).toMatch(/^bytes\.csv, line 1, column 1: .*Python bytes literal/);
  });

  it('reads a Latin-1 file and says so', () => {
    const bytes = latin1('Stadt;Grad\nZürich;12°\nMünchen;9°\n') as Uint8Array;
    const result = parseTableFile(bytes, 'latin.csv');
    expect(table(result).rows[1]).toEqual(['München', '9°']);
    expect(result.ok && result.warnings[0]).toMatch(/not valid UTF-8; it was read as Windows-1252/);
  });

  it(
    'reads a huge field in linear time',
    () => {
      const huge = 'x'.repeat(10_000_000);
      const text = `a,b\n1,"${huge}"\n2,${huge}\n`;
      const read = table(parseTableFile(utf8(text), 'huge.csv', { chunkBytes: 1024 * 1024 }));
      expect(read.rows.map((r) => r[1]?.length)).toEqual([huge.length, huge.length]);
    },
    SLOW_MS,
  );

  it(
    'reads an ARFF line of 200,000 quoted values in linear time',
    () => {
      const width = 200_000;
      const header = Array.from({ length: width }, (_, i) => `@attribute c${i} string`).join('\n');
      const row = Array.from({ length: width }, (_, i) => `'v ${i}'`).join(',');
      const read = table(parseTableFile(utf8(`@relation wide\n${header}\n@data\n${row}\n`), 'wide.arff'));
      expect(read.rows[0]?.[width - 1]).toBe(`v ${width - 1}`);
    },
    SLOW_MS,
  );

  it(
    'stops at a quote that is never closed, naming where it opened, without holding the file',
    () => {
      const text = `a,b\n1,2\n3,"open${'x'.repeat(40_000_000)}`;
      const result = parseTableFile(utf8(text), 'open.csv', { chunkBytes: 4 * 1024 * 1024 });
      expect(!result.ok && result.error).toMatch(/^open\.csv, line 3, .*(never closed|runs past)/);
    },
    SLOW_MS,
  );
});

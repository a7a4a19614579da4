import Papa from 'papaparse';
import type { Parser, ParseStepResult } from 'papaparse';
import { fail, ok } from './table';
import type { Cell, RawTable, Result } from './table';
import { progressReporter } from './progress';

/** Cells spelled like this are missing values. Matched after trimming, case-sensitively. */
const MISSING_MARKERS = new Set(['', '?', 'NA', 'N/A', 'null', 'NULL', 'NaN']);

/** Delimiters we try, in order of preference when two fit equally well. */
const DELIMITERS = [',', ';', '\t', '|'];

/** How much of the file the delimiter guess looks at. */
const SAMPLE_CHARS = 64 * 1024;
const SAMPLE_ROWS = 20;

/**
 * Parses a CSV or TSV text with a header row into a RawTable.
 * The delimiter is guessed among `,` `;` tab `|`; fields are trimmed; blank lines are skipped;
 * missing markers (`?`, `NA`, empty, ...) become null cells.
 */
export function parseCsv(
  text: string,
  name: string,
  onProgress?: (fraction: number) => void,
): Result<RawTable> {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const delimiter = guessDelimiter(text);
  const progress = progressReporter(text.length, onProgress);

  let columns: string[] | null = null;
  const rows: Cell[][] = [];
  const markerCounts = new Map<string, number>();
  let error: string | null = null;

  // Line numbers: count line breaks between row starts, so quoted newlines and skipped lines count too.
  let rowStart = 0;
  let linesBefore = 0;
  let lineBreak = '\n';

  const step = (result: ParseStepResult<string[]>, parser: Parser): void => {
    const cursor = result.meta.cursor;
    if (rowStart === 0) lineBreak = result.meta.linebreak === '\r' ? '\r' : '\n';
    const line = linesBefore + 1;
    for (
      let at = text.indexOf(lineBreak, rowStart);
      at !== -1 && at < cursor;
      at = text.indexOf(lineBreak, at + 1)
    ) {
      linesBefore++;
    }
    rowStart = cursor;
    progress(cursor);

    const quoteError = result.errors.find((e) => e.type === 'Quotes');
    if (quoteError) {
      error =
        quoteError.code === 'MissingQuotes'
          ? `${name}, line ${line}: a quoted field is opened but never closed.`
          : `${name}, line ${line}: a closing quote is followed by other characters; write a quote inside a quoted field as "".`;
      parser.abort();
      return;
    }

    const fields = result.data.map((f) => f.trim());
    if (fields.every((f) => f === '')) return;

    if (columns === null) {
      const headerError = checkHeader(fields, name, line);
      if (headerError) {
        error = headerError;
        parser.abort();
        return;
      }
      columns = fields;
      return;
    }
    if (fields.length !== columns.length) {
      error = `${name}, line ${line}: ${fields.length} field${fields.length === 1 ? '' : 's'}, but the header has ${columns.length}.`;
      parser.abort();
      return;
    }
    const row: Cell[] = new Array<Cell>(fields.length);
    for (let i = 0; i < fields.length; i++) {
      const value = fields[i] as string;
      if (MISSING_MARKERS.has(value)) {
        row[i] = null;
        markerCounts.set(value, (markerCounts.get(value) ?? 0) + 1);
      } else {
        row[i] = value;
      }
    }
    rows.push(row);
  };

  Papa.parse<string[]>(text, { delimiter, quoteChar: '"', header: false, step });

  if (error !== null) return fail(error);
  if (columns === null) return fail(`${name} is empty.`);
  onProgress?.(1);
  return ok({ name, columns, rows, missingMarker: mostUsed(markerCounts) });
}

/**
 * Picks the delimiter that splits the first rows into the same number (at least two) of fields.
 * Parsing the sample with each candidate keeps quoted delimiters from counting.
 */
function guessDelimiter(text: string): string {
  let sample = text.slice(0, SAMPLE_CHARS);
  const cut = sample.length < text.length;
  if (cut) sample = sample.slice(0, Math.max(sample.lastIndexOf('\n'), 0));

  let best = DELIMITERS[0] as string;
  let bestScore = 0;
  for (const delimiter of DELIMITERS) {
    const parsed = Papa.parse<string[]>(sample, { delimiter, quoteChar: '"', preview: SAMPLE_ROWS + 1 });
    const records = parsed.data.filter((r) => r.some((f) => f.trim() !== ''));
    if (cut && records.length > SAMPLE_ROWS) records.pop();
    const width = records[0]?.length ?? 0;
    if (width < 2) continue;
    const consistent = records.filter((r) => r.length === width).length / records.length;
    // Consistency first, then more fields: a comma inside text values cannot beat a real tab.
    const score = consistent * 1000 + Math.min(width, 999);
    if (score > bestScore) {
      best = delimiter;
      bestScore = score;
    }
  }
  return best;
}

/** Empty or repeated column names would make every later message and download ambiguous. */
function checkHeader(names: string[], file: string, line: number): string | null {
  const seen = new Map<string, number>();
  for (let i = 0; i < names.length; i++) {
    const column = names[i] as string;
    if (column === '') {
      return `${file}, line ${line}: column ${i + 1} of the header has no name; every column needs one.`;
    }
    const first = seen.get(column);
    if (first !== undefined) {
      return `${file}, line ${line}: the header names two columns '${column}' (columns ${first + 1} and ${i + 1}); column names must be unique.`;
    }
    seen.set(column, i);
  }
  return null;
}

function mostUsed(counts: Map<string, number>): string {
  let marker = '';
  let most = 0;
  for (const [value, count] of counts) {
    if (count > most) {
      marker = value;
      most = count;
    }
  }
  return marker;
}

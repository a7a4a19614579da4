import Papa from 'papaparse';
import type { ParseStepResult, Parser } from 'papaparse';
import { DECIMAL_NUMBER, readNumberFormats } from './numberFormat';
import { countLines, MAX_RECORD_CHARS, readText, type TableReader } from './reader';
import { RowSample } from './rowSample';
import { fail, ok } from './table';
import type { Cell, RawTable, Result } from './table';

/** Cells spelled like this are missing values. Matched after trimming, case-sensitively. */
const MISSING_MARKERS = new Set(['', '?', 'NA', 'N/A', 'null', 'NULL', 'NaN']);

/** Delimiters we try, in order of preference when two fit equally well. In a space-delimited file a run of spaces is one delimiter. */
const DELIMITERS = [',', ';', '\t', '|', ' '];

/** How much of the file the delimiter guess looks at. */
const SAMPLE_CHARS = 64 * 1024;
const SAMPLE_ROWS = 20;

/**
 * Parses a CSV or TSV text with a header row into a RawTable.
 * The delimiter is guessed among `,` `;` tab `|` and spaces; fields are trimmed; blank lines are skipped;
 * missing markers (`?`, `NA`, empty, ...) become null cells.
 */
export function parseCsv(
  text: string,
  name: string,
  onProgress?: (fraction: number) => void,
): Result<RawTable> {
  return readText(new CsvReader(name, new RowSample(Infinity, 0)), text, onProgress);
}

/**
 * Reads CSV text a piece at a time. `#` lines before the header are a preamble (a source, a licence)
 * and are skipped; a first line that repeats names and holds numbers is data, and the columns are named
 * `column 1`, `column 2`, ... (the German credit data has no header).
 */
export class CsvReader implements TableReader {
  /** Text not yet read: the start of a record cut by the end of a piece. */
  private pending = '';
  /** Line breaks before `pending`, for messages. */
  private linesBefore = 0;
  private parser: Parser | null = null;
  private delimiter = ',';
  private columns: string[] | null = null;
  /** Where the record being read starts in `pending`. */
  private recordStart = 0;
  private error: string | null = null;
  private readonly markerCounts = new Map<string, number>();
  private readonly notes: string[] = [];

  constructor(
    private readonly name: string,
    private readonly sample: RowSample,
  ) {}

  push(text: string): boolean {
    if (this.error !== null) return false;
    this.pending += text;
    if (!this.parser && this.pending.length < SAMPLE_CHARS) return true;
    this.read(false);
    return this.error === null;
  }

  end(): Result<RawTable> {
    if (this.error === null) this.read(true);
    if (this.error !== null) return fail(this.error);
    const { name, columns, sample } = this;
    if (columns === null) return fail(`${name} is empty.`);
    const numberNotes = readNumberFormats(name, columns, sample.rows, this.delimiter);
    return ok({ name, columns, rows: sample.rows, missingMarker: mostUsed(this.markerCounts) }, [
      ...this.notes,
      ...numberNotes,
    ]);
  }

  /** Reads every whole record in `pending`; the last, maybe cut, waits for the next piece unless `final`. */
  private read(final: boolean): void {
    this.parser ??= this.start(final);
    this.recordStart = 0;
    const result = this.parser.parse(this.pending, 0, !final);
    if (this.error !== null) return;
    const cursor = final ? this.pending.length : result.meta.cursor;
    this.linesBefore += countLines(this.pending, cursor);
    this.pending = this.pending.slice(cursor);
    if (this.pending.length > MAX_RECORD_CHARS) {
      this.error = `${this.name}, line ${this.linesBefore + 1}, column 1: a record runs past ${MAX_RECORD_CHARS.toLocaleString('en-US')} characters; a quote is probably opened and never closed.`;
    }
  }

  private start(final: boolean): Parser {
    let preamble = 0;
    while (this.pending.startsWith('#')) {
      const lineEnd = this.pending.indexOf('\n');
      this.pending = lineEnd === -1 ? '' : this.pending.slice(lineEnd + 1);
      preamble++;
    }
    this.linesBefore += preamble;
    if (preamble > 0) {
      this.notes.push(
        `${this.name}: the ${preamble === 1 ? 'first line starts' : `first ${preamble} lines start`} with # and ${preamble === 1 ? 'was' : 'were'} skipped as a comment.`,
      );
    }
    this.delimiter = guessDelimiter(this.pending, !final);
    return new Papa.Parser({
      delimiter: this.delimiter,
      newline: '\n',
      quoteChar: '"',
      step: (result: ParseStepResult<string[]>) => this.record(result),
    });
  }

  private record(result: ParseStepResult<string[]>): void {
    const start = this.recordStart;
    this.recordStart = result.meta.cursor;
    if (this.error !== null) return;
    const raw = (result.data as unknown as string[][])[0] ?? [];

    const quoteError = result.errors.find((e) => e.type === 'Quotes');
    if (quoteError) {
      const quoteAt = (quoteError.index ?? start + 1) - 1;
      const column = 1 + fieldIndexAt(this.pending, start, quoteAt, this.delimiter);
      this.stop(
        quoteAt,
        column,
        quoteError.code === 'MissingQuotes'
          ? 'a quoted field is opened but never closed.'
          : 'a closing quote is followed by other characters; write a quote inside a quoted field as "".',
      );
      return;
    }

    let fields = raw.map((f) => f.trim());
    if (this.delimiter === ' ') fields = fields.filter((f) => f !== '');
    if (fields.every((f) => f === '')) return;

    if (this.columns === null) {
      const problem = headerProblem(fields);
      if (!problem) {
        this.columns = fields;
        return;
      }
      if (!fields.some((f) => DECIMAL_NUMBER.test(f))) {
        this.stop(start, problem.column, problem.message);
        return;
      }
      this.columns = fields.map((_, i) => `column ${i + 1}`);
      this.notes.push(
        `${this.name}: the first line repeats values and holds numbers, so it was read as data, not as column names; the columns are called column 1 to column ${fields.length}.`,
      );
    }

    const width = this.columns.length;
    if (fields.length !== width) {
      const column = Math.min(fields.length, width) + 1;
      const plural = fields.length === 1 ? '' : 's';
      this.stop(start, column, `${fields.length} field${plural}, but the header has ${width}.`);
      return;
    }
    const row: Cell[] = new Array<Cell>(width);
    for (let i = 0; i < width; i++) {
      const value = fields[i] as string;
      if (MISSING_MARKERS.has(value)) {
        row[i] = null;
        this.markerCounts.set(value, (this.markerCounts.get(value) ?? 0) + 1);
      } else {
        row[i] = value;
      }
    }
    this.sample.add(row);
  }

  /** Fails the file at `offset` in `pending` and table column `column` (1-based). */
  private stop(offset: number, column: number, message: string): void {
    const line = this.linesBefore + countLines(this.pending, offset) + 1;
    const name = this.columns?.[column - 1];
    const where = name === undefined ? `column ${column}` : `column ${column} ('${name}')`;
    this.error = `${this.name}, line ${line}, ${where}: ${message}`;
    this.parser?.abort();
  }
}

/**
 * Picks the delimiter that splits the first rows into the same number (at least two) of fields.
 * Parsing the sample with each candidate keeps quoted delimiters from counting.
 */
function guessDelimiter(text: string, cut: boolean): string {
  let sample = text.slice(0, SAMPLE_CHARS);
  cut ||= sample.length < text.length;
  if (cut) sample = sample.slice(0, Math.max(sample.lastIndexOf('\n'), 0));

  let best = DELIMITERS[0] as string;
  let bestScore = 0;
  for (const delimiter of DELIMITERS) {
    const parsed = Papa.parse<string[]>(sample, {
      delimiter,
      newline: '\n',
      quoteChar: '"',
      preview: SAMPLE_ROWS + 1,
    });
    // A delimiter that breaks the quoting (a quote then opens mid-field and swallows lines) is wrong;
    // a sample cut inside a quoted field leaves its last record open, which says nothing.
    const last = parsed.data.length - 1;
    const broken = parsed.errors.some(
      (e) => e.type === 'Quotes' && !(cut && e.code === 'MissingQuotes' && e.row === last),
    );
    if (broken) continue;
    const records = parsed.data
      .map((r) => (delimiter === ' ' ? r.filter((f) => f !== '') : r))
      .filter((r) => r.some((f) => f.trim() !== ''));
    if (cut && records.length > SAMPLE_ROWS) records.pop();
    const width = records[0]?.length ?? 0;
    if (width < 2) continue;
    const consistent = records.filter((r) => r.length === width).length / records.length;
    // Spaces also sit inside names and text: they delimit only a file that nothing else splits evenly.
    if (delimiter === ' ' && bestScore >= 1000) break;
    // Consistency first, then more fields: a comma inside text values cannot beat a real tab.
    const score = consistent * 1000 + Math.min(width, 999);
    if (score > bestScore) {
      best = delimiter;
      bestScore = score;
    }
  }
  return best;
}

/** Which field (0-based) of the record starting at `from` holds `offset`: delimiters outside quotes are counted. */
function fieldIndexAt(text: string, from: number, offset: number, delimiter: string): number {
  let field = 0;
  let quoted = false;
  // Space-delimited: a run of spaces ends a field only once one has begun.
  let begun = false;
  for (let i = from; i < offset; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    const split = !quoted && c === delimiter;
    if (delimiter !== ' ') {
      if (split) field++;
    } else if (split) {
      if (begun) field++;
      begun = false;
    } else {
      begun = true;
    }
  }
  return field;
}

/** Empty or repeated column names would make every later message and download ambiguous. */
function headerProblem(names: string[]): { column: number; message: string } | null {
  const seen = new Map<string, number>();
  for (let i = 0; i < names.length; i++) {
    const column = names[i] as string;
    if (column === '')
      return { column: i + 1, message: 'this header column has no name; every column needs one.' };
    const first = seen.get(column);
    if (first !== undefined) {
      return {
        column: i + 1,
        message: `the header names two columns '${column}' (columns ${first + 1} and ${i + 1}); column names must be unique.`,
      };
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

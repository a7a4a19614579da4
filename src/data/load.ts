import { ArffReader } from './arff';
import { CsvReader } from './csv';
import { TextChunks } from './decode';
import type { TableReader } from './reader';
import { RowSample } from './rowSample';
import { fail, ok } from './table';
import type { RawTable, Result } from './table';

/** Bytes read at a time: a file is never held whole, only a chunk of it and the rows kept. */
export const CHUNK_BYTES = 4 * 1024 * 1024;
/**
 * Cells kept at most (all of a table up to this, else a seeded sample of rows): about 60 MB of strings,
 * four times Adult, and enough rows for any model and report the playground trains here.
 */
export const MAX_CELLS = 2_000_000;
/** Characters of a file's start that tell its format. */
const SNIFF_CHARS = 64 * 1024;
/** Files above this take minutes to read; the user is asked for a sample instead. */
export const MAX_FILE_BYTES = 2 * 1024 ** 3;

export interface ReadOptions {
  onProgress?: (fraction: number) => void;
  /** Seed of the sample of rows kept from a file over MAX_CELLS. */
  seed?: number;
  maxCells?: number;
  /** Asked between chunks: false stops the read (a newer table was chosen). */
  wanted?: () => boolean;
  /** Bytes per chunk (tests cut files at every kind of place). */
  chunkBytes?: number;
}

/**
 * Turns a file's bytes into a RawTable: rejects empty and binary files, decodes the text, picks ARFF or
 * CSV/TSV, and checks there is something to train on (a data row, two columns).
 */
export function parseTableFile(bytes: Uint8Array, name: string, options: ReadOptions = {}): Result<RawTable> {
  const read = new FileRead(name, bytes.length, options);
  const chunk = options.chunkBytes ?? CHUNK_BYTES;
  for (let at = 0; at < bytes.length; at += chunk) {
    const end = Math.min(at + chunk, bytes.length);
    if (!read.push(bytes.subarray(at, end), end === bytes.length)) break;
  }
  return read.end();
}

/** The same, read from a File or Blob a chunk at a time, so files of any size stay in bounded memory. */
export async function readTableFile(
  file: Blob,
  name: string,
  options: ReadOptions = {},
): Promise<Result<RawTable>> {
  if (file.size > MAX_FILE_BYTES) {
    return fail(
      `${name} is ${gigabytes(file.size)} GB; the playground reads tables up to ${gigabytes(MAX_FILE_BYTES)} GB. ` +
        'Take a sample of its rows first (for example with shuf or head).',
    );
  }
  const read = new FileRead(name, file.size, options);
  const chunk = options.chunkBytes ?? CHUNK_BYTES;
  for (let at = 0; at < file.size; at += chunk) {
    const end = Math.min(at + chunk, file.size);
    const bytes = new Uint8Array(await file.slice(at, end).arrayBuffer());
    if (options.wanted && !options.wanted()) return fail(`${name} was not read: a newer table was chosen.`);
    if (!read.push(bytes, end === file.size)) break;
  }
  return read.end();
}

/** One file's read: bytes in, text through its format's reader, a table (or the first problem) out. */
class FileRead {
  private readonly text: TextChunks;
  private readonly sample: RowSample;
  private reader: TableReader | null = null;
  private error: string | null = null;
  private bytesRead = 0;
  /** The file's first text, until there is enough to tell its format. */
  private head = '';

  constructor(
    private readonly name: string,
    private readonly size: number,
    private readonly options: ReadOptions,
  ) {
    this.text = new TextChunks(name);
    this.sample = new RowSample(options.maxCells ?? MAX_CELLS, options.seed ?? 0);
  }

  push(bytes: Uint8Array, last: boolean): boolean {
    const decoded = this.text.push(bytes, last);
    if ('error' in decoded) {
      this.error = decoded.error;
      return false;
    }
    this.bytesRead += bytes.length;
    this.options.onProgress?.(Math.min(this.bytesRead / this.size, 1));
    if (this.reader) return this.reader.push(decoded.text);
    // The format is told from the file's start: gather enough of it first.
    this.head += decoded.text;
    if (this.head.length < SNIFF_CHARS && !last) return true;
    if (!/\S/.test(this.head)) return true;
    const problem = pythonBytesLiteral(this.head, this.name);
    if (problem) {
      this.error = problem;
      return false;
    }
    this.reader = isArff(this.head, this.name)
      ? new ArffReader(this.name, this.sample)
      : new CsvReader(this.name, this.sample);
    const head = this.head;
    this.head = '';
    return this.reader.push(head);
  }

  end(): Result<RawTable> {
    const { name, sample } = this;
    if (this.error !== null) return fail(this.error);
    if (!this.reader) return fail(`${name} is empty.`);
    const parsed = this.reader.end();
    if (!parsed.ok) return parsed;
    const table = parsed.value;
    if (table.rows.length === 0) return fail(`${name} has a header but no data rows.`);
    if (table.columns.length === 1) {
      return fail(`${name} has a single column ('${table.columns[0]}'); a GAN needs at least two columns.`);
    }
    const notes = [...this.text.warnings, ...parsed.warnings];
    if (sample.sampled) {
      notes.push(
        `${name}: ${count(sample.read)} rows read; a seeded sample of ${count(table.rows.length)} (seed ${this.options.seed ?? 0}) is used, to keep memory bounded.`,
      );
    }
    return ok(table, notes);
  }
}

/** A file written from Python as `str(some_bytes)`: one line, `b'...'`, with `\n` spelled out. */
function pythonBytesLiteral(text: string, name: string): string | null {
  if (!/^\s*b['"]/.test(text)) return null;
  const lineEnd = text.indexOf('\n');
  const firstLine = lineEnd === -1 ? text : text.slice(0, lineEnd);
  if (!firstLine.includes('\\n')) return null;
  return (
    `${name}, line 1, column 1: the file holds a Python bytes literal (b'...' with \\n written out), not the table's text; ` +
    "write the decoded text instead (for example data.decode('utf-8'))."
  );
}

/** ARFF by extension, or by a first non-comment line that starts with `@relation`. */
function isArff(text: string, name: string): boolean {
  if (/\.arff$/i.test(name)) return true;
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const line = text.slice(start, end).trim();
    start = end + 1;
    if (line === '' || line.startsWith('%')) continue;
    return /^@relation\b/i.test(line);
  }
  return false;
}

const count = (n: number) => n.toLocaleString('en-US');
const gigabytes = (bytes: number) => (bytes / 1024 ** 3).toFixed(1);

import { normalizeText } from './decode';
import type { RawTable, Result } from './table';

/**
 * A table format's reader, fed the file's text a piece at a time (line breaks already LF), so a file is
 * never held whole: it keeps its rows in a RowSample and fails with a message naming file, line and
 * column.
 */
export interface TableReader {
  /** Reads the next piece of text; false once the file has failed (then `end` says why). */
  push(text: string): boolean;
  end(): Result<RawTable>;
}

/** A record longer than this is a quote never closed, not data: reading stops rather than hold the whole file. */
export const MAX_RECORD_CHARS = 32 * 1024 * 1024;

/** About this many progress reports for a text read whole. */
const PROGRESS_STEPS = 50;

/** Reads a whole text (a test's, a tool's) through `reader`, reporting progress about 50 times. */
export function readText(
  reader: TableReader,
  text: string,
  onProgress?: (fraction: number) => void,
): Result<RawTable> {
  text = normalizeText(text);
  const piece = Math.max(1024, Math.ceil(text.length / PROGRESS_STEPS));
  for (let at = 0; at < text.length; at += piece) {
    if (!reader.push(text.slice(at, at + piece))) break;
    onProgress?.(Math.min((at + piece) / text.length, 1));
  }
  const result = reader.end();
  if (result.ok) onProgress?.(1);
  return result;
}

/** Line breaks in `text` before `end`. */
export function countLines(text: string, end: number): number {
  let lines = 0;
  for (let at = text.indexOf('\n'); at !== -1 && at < end; at = text.indexOf('\n', at + 1)) lines++;
  return lines;
}

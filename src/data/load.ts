import { parseArff } from './arff';
import { parseCsv } from './csv';
import { fail, ok } from './table';
import type { RawTable, Result } from './table';

/** Bytes checked for NUL, the surest sign of a binary file. */
const NUL_WINDOW = 8 * 1024;
/** Characters checked for control characters and invalid UTF-8. */
const TEXT_WINDOW = 64 * 1024;
/** Above this share of odd characters the file is not a text table. */
const ODD_SHARE = 0.1;

/**
 * Turns a file's bytes into a RawTable: rejects empty and binary files, decodes the text,
 * picks ARFF or CSV/TSV, and checks there is something to train on (a data row, two columns).
 */
export function parseTableFile(
  bytes: Uint8Array,
  name: string,
  onProgress?: (fraction: number) => void,
): Result<RawTable> {
  if (bytes.length === 0) return fail(`${name} is empty.`);
  const binary = `${name} does not look like a text table: it contains binary data.`;
  const utf16 = utf16Encoding(bytes);
  // UTF-16 text (Excel's "Unicode text") is full of NUL bytes, so it is recognised by its BOM first.
  if (!utf16 && bytes.subarray(0, NUL_WINDOW).includes(0)) return fail(binary);

  const decoded = utf16 ? { text: new TextDecoder(utf16).decode(bytes), warnings: [] } : decode(bytes, name);
  if (decoded === null) return fail(binary);
  const { text, warnings } = decoded;
  if (text.trim() === '') return fail(`${name} is empty.`);

  const parsed = isArff(text, name) ? parseArff(text, name, onProgress) : parseCsv(text, name, onProgress);
  if (!parsed.ok) return parsed;
  const table = parsed.value;
  if (table.rows.length === 0) return fail(`${name} has a header but no data rows.`);
  if (table.columns.length === 1) {
    return fail(`${name} has a single column ('${table.columns[0]}'); a GAN needs at least two columns.`);
  }
  return ok(table, [...warnings, ...parsed.warnings]);
}

/**
 * Decodes UTF-8 (dropping a BOM). Text that is not valid UTF-8 but mostly readable is read as
 * Windows-1252, the usual encoding of spreadsheet exports. Returns null for binary data.
 */
function decode(bytes: Uint8Array, name: string): { text: string; warnings: string[] } | null {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return oddShare(text) > ODD_SHARE ? null : { text, warnings: [] };
  } catch {
    const lossy = new TextDecoder('utf-8').decode(bytes);
    if (oddShare(lossy) > ODD_SHARE) return null;
    const warning = `${name} is not valid UTF-8; it was read as Windows-1252 (Latin-1).`;
    try {
      return { text: new TextDecoder('windows-1252').decode(bytes), warnings: [warning] };
    } catch {
      // A runtime without that decoder: keep the UTF-8 text with replacement characters.
      return { text: lossy, warnings: [`${name} is not valid UTF-8; unreadable characters were replaced.`] };
    }
  }
}

function utf16Encoding(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

/** Share of control characters (other than tab, newline, form feed, carriage return) and replacement characters. */
function oddShare(text: string): number {
  const length = Math.min(text.length, TEXT_WINDOW);
  if (length === 0) return 0;
  let odd = 0;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd || c === 0x7f || (c < 32 && c !== 9 && c !== 10 && c !== 12 && c !== 13)) odd++;
  }
  return odd / length;
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

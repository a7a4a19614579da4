import { MAX_RECORD_CHARS, readText, type TableReader } from './reader';
import { RowSample } from './rowSample';
import { fail, ok } from './table';
import type { Cell, DeclaredType, RawTable, Result } from './table';

/** How many declared levels an error message lists before it says "...". */
const LEVELS_SHOWN = 8;

interface Attribute {
  name: string;
  type: DeclaredType;
  /** Declared levels of a nominal attribute, for the membership check on every data value. */
  levels?: Set<string>;
}

/** A parsing step's outcome: the value, or a message that still lacks the file name and line. */
type Step<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * Parses a Weka ARFF text (dense data only) into a RawTable with declared column types.
 * Data values are checked against their declaration: a wrong value fails with its line and column.
 */
export function parseArff(
  text: string,
  name: string,
  onProgress?: (fraction: number) => void,
): Result<RawTable> {
  return readText(new ArffReader(name, new RowSample(Infinity, 0)), text, onProgress);
}

/** Reads ARFF text a piece at a time, line by line. */
export class ArffReader implements TableReader {
  private readonly attributes: Attribute[] = [];
  /** The names declared so far, for the duplicate check (a scan per declaration is quadratic). */
  private readonly names = new Set<string>();
  private inData = false;
  private lineNo = 0;
  /** The start of a line cut by the end of a piece. */
  private pending = '';
  private error: string | null = null;

  constructor(
    private readonly name: string,
    private readonly sample: RowSample,
  ) {}

  push(text: string): boolean {
    if (this.error !== null) return false;
    const lines = (this.pending + text).split('\n');
    this.pending = lines.pop() ?? '';
    for (const line of lines) if (!this.line(line)) return false;
    if (this.pending.length > MAX_RECORD_CHARS) {
      this.error = `${this.name}, line ${this.lineNo + 1}, column 1: a line runs past ${MAX_RECORD_CHARS.toLocaleString('en-US')} characters.`;
    }
    return this.error === null;
  }

  end(): Result<RawTable> {
    if (this.error === null && this.pending !== '') this.line(this.pending);
    if (this.error !== null) return fail(this.error);
    const { name, attributes } = this;
    if (!this.inData) {
      return fail(
        attributes.length === 0
          ? `${name} does not look like an ARFF file: it has no @attribute or @data lines.`
          : `${name} has no @data line, so it holds no data rows.`,
      );
    }
    return ok({
      name,
      columns: attributes.map((a) => a.name),
      rows: this.sample.rows,
      declared: attributes.map((a) => a.type),
      missingMarker: '?',
    });
  }

  /** Reads one line; false (with the error set) when it is wrong. */
  private line(text: string): boolean {
    const line = text.trim();
    this.lineNo++;
    if (line === '' || line.startsWith('%')) return true;
    const where = `${this.name}, line ${this.lineNo}`;
    const failed = (message: string) => {
      this.error = `${where}${message}`;
      return false;
    };

    if (this.inData) {
      const row = parseDataLine(line, this.attributes);
      if (!row.ok) return failed(row.error);
      this.sample.add(row.value);
      return true;
    }

    const keyword = (/^@\w+/.exec(line)?.[0] ?? '').toLowerCase();
    if (keyword === '@relation') return true;
    if (keyword === '@attribute') {
      const attribute = parseAttribute(stripComment(line).slice(keyword.length));
      if (!attribute.ok) return failed(`: ${attribute.error}`);
      if (this.names.has(attribute.value.name)) {
        return failed(`: attribute '${attribute.value.name}' is declared twice; names must be unique.`);
      }
      this.names.add(attribute.value.name);
      this.attributes.push(attribute.value);
      return true;
    }
    if (keyword === '@data') {
      if (this.attributes.length === 0) return failed(': @data comes before any @attribute declaration.');
      this.inData = true;
      return true;
    }
    const shown = line.length > 40 ? `${line.slice(0, 40)}...` : line;
    return failed(`: expected @relation, @attribute or @data, but found '${shown}'.`);
  }
}

/** Parses what follows `@attribute`: a name, possibly quoted, then its type. */
function parseAttribute(rest: string): Step<Attribute> {
  rest = rest.trim();
  let name: string;
  let typeText: string;
  if (rest.startsWith("'") || rest.startsWith('"')) {
    const quoted = readQuoted(rest, 0);
    if (!quoted) return { ok: false, error: 'the attribute name has an opening quote but no closing one.' };
    name = quoted.value;
    typeText = rest.slice(quoted.end).trim();
  } else {
    const match = /^[^\s{]+/.exec(rest);
    if (!match) return { ok: false, error: '@attribute needs a name and a type.' };
    name = match[0];
    typeText = rest.slice(name.length).trim();
  }
  if (name.trim() === '') return { ok: false, error: 'an attribute has an empty name.' };

  if (typeText.startsWith('{')) {
    const close = typeText.lastIndexOf('}');
    if (close === -1) return { ok: false, error: `the values of attribute '${name}' have no closing '}'.` };
    const levels = splitFields(typeText.slice(1, close));
    if (!levels.ok) return { ok: false, error: `attribute '${name}': ${levels.error}` };
    const values = levels.value.filter((v) => v !== '');
    if (values.length === 0)
      return { ok: false, error: `attribute '${name}' declares no values between { }.` };
    return { ok: true, value: { name, type: { kind: 'nominal', levels: values }, levels: new Set(values) } };
  }
  const type = (/^\S+/.exec(typeText)?.[0] ?? '').toLowerCase();
  switch (type) {
    case 'numeric':
    case 'real':
    case 'integer':
      return { ok: true, value: { name, type: { kind: 'numeric' } } };
    case 'string':
      return { ok: true, value: { name, type: { kind: 'string' } } };
    case 'date':
      return { ok: true, value: { name, type: { kind: 'date' } } };
    case 'relational':
      return {
        ok: false,
        error: `attribute '${name}' is relational (multi-instance), which is not supported.`,
      };
    case '':
      return { ok: false, error: `attribute '${name}' has no type.` };
    default:
      return {
        ok: false,
        error: `attribute '${name}' has the unknown type '${type}'; expected numeric, real, integer, string, date or {values}.`,
      };
  }
}

/** Splits one data line into cells and checks each against its attribute. Errors start with ", column ..." or ":". */
function parseDataLine(line: string, attributes: Attribute[]): Step<Cell[]> {
  let fields: string[];
  // Most lines have no quotes, comments or braces: a plain split is much faster than the tokenizer.
  if (!/['"%{]/.test(line)) {
    fields = line.split(',');
  } else {
    if (line.startsWith('{')) {
      return {
        ok: false,
        error:
          ': this is sparse ARFF data ({index value, ...}), which is not supported; save the file as dense ARFF.',
      };
    }
    const split = splitFields(stripComment(line));
    if (!split.ok) return { ok: false, error: `: ${split.error}` };
    fields = split.value;
  }
  if (fields.length !== attributes.length) {
    const plural = fields.length === 1 ? 'value' : 'values';
    // Where the row goes wrong: the first missing value, or the first one too many.
    const column = Math.min(fields.length, attributes.length) + 1;
    const missing = attributes[column - 1];
    return {
      ok: false,
      error: `, column ${column}${missing ? ` ('${missing.name}')` : ''}: ${fields.length} ${plural}, but ${attributes.length} attributes are declared.`,
    };
  }

  const row: Cell[] = new Array<Cell>(fields.length);
  for (let i = 0; i < fields.length; i++) {
    const value = (fields[i] as string).trim();
    const attribute = attributes[i] as Attribute;
    if (value === '?' || value === '') {
      row[i] = null;
      continue;
    }
    if (attribute.type.kind === 'numeric' && !Number.isFinite(Number(value))) {
      return {
        ok: false,
        error: `, column ${i + 1} ('${attribute.name}'): value '${value}' is not a number, but the attribute is numeric.`,
      };
    }
    if (attribute.levels && !attribute.levels.has(value)) {
      return {
        ok: false,
        error: `, column ${i + 1} ('${attribute.name}'): value '${value}' is not one of the declared values ${listLevels(attribute)}.`,
      };
    }
    row[i] = value;
  }
  return { ok: true, value: row };
}

/**
 * Splits on commas outside quotes; unquotes 'single' and "double" quoted values (with backslash escapes).
 * A `{` outside quotes is an instance weight or sparse data, which we do not read.
 */
function splitFields(text: string): Step<string[]> {
  const fields: string[] = [];
  let current = '';
  // Whether `current` is blank so far: a quote opens a value only there (checked without rescanning it).
  let blank = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === ',') {
      fields.push(current.trim());
      current = '';
      blank = true;
    } else if ((c === "'" || c === '"') && blank) {
      const quoted = readQuoted(text, i);
      if (!quoted)
        return {
          ok: false,
          error: `a value opens a ${c === "'" ? 'single' : 'double'} quote but never closes it.`,
        };
      current = quoted.value;
      blank = false;
      i = quoted.end - 1;
      // Only spaces may follow the closing quote before the next comma.
      let next = quoted.end;
      while (next < text.length && /\s/.test(text[next] as string)) next++;
      if (next < text.length && text[next] !== ',') {
        return { ok: false, error: `unexpected characters after the quoted value '${quoted.value}'.` };
      }
    } else if (c === '{') {
      return { ok: false, error: 'instance weights or sparse values in { } are not supported.' };
    } else {
      current += c;
      if (blank && c.trim() !== '') blank = false;
    }
  }
  fields.push(current.trim());
  return { ok: true, value: fields };
}

/** Reads a quoted string starting at `start` (the quote). Returns the value and the index after the closing quote. */
function readQuoted(text: string, start: number): { value: string; end: number } | null {
  const quote = text[start];
  let value = '';
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '\\' && i + 1 < text.length) {
      const next = text[++i] as string;
      value += next === 'n' ? '\n' : next === 't' ? '\t' : next === 'r' ? '\r' : next;
    } else if (c === quote) {
      return { value, end: i + 1 };
    } else {
      value += c;
    }
  }
  return null;
}

/** Drops a `%` comment that starts outside quotes. */
function stripComment(line: string): string {
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === "'" || c === '"') {
      quote = c;
    } else if (c === '%') {
      return line.slice(0, i).trim();
    }
  }
  return line;
}

function listLevels(attribute: Attribute): string {
  const levels = attribute.type.kind === 'nominal' ? attribute.type.levels : [];
  const shown = levels.slice(0, LEVELS_SHOWN).join(', ');
  return levels.length > LEVELS_SHOWN ? `{${shown}, ... (${levels.length} in all)}` : `{${shown}}`;
}

/** Bytes checked for NUL, the surest sign of a binary file. */
const NUL_WINDOW = 8 * 1024;
/** Characters checked for control characters. */
const TEXT_WINDOW = 64 * 1024;
/** Above this share of control characters the file is not a text table. */
const ODD_SHARE = 0.1;

type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/**
 * Turns a file's bytes into text, chunk by chunk: the encoding is chosen from the first chunk (a UTF-16
 * BOM, else UTF-8 if it is valid, else Windows-1252, the usual encoding of spreadsheet exports; Latin-1
 * is its subset), a BOM is dropped, and every line break (CR LF, lone CR, LF, mixed) becomes LF, so the
 * readers split lines one way and count them the same way.
 */
export class TextChunks {
  private decoder: TextDecoder | null = null;
  /** A CR that ended the last chunk: an LF may follow in the next one. */
  private carriedCr = false;
  private started = false;
  private head: Uint8Array = new Uint8Array(0);
  readonly warnings: string[] = [];

  constructor(private readonly name: string) {}

  /** The next chunk's text, or a message when the first chunk shows the file is not text. */
  push(bytes: Uint8Array, last: boolean): { text: string } | { error: string } {
    if (!this.decoder) {
      // The encoding is told from the file's first bytes: gather enough of them first.
      if (this.head.length > 0) bytes = concat(this.head, bytes);
      if (bytes.length < NUL_WINDOW && !last) {
        this.head = bytes;
        return { text: '' };
      }
      this.head = new Uint8Array(0);
      const encoding = this.chooseEncoding(bytes);
      if (!encoding)
        return { error: `${this.name} does not look like a text table: it contains binary data.` };
      // UTF-8 stays strict, so a broken character later in the file is noticed rather than replaced.
      this.decoder = new TextDecoder(encoding, { fatal: encoding === 'utf-8' });
    }
    let text: string;
    try {
      text = this.decoder.decode(bytes, { stream: !last });
    } catch {
      this.warnings.push(
        `${this.name} is not valid UTF-8 after its first part; characters that could not be read were replaced by \uFFFD.`,
      );
      this.decoder = new TextDecoder('utf-8');
      text = this.decoder.decode(bytes, { stream: !last });
    }
    if (!this.started && text !== '') {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (this.carriedCr) text = `\r${text}`;
    this.carriedCr = !last && text.endsWith('\r');
    if (this.carriedCr) text = text.slice(0, -1);
    return { text: text.replace(/\r\n?/g, '\n') };
  }

  private chooseEncoding(bytes: Uint8Array): Encoding | null {
    // UTF-16 text (Excel's "Unicode text") is full of NUL bytes, so it is recognised by its BOM first.
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
    if (bytes.subarray(0, NUL_WINDOW).includes(0)) return null;
    // A chunk may end inside a character: the strict check streams, so only a broken one fails.
    let encoding: Encoding = 'utf-8';
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    } catch {
      encoding = 'windows-1252';
      this.warnings.push(`${this.name} is not valid UTF-8; it was read as Windows-1252 (Latin-1).`);
    }
    const sample = new TextDecoder(encoding).decode(bytes.subarray(0, TEXT_WINDOW * 2));
    return controlShare(sample) > ODD_SHARE ? null : encoding;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}

/** Whole text with the same line breaks and BOM handling as TextChunks, for readers given a string. */
export function normalizeText(text: string): string {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text.replace(/\r\n?/g, '\n');
}

/** Share of control characters (other than tab, newline, form feed, carriage return) and replacement characters. */
function controlShare(text: string): number {
  const length = Math.min(text.length, TEXT_WINDOW);
  if (length === 0) return 0;
  let odd = 0;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd || c === 0x7f || (c < 32 && c !== 9 && c !== 10 && c !== 12 && c !== 13)) odd++;
  }
  return odd / length;
}

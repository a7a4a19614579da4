import { fail, ok, type Result } from '../data/table';
import type { RunHealth } from '../eval/health';
import type { Checkpoint } from './checkpoint';

/*
 * A saved run as one file (`.ganrun`): what the page shows of it (settings, curves, health) and the
 * checkpoint that lets training go on (src/train/checkpoint.ts: every network's weights, its optimizers,
 * the trainer's place). No TensorFlow.js here: the page reads and writes these files itself.
 *
 * Layout, little-endian:
 *   "GANRUN\r\n"  8 bytes   magic (the \r\n catches a file mangled by a text-mode copy)
 *   version       u32
 *   header bytes  u32       length of the JSON header, padded with spaces to a multiple of 4
 *   header        JSON      the record, each typed array replaced by {"$blob": i, "type": "f32" | "i32", "length": n}
 *   blobs         raw       the typed arrays in order, 4-byte aligned (float32 weights, int32 row order)
 *   crc           u32       CRC-32 of every byte before it
 */

export const RUN_FILE_VERSION = 1;
export const RUN_FILE_EXTENSION = '.ganrun';
const MAGIC = 'GANRUN\r\n';
const PREFIX_BYTES = 16;

/**
 * Which table a run was trained on, without its cells: its name, a hash of its cells, and the session's
 * key (columns, their types, target, held-out share), which must match for the run to open.
 */
export interface TableIdentity {
  name: string;
  /** SHA-256 of the table's column names and cells, hex. */
  hash: string;
  key: string;
}

/**
 * How the page rebuilds the table before reopening: the calls that made it (a demo's URL, the column
 * types and target chosen). A user's own file appears as `loadFile` with a null file: its cells travel
 * only in the browser's own storage, never in a file.
 */
export interface TableStep {
  method: string;
  args: (string | number | null)[];
}

/** The loss curves as the page draws them. */
export interface RunCurves {
  lossNames: string[];
  metricNames: string[];
  stages: { name: string; series: string[] }[];
  points: { step: number; values: (number | null)[]; stage: number }[];
}

export interface RunRecord {
  /** The user's name for the run. */
  name: string;
  /** ISO time of saving; a fixed text for reproducible files (the demos). */
  savedAt: string;
  table: TableIdentity;
  recipe: TableStep[];
  curves: RunCurves;
  health: RunHealth | null;
  /** Settings (seed included), step, weights, optimizers and random streams. */
  checkpoint: Checkpoint;
}

/** What a list of runs shows without decoding weights. */
export interface RunSummary {
  name: string;
  model: string;
  table: string;
  step: number;
  savedAt: string;
}

export const summarize = (record: RunRecord): RunSummary => ({
  name: record.name,
  model: record.checkpoint.settings.model,
  table: record.table.name,
  step: record.checkpoint.step,
  savedAt: record.savedAt,
});

type BlobType = 'f32' | 'i32';
interface BlobRef {
  $blob: number;
  type: BlobType;
  /** In elements. */
  length: number;
}

// The blobs are the platform's typed-array bytes: every engine this runs on is little-endian.
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export function encodeRunFile(record: RunRecord): Uint8Array {
  if (!LITTLE_ENDIAN) throw new Error('Run files are written on little-endian machines only.');
  const blobs: (Float32Array | Int32Array)[] = [];
  const json = JSON.stringify(record, (_, value: unknown) => {
    if (value instanceof Float32Array || value instanceof Int32Array) {
      blobs.push(value);
      const type: BlobType = value instanceof Float32Array ? 'f32' : 'i32';
      return { $blob: blobs.length - 1, type, length: value.length } satisfies BlobRef;
    }
    return value;
  });
  let header = new TextEncoder().encode(json);
  if (header.length % 4 !== 0) {
    const padded = new Uint8Array(header.length + 4 - (header.length % 4)).fill(0x20);
    padded.set(header);
    header = padded;
  }
  const blobBytes = blobs.reduce((sum, b) => sum + b.byteLength, 0);
  const bytes = new Uint8Array(PREFIX_BYTES + header.length + blobBytes + 4);
  const view = new DataView(bytes.buffer);
  bytes.set(new TextEncoder().encode(MAGIC), 0);
  view.setUint32(8, RUN_FILE_VERSION, true);
  view.setUint32(12, header.length, true);
  bytes.set(header, PREFIX_BYTES);
  let at = PREFIX_BYTES + header.length;
  for (const blob of blobs) {
    bytes.set(new Uint8Array(blob.buffer, blob.byteOffset, blob.byteLength), at);
    at += blob.byteLength;
  }
  view.setUint32(at, crc32(bytes.subarray(0, at)), true);
  return bytes;
}

/** Reads a run file; a damaged file, another format or another version is refused with why. */
export function decodeRunFile(bytes: Uint8Array): Result<RunRecord> {
  if (!LITTLE_ENDIAN) return fail('Run files are read on little-endian machines only.');
  const notRun = 'This is not a run file of the GAN playground (a .ganrun file saved from Runs).';
  if (bytes.length < PREFIX_BYTES + 4) return fail(notRun);
  if (new TextDecoder().decode(bytes.subarray(0, 8)) !== MAGIC) return fail(notRun);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = bytes.length - 4;
  if (view.getUint32(end, true) !== crc32(bytes.subarray(0, end)))
    return fail(
      'The run file is damaged (its CRC-32 checksum does not match its contents): it cannot be opened.',
    );
  const version = view.getUint32(8, true);
  if (version !== RUN_FILE_VERSION)
    return fail(
      `The run file is of format version ${version}; this page reads version ${RUN_FILE_VERSION}. Save it again from a page of that version.`,
    );
  const headerLength = view.getUint32(12, true);
  const blobsAt = PREFIX_BYTES + headerLength;
  if (headerLength % 4 !== 0 || blobsAt > end) return fail(notRun);
  let offset = blobsAt;
  /** The blobs in the order they were written: JSON.stringify's order, which the walk below repeats. */
  const read = ({ type, length }: BlobRef) => {
    const byteLength = length * 4;
    if (!Number.isInteger(length) || length < 0 || offset + byteLength > end) throw new Error('blob');
    const copy = bytes.slice(offset, offset + byteLength).buffer;
    offset += byteLength;
    return type === 'f32' ? new Float32Array(copy) : new Int32Array(copy);
  };
  const fill = (value: unknown): unknown => {
    if (isBlobRef(value)) return read(value);
    if (Array.isArray(value)) return value.map(fill);
    if (typeof value === 'object' && value !== null)
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v)]));
    return value;
  };
  try {
    const text = new TextDecoder().decode(bytes.subarray(PREFIX_BYTES, blobsAt));
    const record = fill(JSON.parse(text)) as RunRecord;
    if (offset !== end || !isRecord(record)) throw new Error('shape');
    return ok(record);
  } catch {
    return fail('The run file is damaged: its contents do not match its header.');
  }
}

const isBlobRef = (value: unknown): value is BlobRef =>
  typeof value === 'object' && value !== null && '$blob' in value && 'type' in value && 'length' in value;

/** The parts every reader relies on are there (a file of this version that passed its CRC has them). */
const isRecord = (r: RunRecord) =>
  typeof r.name === 'string' &&
  typeof r.table?.hash === 'string' &&
  Array.isArray(r.recipe) &&
  Array.isArray(r.curves?.points) &&
  typeof r.checkpoint?.step === 'number' &&
  Array.isArray(r.checkpoint.variables);

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (IEEE 802.3, as zip and PNG use). */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = CRC_TABLE[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

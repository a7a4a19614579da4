/**
 * A value handed from one worker to another through the page, as UTF-8 JSON bytes. Cloning tens of
 * thousands of rows costs the page's thread 100 ms or more each way (a visible stall while training);
 * bytes are moved instead (transferred), so the page only relays a buffer it never reads.
 * For plain data only: JSON keeps strings, finite numbers, null, arrays and objects.
 */
import * as Comlink from 'comlink';
import { ok, type Result } from '../data/table';

export interface Packed<T> {
  readonly bytes: Uint8Array;
  /** Never set: keeps the packed type, so unpacking gives back a T. */
  readonly contents?: T;
}

export function pack<T>(value: T): Packed<T> {
  return { bytes: new TextEncoder().encode(JSON.stringify(value)) };
}

export function unpack<T>(packed: Packed<T>): T {
  return JSON.parse(new TextDecoder().decode(packed.bytes)) as T;
}

/** Marks a packed value to be moved, not copied, when Comlink sends it as an argument. */
export function moved<T>(packed: Packed<T>): Packed<T> {
  return Comlink.transfer(packed, [packed.bytes.buffer]);
}

/** `ok(pack(value))`, moved, not copied, when a worker returns it. */
export function packedResult<T>(value: T): Result<Packed<T>> {
  const packed = pack(value);
  return Comlink.transfer(ok(packed), [packed.bytes.buffer]);
}

import * as Comlink from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import type { Cell, Result } from '../data/table';
import { moved, pack, packedResult, unpack, type Packed } from './packed';

const rows: Cell[][] = [
  ['39', 'State-gov', null],
  ['50', 'Self-emp-not-inc', '≤50K – “quoted”, with, commas'],
];

describe('packed values', () => {
  const channels: MessageChannel[] = [];
  afterEach(() => channels.splice(0).forEach((c) => (c.port1.close(), c.port2.close())));

  it('unpack gives back what was packed, nulls and non-ASCII text included', () => {
    expect(unpack(pack({ rows, seed: 42 }))).toEqual({ rows, seed: 42 });
  });

  it('moves the bytes through Comlink instead of copying them, both as a result and as an argument', async () => {
    const channel = new MessageChannel();
    channels.push(channel);
    let sent: Packed<Cell[][]> | null = null;
    let received: Cell[][] | null = null;
    Comlink.expose(
      {
        give: (): Result<Packed<Cell[][]>> => {
          const result = packedResult(rows);
          if (result.ok) sent = result.value;
          return result;
        },
        take: (packed: Packed<Cell[][]>) => void (received = unpack(packed)),
      },
      channel.port1,
    );
    const remote = Comlink.wrap<{
      give(): Result<Packed<Cell[][]>>;
      take(packed: Packed<Cell[][]>): void;
    }>(channel.port2);

    const result = await remote.give();
    if (!result.ok) throw new Error(result.error);
    // A moved buffer is detached on the sending side.
    expect(sent!.bytes.byteLength).toBe(0);
    expect(unpack(result.value)).toEqual(rows);

    const packed = result.value;
    await remote.take(moved(packed));
    expect(packed.bytes.byteLength).toBe(0);
    expect(received).toEqual(rows);
  });
});

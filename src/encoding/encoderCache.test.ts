import { describe, expect, it } from 'vitest';
import { fitEncoder } from './encoder';
import { EncoderCache } from './encoderCache';
import { twoClassTable } from '../../test-support/tables';

describe('EncoderCache', () => {
  it('reuses the last encoder only for the same table, rows and numeric encoding', () => {
    const { raw, schema } = twoClassTable(120);
    const table = {};
    const cache = new EncoderCache();
    const modes = { kind: 'modes', seed: 3 } as const;
    const first = cache.fitFor(table, [0.2, 42])(raw, schema, modes);
    expect(first).toEqual(fitEncoder(raw, schema, modes));
    expect(cache.fitFor(table, [0.2, 42])(raw, schema, modes)).toBe(first);
    // Another seed or held-out share picks other rows; another table or mixture seed is another fit.
    expect(cache.fitFor(table, [0.2, 43])(raw, schema, modes)).not.toBe(first);
    expect(cache.fitFor(table, [0.2, 42])(raw, schema, modes)).not.toBe(first);
    const refitted = cache.fitFor({}, [0.2, 42])(raw, schema, modes);
    expect(refitted).not.toBe(first);
    expect(cache.fitFor(table, [0.2, 42])(raw, schema, { kind: 'modes', seed: 4 })).not.toBe(refitted);
  });
});

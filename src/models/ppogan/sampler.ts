import * as tf from '../../nn/tf';
import { permutation, type Rng } from '../../rng';
import type { Transformer } from './transformer';
import { BOS, blockLength, type BlockValue, type ParseFailure, type RowTokenizer } from './tokenizer';

/*
 * Writing rows token by token. The sampler places BOS, the column-name tokens (in the row's block
 * order) and the target's value (conditional sampling: the target's block comes first); the policy
 * writes every other value token, one position at a time, drawn from its whole vocabulary, so it can
 * write a token that is no value of the column (the row then does not parse). `constrained` draws
 * from the column's own tokens only: the redraw for rows that did not parse.
 */

/** Token rows and where the policy wrote: row-major [rows, length] tokens. */
export interface Rows {
  count: number;
  length: number;
  tokens: Int32Array;
  /** Block order of each row. */
  orders: number[][];
  /** Per row, the sequence positions the policy wrote (its actions), in order. */
  actions: number[][];
}

export type BlockOrder = 'fixed' | 'shuffled';

/** The order of a row's blocks for sampling: the target first, then the rest in table order or shuffled. */
export function samplingOrder(tokenizer: RowTokenizer, order: BlockOrder, rng: Rng): number[] {
  const rest = tokenizer.blocks.map((_, b) => b).filter((b) => b !== tokenizer.targetBlock);
  const shuffled = order === 'shuffled' ? Array.from(permutation(rest.length, rng), (i) => rest[i]!) : rest;
  return [tokenizer.targetBlock, ...shuffled];
}

/** Every block in a random order: likelihood training sees each row in a fresh order. */
export function shuffledOrder(tokenizer: RowTokenizer, rng: Rng): number[] {
  return Array.from(permutation(tokenizer.blocks.length, rng));
}

/** Token rows of known values (real rows) in the given orders; every value slot is an action. */
export function tokenRows(tokenizer: RowTokenizer, values: BlockValue[][], orders: number[][]): Rows {
  const { length } = tokenizer;
  const tokens = new Int32Array(values.length * length);
  const actions = values.map((row, r) => {
    tokens.set(tokenizer.tokens(row, orders[r]!), r * length);
    return valueSlots(tokenizer, orders[r]!, 0);
  });
  return { count: values.length, length, tokens, orders, actions };
}

/** Positions of the value tokens of a row's blocks, skipping the first `given` blocks. */
function valueSlots(tokenizer: RowTokenizer, order: readonly number[], given: number): number[] {
  const slots: number[] = [];
  let at = 1;
  order.forEach((b, i) => {
    const size = blockLength(tokenizer.blocks[b]!);
    if (i >= given) for (let s = 1; s < size; s++) slots.push(at + s);
    at += size;
  });
  return slots;
}

export interface SampleOptions {
  temperature: number;
  /** Draw each value from its column's own tokens only. */
  constrained: boolean;
}

/**
 * Rows written by `policy` for the given targets and block orders (target first). Each position is a
 * forward pass over the prefix so far (no key–value cache: rows are a few dozen tokens).
 */
export function sampleRows(
  policy: Transformer,
  tokenizer: RowTokenizer,
  targets: readonly BlockValue[],
  orders: number[][],
  rng: Rng,
  options: SampleOptions,
): Rows {
  const { length, size: vocabulary } = tokenizer;
  const count = targets.length;
  const tokens = new Int32Array(count * length);
  // What stands at each position of each row: a fixed token, or [block, value slot] for the policy.
  const writes: ([number, number] | null)[][] = [];
  orders.forEach((order, r) => {
    const row = [BOS];
    const write: ([number, number] | null)[] = [null];
    for (const b of order) {
      const block = tokenizer.blocks[b]!;
      row.push(block.nameToken);
      write.push(null);
      const given = block.isTarget ? tokenizer.valueTokens(block, targets[r]!) : null;
      for (let s = 0; s < blockLength(block) - 1; s++) {
        row.push(given ? given[s]! : BOS);
        write.push(given ? null : [b, s]);
      }
    }
    tokens.set(row, r * length);
    writes.push(write);
  });
  const probabilities = new Float64Array(vocabulary);
  for (let position = 1; position < length; position++) {
    const writers = writes.flatMap((w, r) => (w[position] ? [r] : []));
    if (writers.length === 0) continue;
    const logits = tf.tidy(() => {
      const prefix = new Int32Array(count * position);
      for (let r = 0; r < count; r++)
        prefix.set(tokens.subarray(r * length, r * length + position), r * position);
      const at = Int32Array.from({ length: count }, (_, r) => r * position + position - 1);
      return policy.apply(tf.tensor2d(prefix, [count, position], 'int32'), tf.tensor1d(at, 'int32')).logits;
    });
    const values = logits.dataSync();
    logits.dispose();
    for (const r of writers) {
      const [b, slot] = writes[r]![position]!;
      const block = tokenizer.blocks[b]!;
      const allowed = options.constrained ? (t: number) => tokenizer.accepts(block, slot, t) : () => true;
      tokens[r * length + position] = draw(
        values,
        r * vocabulary,
        vocabulary,
        options.temperature,
        allowed,
        probabilities,
        rng,
      );
    }
  }
  const actions = orders.map((order) => valueSlots(tokenizer, order, 1));
  return { count, length, tokens, orders, actions };
}

/** The values a row's tokens write, or why they do not parse. */
export function parseRow(tokenizer: RowTokenizer, rows: Rows, r: number): BlockValue[] | ParseFailure {
  const values = new Array<BlockValue>(tokenizer.blocks.length).fill(null);
  let at = r * rows.length + 1;
  for (const b of rows.orders[r]!) {
    const block = tokenizer.blocks[b]!;
    const size = blockLength(block);
    const value = tokenizer.parseBlock(block, Array.from(rows.tokens.subarray(at + 1, at + size)));
    if (typeof value === 'string') return value;
    values[b] = value;
    at += size;
  }
  return values;
}

/** A token drawn from softmax(logits / temperature) over the allowed tokens. */
function draw(
  logits: ArrayLike<number>,
  start: number,
  size: number,
  temperature: number,
  allowed: (token: number) => boolean,
  p: Float64Array,
  rng: Rng,
): number {
  let max = -Infinity;
  for (let t = 0; t < size; t++) if (allowed(t) && logits[start + t]! > max) max = logits[start + t]!;
  let total = 0;
  for (let t = 0; t < size; t++) {
    p[t] = allowed(t) ? Math.exp((logits[start + t]! - max) / temperature) : 0;
    total += p[t]!;
  }
  let u = rng.next() * total;
  let last = 0;
  for (let t = 0; t < size; t++) {
    if (p[t]! === 0) continue;
    last = t;
    u -= p[t]!;
    if (u < 0) return t;
  }
  return last;
}

import { numberOf, type NumericColumn } from '../../data/schema';
import type { RawTable } from '../../data/table';
import type { CategoricalEncoding, NumericEncoding, TableEncoder } from '../../encoding/encoder';
import { binLabel, binOf, fitBins, valueOf, type NumberBin } from './bins';

/*
 * Rows as token sequences, GReaT's "column is value" without the text: each column is a block of a
 * column-name token followed by its value, a category's own token, or a number's bin token and a fine
 * offset token; a gap is the missing token. A sequence starts with BOS and holds every column's block
 * once, in any order. The tokenizer reads and writes the tabular encoder's rows (one-hot categories,
 * z-scored numbers), so the run, the discriminator and the verdict maps see the same rows as for
 * every other model, and only the policy sees tokens.
 */

export const BOS = 0;
export const MISSING = 1;
/** The first fine-offset token; offsets are shared by every number column. */
const FIRST_OFFSET = 2;

interface BlockBase {
  /** The column's index in the table. */
  column: number;
  name: string;
  /** The column-name token. */
  nameToken: number;
  /** The first of the column's value tokens (its levels, or its bins). */
  firstValue: number;
  /** Whether the missing token is a value this column may take. */
  hasMissing: boolean;
  isTarget: boolean;
}

export type Block =
  | (BlockBase & { kind: 'categorical'; encoding: CategoricalEncoding; levels: readonly string[] })
  | (BlockBase & { kind: 'numeric'; encoding: NumericEncoding; bins: readonly NumberBin[] });

/** Tokens a block takes: its name, then one value token (a category) or a bin and an offset (a number). */
export const blockLength = (block: Block): number => (block.kind === 'numeric' ? 3 : 2);

/** One value per block: a level index or a number, or null when missing. */
export type BlockValue = number | null;

export interface TokenizerOptions {
  /** Bins per number column (at most). */
  bins: number;
  /** Fine offsets within each bin. */
  offsets: number;
}

/** How a block's tokens failed to parse, for the count the page shows. */
export type ParseFailure = 'wrong-value' | 'wrong-offset';

export class RowTokenizer {
  /** Blocks in table order; the target's among them. */
  readonly blocks: readonly Block[];
  readonly targetBlock: number;
  readonly vocabulary: readonly string[];
  /** Tokens of a whole row: BOS and every block. */
  readonly length: number;
  /** Value slots of a whole row: the tokens the policy writes. */
  readonly slots: number;
  readonly offsets: number;

  constructor(
    private readonly encoder: TableEncoder,
    training: RawTable,
    options: TokenizerOptions,
  ) {
    this.offsets = options.offsets;
    const vocabulary = ['<row>', '(missing)'];
    for (let j = 0; j < options.offsets; j++) vocabulary.push(`+${j}/${options.offsets}`);
    const encodings = [...encoder.features, encoder.target].sort((a, b) => a.column - b.column);
    this.blocks = encodings.map((encoding) => {
      const name = encoder.outputColumns[encodings.indexOf(encoding)]!;
      const base = {
        column: encoding.column,
        name,
        nameToken: vocabulary.push(name) - 1,
        firstValue: vocabulary.length,
        hasMissing: encoding.hasMissing,
        isTarget: encoding === encoder.target,
      };
      if (encoding.kind === 'categorical') {
        vocabulary.push(...encoding.levels.map((level) => `${name} = ${level}`));
        return { ...base, kind: 'categorical', encoding, levels: encoding.levels };
      }
      const values = training.rows.flatMap((row) => {
        const cell = row[encoding.column];
        return cell == null ? [] : [numberOf(cell, encoding.source)];
      });
      const bins = fitBins(values.filter(Number.isFinite), options.bins);
      const format = (x: number) => String(Number(x.toPrecision(4)));
      vocabulary.push(...bins.map((bin) => `${name} ${binLabel(bin, format)}`));
      return { ...base, kind: 'numeric', encoding, bins };
    });
    this.targetBlock = this.blocks.findIndex((b) => b.isTarget);
    this.vocabulary = vocabulary;
    this.length = 1 + this.blocks.reduce((n, b) => n + blockLength(b), 0);
    this.slots = this.blocks.reduce((n, b) => n + blockLength(b) - 1, 0);
  }

  get size(): number {
    return this.vocabulary.length;
  }

  /** The values of row `r` of encoded rows (features and conditions as the codec writes them). */
  valuesOf(features: Float32Array, conditions: Float32Array, r: number): BlockValue[] {
    const { featureWidth, conditionWidth } = this.encoder;
    return this.blocks.map((block) =>
      block.isTarget
        ? readValue(block, conditions, r * conditionWidth)
        : readValue(block, features, r * featureWidth),
    );
  }

  /** The target's value in row `r` of encoded conditions. */
  targetOf(conditions: Float32Array, r: number): BlockValue {
    return readValue(this.blocks[this.targetBlock]!, conditions, r * this.encoder.conditionWidth);
  }

  /** Writes `values` as row `r` of encoded rows (the arrays start zeroed). */
  writeValues(
    values: readonly BlockValue[],
    features: Float32Array,
    conditions: Float32Array,
    r: number,
  ): void {
    const { featureWidth, conditionWidth } = this.encoder;
    this.blocks.forEach((block, b) => {
      if (block.isTarget) writeValue(block, values[b]!, conditions, r * conditionWidth);
      else writeValue(block, values[b]!, features, r * featureWidth);
    });
  }

  /** A block's value tokens for `value`. */
  valueTokens(block: Block, value: BlockValue): number[] {
    if (block.kind === 'categorical') return [value === null ? MISSING : block.firstValue + value];
    if (value === null) return [MISSING, FIRST_OFFSET];
    const [bin, offset] = binOf(block.bins, this.offsets, value);
    return [block.firstValue + bin, FIRST_OFFSET + offset];
  }

  /** A whole row's tokens, its blocks in `order` (indices into `blocks`). */
  tokens(values: readonly BlockValue[], order: readonly number[]): number[] {
    const out = [BOS];
    for (const b of order) {
      const block = this.blocks[b]!;
      out.push(block.nameToken, ...this.valueTokens(block, values[b]!));
    }
    return out;
  }

  /** Whether `token` may stand in value slot `slot` (0 or 1) of `block`. */
  accepts(block: Block, slot: number, token: number): boolean {
    if (slot === 1) return token >= FIRST_OFFSET && token < FIRST_OFFSET + this.offsets;
    if (token === MISSING) return block.hasMissing;
    const count = block.kind === 'categorical' ? block.levels.length : block.bins.length;
    return token >= block.firstValue && token < block.firstValue + count;
  }

  /** The value written by a block's value tokens, or why they do not parse. */
  parseBlock(block: Block, tokens: readonly number[]): BlockValue | ParseFailure {
    if (!this.accepts(block, 0, tokens[0]!)) return 'wrong-value';
    if (block.kind === 'numeric' && !this.accepts(block, 1, tokens[1]!)) return 'wrong-offset';
    if (tokens[0] === MISSING) return null;
    const index = tokens[0]! - block.firstValue;
    if (block.kind === 'categorical') return index;
    return roundLike(
      valueOf(block.bins[index]!, this.offsets, tokens[1]! - FIRST_OFFSET),
      block.encoding.source,
    );
  }
}

function readValue(block: Block, data: Float32Array, rowStart: number): BlockValue {
  const at = rowStart + block.encoding.offset;
  if (block.kind === 'categorical') {
    const index = argmax(data, at, block.encoding.width);
    return index >= block.levels.length ? null : index;
  }
  const { scaling, source, hasMissing } = block.encoding;
  if (scaling.kind !== 'standard') throw new Error('PPO-GAN reads z-scored numbers only.');
  if (hasMissing && data[at + 2]! > data[at + 1]!) return null;
  return roundLike(data[at]! * scaling.std + scaling.mean, source);
}

function writeValue(block: Block, value: BlockValue, out: Float32Array, rowStart: number): void {
  const at = rowStart + block.encoding.offset;
  if (block.kind === 'categorical') {
    out[at + (value === null ? block.levels.length : value)] = 1;
    return;
  }
  const { scaling, hasMissing } = block.encoding;
  if (scaling.kind !== 'standard') throw new Error('PPO-GAN writes z-scored numbers only.');
  out[at] = value === null ? 0 : (value - scaling.mean) / scaling.std;
  if (hasMissing) out[at + 1 + (value === null ? 1 : 0)] = 1;
}

/**
 * A number written as the source writes it (whole, or its decimals), so values read back from z-scores
 * land exactly on the data's values and bin edges. Dates are whole days or seconds.
 */
function roundLike(x: number, source: NumericColumn): number {
  return Number(x.toFixed(source.integer || source.time ? 0 : source.decimals));
}

function argmax(data: Float32Array, start: number, width: number): number {
  let best = 0;
  for (let i = 1; i < width; i++) if (data[start + i]! > data[start + best]!) best = i;
  return best;
}

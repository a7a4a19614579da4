import type { Schema } from '../../data/schema';
import type { Cell } from '../../data/table';
import { numericValue } from '../columns';
import { createRng, permutation } from '../../rng';
import { fail, ok, type Result } from '../../data/table';
import type { BarRows, Fingerprints, FingerprintRow, LiveView } from '../../worker/liveProtocol';
import type { SnapshotInfo } from '../../worker/verdictProtocol';
import { binCounts, columnBinning, columnViews, usedColumns, type ColumnBinning } from './columnViews';

/** Rows per side of the fingerprints. */
export const FINGERPRINT_ROWS = 16;
/** Rows a side behind a clicked bar: a small table, read in a glance. */
export const BAR_ROWS = 20;
/** Real rows the column scores compare with: a seeded sample of the training rows, so a snapshot stays cheap. */
export const MAX_REFERENCE_ROWS = 4000;

/**
 * The live views of one run: what the generator writes on the fixed batch, against the real training
 * rows, column by column. The real side is binned once; each snapshot bins its generated rows and
 * scores each column (KS or TV complement), a few milliseconds for the demo's 2,048 rows.
 */
export class LiveViews {
  private readonly binnings: ColumnBinning[];
  private readonly real: Cell[][];
  /** Every training row in the used columns, in a seeded order: a bar's real rows are a sample. */
  private readonly shuffled: Cell[][];
  private readonly realCounts: { counts: number[]; missing: number }[];
  private readonly target: number;
  private readonly realPrints: FingerprintRow[];
  private readonly realRowCount: number;

  /** `rows`: the training rows, every column of `schema` (ignored ones are left out here). */
  constructor(schema: Schema, rows: readonly Cell[][], seed: number) {
    const used = schema.columns.flatMap((c, i) => (c.kind === 'ignored' ? [] : [i]));
    this.binnings = usedColumns(schema.columns).map(columnBinning);
    this.target = used.indexOf(schema.target);
    const all = rows.map((row) => used.map((i) => row[i] ?? null));
    this.realRowCount = all.length;
    this.realCounts = this.binnings.map((b, c) => binCounts(b, all, c));
    const order = permutation(all.length, createRng(seed));
    this.shuffled = Array.from(order, (i) => all[i]!);
    this.real = this.shuffled.slice(0, MAX_REFERENCE_ROWS);
    this.realPrints = this.fingerprintRows(this.real.slice(0, FINGERPRINT_ROWS));
  }

  /** `generated`: the fixed batch of one snapshot, decoded, in the same columns. */
  view(snapshot: SnapshotInfo, generated: readonly Cell[][]): LiveView {
    const fingerprints: Fingerprints = {
      columns: this.binnings.map((b) => ({
        name: b.column.name,
        kind: b.column.kind,
        levels: b.column.kind === 'categorical' ? b.labels.length : 0,
      })),
      real: this.realPrints,
      generated: this.fingerprintRows(generated.slice(0, FINGERPRINT_ROWS)),
    };
    return {
      snapshot,
      columns: columnViews(this.binnings, this.real, this.realCounts, generated),
      fingerprints,
      realRows: this.realRowCount,
      generatedRows: generated.length,
    };
  }

  /**
   * The rows behind bar `bin` of column `column`: the first BAR_ROWS real rows (in the seeded order)
   * and generated rows of `snapshot`'s fixed batch whose cell falls in it, and how many do in all.
   */
  barRows(
    snapshot: SnapshotInfo,
    generated: readonly Cell[][],
    column: number,
    bin: number,
  ): Result<BarRows> {
    const binning = this.binnings[column];
    if (!binning || !Number.isInteger(column)) return fail(`There is no column ${column} in the views.`);
    if (!Number.isInteger(bin) || bin < 0 || bin >= binning.labels.length)
      return fail(`Column ${binning.column.name} has no bar ${bin}.`);
    const inBin = (rows: readonly Cell[][]) =>
      rows.filter((row) => binning.binOf(row[column] ?? null) === bin);
    const real = inBin(this.shuffled);
    const mine = inBin(generated);
    return ok({
      snapshot,
      column: binning.column.name,
      bin: binning.labels[bin]!,
      columns: this.binnings.map((b) => b.column.name),
      real: real.slice(0, BAR_ROWS).map((row) => [...row]),
      generated: mine.slice(0, BAR_ROWS).map((row) => [...row]),
      realTotal: real.length,
      generatedTotal: mine.length,
    });
  }

  private fingerprintRows(rows: readonly Cell[][]): FingerprintRow[] {
    const prints = rows.map((cells) => ({
      cells: [...cells],
      values: this.binnings.map((b, c) => {
        const cell = cells[c] ?? null;
        if (b.column.kind === 'categorical') {
          const level = b.binOf(cell);
          return level < 0 ? null : level;
        }
        const value = numericValue(cell, b.column);
        const { min, max } = b.column;
        return value === null ? null : Math.max(0, Math.min(1, (value - min) / (max - min || 1)));
      }),
    }));
    const key = (row: FingerprintRow) => (this.target < 0 ? 0 : (row.values[this.target] ?? Infinity));
    return prints.sort((a, b) => key(a) - key(b));
  }
}

import { createRng, type Rng } from '../rng';
import type { Cell } from './table';

/**
 * The rows a reader keeps: all of them up to `maxCells` cells, then a uniform, seeded sample of as many
 * rows (reservoir sampling), so a file of any length is read in bounded memory.
 */
export class RowSample {
  readonly rows: Cell[][] = [];
  /** Rows offered so far: the file's data rows. */
  read = 0;
  private capacity = Infinity;
  private rng: Rng | null = null;

  constructor(
    private readonly maxCells: number,
    private readonly seed: number,
  ) {}

  /** Whether rows were left out. */
  get sampled(): boolean {
    return this.read > this.rows.length;
  }

  add(row: Cell[]): void {
    if (this.read++ === 0) this.capacity = Math.max(1, Math.floor(this.maxCells / Math.max(row.length, 1)));
    if (this.rows.length < this.capacity) {
      this.rows.push(row.map(ownCopy));
      return;
    }
    this.rng ??= createRng(this.seed);
    const slot = this.rng.int(this.read);
    if (slot < this.capacity) this.rows[slot] = row.map(ownCopy);
  }
}

/**
 * A cell cut from a chunk of text can keep the whole chunk alive (V8 slices strings of 13 characters or
 * more); a kept row outlives its chunk, so its long cells are copied.
 */
function ownCopy(cell: Cell): Cell {
  return cell === null || cell.length < 13 ? cell : (' ' + cell).slice(1);
}

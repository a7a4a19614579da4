import { numberOf } from '../../../data/schema';
import type { Cell } from '../../../data/table';
import { readMode, type NumericEncoding, type TableEncoder } from '../../../encoding/encoder';
import type { ModeColumn, ModesIdea } from '../../../worker/ideaProtocol';
import type { SnapshotInfo } from '../../../worker/verdictProtocol';

/** Bins of a column's histogram, and points of each mode's curve over it: smooth enough at 160 px. */
export const MODE_BINS = 32;
export const CURVE_POINTS = 64;

type ModeEncoding = NumericEncoding & { scaling: { kind: 'modes' } };

/** The number columns the encoder gave mode-specific normalisation (CTGAN's), in table order. */
export function modeEncodings(encoder: TableEncoder): ModeEncoding[] {
  return encoder.features.filter(
    (e): e is ModeEncoding => e.kind === 'numeric' && e.scaling.kind === 'modes',
  );
}

/** The real side of one column, fixed for the run: its histogram, its modes' curves and shares. */
interface RealSide {
  encoding: ModeEncoding;
  x0: number;
  x1: number;
  real: number[];
  realShares: number[];
  curves: number[][];
}

/**
 * CTGAN's idea, mode-specific normalisation: each number column is a mixture of Gaussian modes, and a
 * value is written as a mode (one-hot) and a place within it. The real side (the training values'
 * histogram, each mode's weighted curve over it, the share of training rows the encoder put in each
 * mode) is computed once; each snapshot adds where the fixed batch's values fall and which modes the
 * generator picks.
 */
export class ModeIdeas {
  private readonly sides: RealSide[];

  /**
   * `raw`: the training rows, every column of the table; `encoded`: the same rows encoded (row-major,
   * `encoder.featureWidth` each), whose mode one-hots say which mode each real value was given.
   */
  constructor(
    private readonly encoder: TableEncoder,
    raw: readonly Cell[][],
    encoded: Float32Array,
  ) {
    this.sides = modeEncodings(encoder).map((encoding) => {
      const { scaling, source } = encoding;
      const scale = (v: number) => (scaling.log ? Math.log(Math.max(v, Number.MIN_VALUE)) : v);
      const x0 = scale(source.min);
      const x1 = Math.max(scale(source.max), x0 + 1e-9);
      const values: number[] = [];
      for (const row of raw) {
        const cell = row[encoding.column];
        if (cell != null) values.push(scale(numberOf(cell, source)));
      }
      const width = (x1 - x0) / MODE_BINS;
      const curves = scaling.modes.map(({ weight, mean, std }) =>
        Array.from({ length: CURVE_POINTS }, (_, i) => {
          const x = x0 + ((i + 0.5) / CURVE_POINTS) * (x1 - x0);
          // Expected share of the values in a bin of `width` around x.
          return (weight * width * Math.exp(-0.5 * ((x - mean) / std) ** 2)) / (std * Math.sqrt(2 * Math.PI));
        }),
      );
      return {
        encoding,
        x0,
        x1,
        real: histogram(values, x0, x1),
        realShares: modeShares(encoding, encoded, encoder.featureWidth),
        curves,
      };
    });
  }

  /** `generated`: the fixed batch of `snapshot` as the generator wrote it (activated features). */
  idea(snapshot: SnapshotInfo, generated: Float32Array): ModesIdea {
    const width = this.encoder.featureWidth;
    const columns = this.sides.map((side): ModeColumn => {
      const { encoding, x0, x1 } = side;
      const values: number[] = [];
      forPresent(encoding, generated, width, (at) =>
        values.push(readMode(encoding.scaling, generated, at).x),
      );
      const generatedShares = modeShares(encoding, generated, width);
      return {
        name: encoding.source.name,
        log: encoding.scaling.log,
        x0,
        x1,
        real: side.real,
        generated: histogram(values, x0, x1),
        curvePoints: CURVE_POINTS,
        modes: encoding.scaling.modes.map((mode, k) => ({
          weight: mode.weight,
          mean: mode.mean,
          std: mode.std,
          realShare: side.realShares[k]!,
          generatedShare: generatedShares[k]!,
          curve: side.curves[k]!,
        })),
      };
    });
    return { kind: 'modes', snapshot, columns };
  }
}

/** Calls `visit` with the start of the column's value in each row where it is present. */
function forPresent(
  encoding: ModeEncoding,
  data: Float32Array,
  width: number,
  visit: (at: number) => void,
): void {
  const flag = 1 + encoding.scaling.modes.length;
  for (let row = 0; row + width <= data.length; row += width) {
    const at = row + encoding.offset;
    if (encoding.hasMissing && data[at + flag + 1]! > data[at + flag]!) continue;
    visit(at);
  }
}

/** Share of the rows with a value whose mode (the arg max of its one-hot or soft scores) is each mode. */
export function modeShares(encoding: ModeEncoding, data: Float32Array, width: number): number[] {
  const counts = new Array<number>(encoding.scaling.modes.length).fill(0);
  let total = 0;
  forPresent(encoding, data, width, (at) => {
    counts[readMode(encoding.scaling, data, at).mode]!++;
    total++;
  });
  return counts.map((n) => (total > 0 ? n / total : 0));
}

/** Shares of `values` in MODE_BINS equal bins over [x0, x1]; values outside go to the end bins (clamped). */
function histogram(values: readonly number[], x0: number, x1: number): number[] {
  const counts = new Array<number>(MODE_BINS).fill(0);
  for (const v of values) {
    const bin = Math.floor(((v - x0) / (x1 - x0)) * MODE_BINS);
    counts[Math.max(0, Math.min(MODE_BINS - 1, bin))]!++;
  }
  return counts.map((n) => (values.length > 0 ? n / values.length : 0));
}

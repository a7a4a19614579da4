import type { Rng } from '../../rng';
import { confidenceFloor, type Ask } from './asks';
import { argmax } from './blackBox';

/** Confidence bins of the index: a real row matches an ask within half a bin (±0.025). */
const BINS = 20;

/**
 * The forest's answers about the real training rows, indexed by the confidence it gives each class, so
 * that generated rows are compared with real rows the forest scores alike. Without it the discriminator
 * compares rows asked at confidences spread evenly from the floor to 1, for every class alike, with real
 * rows that are mostly of the common class and scored near 1: to look real, a row then had to miss its
 * ask (realism weight 1 took the MAE from 0.03 to 0.24–0.40 on Adult).
 */
export class RealAnswers {
  /** Per class (then one more for "any class": the predicted class), per bin, the rows scored there. */
  private readonly bins: Int32Array[][];
  /** Per target class, its rows. */
  private readonly byLabel: Int32Array[];

  constructor(
    private readonly probabilities: Float64Array,
    /** The target class of each row. */
    labels: Int32Array,
    private readonly classCount: number,
  ) {
    const lists = Array.from({ length: classCount + 1 }, () =>
      Array.from({ length: BINS }, () => [] as number[]),
    );
    for (let r = 0; r < labels.length; r++) {
      const at = r * classCount;
      for (let k = 0; k < classCount; k++) lists[k]![binOf(probabilities[at + k]!)]!.push(r);
      lists[classCount]![binOf(probabilities[at + argmax(probabilities, at, classCount)]!)]!.push(r);
    }
    this.bins = lists.map((perBin) => perBin.map((rows) => Int32Array.from(rows)));
    this.byLabel = Array.from({ length: classCount }, (_, k) =>
      Int32Array.from(Array.from(labels).flatMap((label, r) => (label === k ? [r] : []))),
    );
  }

  /** A real row the forest scores as `ask` asks: from its bin, or the nearest bin that has rows. */
  match(ask: Ask, rng: Rng): number {
    const perBin = this.bins[ask.classIndex ?? this.classCount]!;
    const home = binOf(ask.confidence);
    for (let distance = 0; distance < BINS; distance++) {
      for (const bin of distance === 0 ? [home] : [home - distance, home + distance]) {
        const rows = perBin[bin];
        if (rows && rows.length > 0) return rows[rng.int(rows.length)]!;
      }
    }
    return 0;
  }

  /**
   * What the forest answers a real row of target class `label`, drawn at random: its predicted class and
   * confidence, so rows generated for a class are asked what real rows of that class get.
   */
  askLike(label: number, rng: Rng): Ask {
    const rows = this.byLabel[label]!;
    if (rows.length === 0) return { classIndex: label, confidence: 1 };
    return this.answerAbout(rows[rng.int(rows.length)]!);
  }

  /** What the forest answers a real row drawn at random: asks spread as the real rows' answers are. */
  askLikeAny(rng: Rng): Ask {
    return this.answerAbout(rng.int(this.probabilities.length / this.classCount));
  }

  /** The forest's predicted class for real row `row`, and its confidence (at least the floor). */
  private answerAbout(row: number): Ask {
    const at = row * this.classCount;
    const classIndex = argmax(this.probabilities, at, this.classCount);
    const confidence = Math.max(confidenceFloor(this.classCount), this.probabilities[at + classIndex]!);
    return { classIndex, confidence };
  }
}

function binOf(confidence: number): number {
  return Math.min(BINS - 1, Math.max(0, Math.floor(confidence * BINS)));
}

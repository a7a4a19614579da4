import type { Rng } from '../../rng';

/**
 * What the explorer is asked for: a confidence and, optionally, a class. The forest's confidence is the
 * probability it gives a class: the asked class when there is one, else its own predicted class. Either
 * way it cannot fall below 1 / classes (then the asked class is still the likeliest), so confidences are
 * asked from that floor to 1.
 */
export interface Ask {
  confidence: number;
  /** Index into the target's classes, or null: any class, the forest's own prediction. */
  classIndex: number | null;
}

/** Share of training asks that name no class. */
const ANY_CLASS_SHARE = 0.25;

export function confidenceFloor(classCount: number): number {
  return 1 / Math.max(classCount, 1);
}

/** Training asks: confidences uniform from the floor to 1; classes uniform (so rare ones are asked as often), or none. */
export function drawAsks(count: number, classCount: number, rng: Rng): Ask[] {
  const floor = confidenceFloor(classCount);
  return Array.from({ length: count }, () => ({
    confidence: floor + (1 - floor) * rng.next(),
    classIndex: rng.next() < ANY_CLASS_SHARE ? null : rng.int(classCount),
  }));
}

/**
 * A fixed set of asks for the answers: the classes in turn, each with confidences evenly spaced from the
 * floor to 1, so every decile and every class is asked about equally.
 */
export function askGrid(count: number, classCount: number): Ask[] {
  const floor = confidenceFloor(classCount);
  const perClass = Math.ceil(count / classCount);
  return Array.from({ length: count }, (_, i) => {
    const classIndex = i % classCount;
    const place = Math.floor(i / classCount);
    return { classIndex, confidence: floor + ((1 - floor) * (place + 0.5)) / perClass };
  });
}

/** The forest's confidence for an ask: its probability of the asked class, or of its predicted class. */
export function obtainedConfidence(
  probabilities: ArrayLike<number>,
  row: number,
  classCount: number,
  ask: Ask,
): number {
  const at = row * classCount;
  if (ask.classIndex !== null) return probabilities[at + ask.classIndex]!;
  let best = 0;
  for (let k = 0; k < classCount; k++) best = Math.max(best, probabilities[at + k]!);
  return best;
}

import type { TableEncoder } from '../../../encoding/encoder';
import type { FeedbackView } from '../../../models/model';
import * as tf from '../../../nn/tf';
import type { DownstreamClass, DownstreamIdea } from '../../../worker/ideaProtocol';
import type { SnapshotInfo } from '../../../worker/verdictProtocol';

/** Encoded rows with the condition each was asked for (generated) or has (real), row-major. */
export interface AskedRows {
  features: Float32Array;
  conditions: Float32Array;
}

/**
 * DSF-GAN's idea: a downstream model, fitted on the real rows, reads each generated row and says which
 * class it is (or which value); the generator is pushed, with weight λ, to write rows whose answer is
 * the class they were asked for. Shown per class: how often the answer on the fixed batch agrees with
 * the class asked for, beside the same on real rows (what the downstream model can do at all).
 */
export async function downstreamIdea(
  feedback: FeedbackView,
  encoder: TableEncoder,
  snapshot: SnapshotInfo,
  generated: AskedRows,
  real: AskedRows,
): Promise<DownstreamIdea> {
  const [generatedAnswers, realAnswers] = await Promise.all([
    answers(feedback, generated.features, encoder.featureWidth),
    answers(feedback, real.features, encoder.featureWidth),
  ]);
  const target = encoder.target;
  const base = {
    kind: 'downstream' as const,
    snapshot,
    lambda: feedback.lambda(),
    target: encoder.outputColumns[targetPlace(encoder)] ?? 'target',
  };
  if (feedback.task === 'regression' || target.kind === 'numeric') {
    return {
      ...base,
      task: 'regression',
      classes: [],
      error: {
        generated: rootMeanSquare(generatedAnswers, generated.conditions),
        real: rootMeanSquare(realAnswers, real.conditions),
      },
    };
  }
  const width = encoder.conditionWidth;
  const classes: DownstreamClass[] = target.levels.map((level) => ({
    level,
    asked: 0,
    agreed: 0,
    realRows: 0,
    realAgreed: 0,
  }));
  tally(generatedAnswers, generated.conditions, width, (c, agreed) => {
    classes[c]!.asked++;
    if (agreed) classes[c]!.agreed++;
  });
  tally(realAnswers, real.conditions, width, (c, agreed) => {
    classes[c]!.realRows++;
    if (agreed) classes[c]!.realAgreed++;
  });
  return { ...base, task: 'classification', classes, error: null };
}

/** The downstream model's output on rows (host to device and back). */
async function answers(feedback: FeedbackView, features: Float32Array, width: number): Promise<Float32Array> {
  const count = width > 0 ? features.length / width : 0;
  if (count === 0) return new Float32Array(0);
  const input = tf.tensor2d(features, [count, width]);
  const output = feedback.predict(input);
  try {
    return (await output.data()) as Float32Array;
  } finally {
    tf.dispose([input, output]);
  }
}

/** For each row: the class asked for (arg max of its condition) and whether the answer's arg max is it. */
function tally(
  answers: Float32Array,
  conditions: Float32Array,
  width: number,
  visit: (asked: number, agreed: boolean) => void,
): void {
  for (let row = 0; (row + 1) * width <= conditions.length; row++) {
    const asked = argmax(conditions, row * width, width);
    visit(asked, argmax(answers, row * width, width) === asked);
  }
}

function rootMeanSquare(answers: Float32Array, targets: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < answers.length; i++) sum += (answers[i]! - targets[i]!) ** 2;
  return answers.length > 0 ? Math.sqrt(sum / answers.length) : 0;
}

/** The target's place among the output columns (every used column, in table order). */
function targetPlace(encoder: TableEncoder): number {
  const columns = [...encoder.features, encoder.target].map((e) => e.column).sort((a, b) => a - b);
  return columns.indexOf(encoder.target.column);
}

function argmax(data: Float32Array, start: number, width: number): number {
  let best = 0;
  for (let i = 1; i < width; i++) if (data[start + i]! > data[start + best]!) best = i;
  return best;
}

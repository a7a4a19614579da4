/*
 * DSF-GAN's settings as plain data (no tfjs), so the page can show and check them without the engine.
 * DSF-GAN (Perets and Rappoport, 2024) adds λ times a downstream model's loss to the generator's loss.
 */

/** linear: logistic regression (classes) or linear regression (numbers); mlp: one hidden layer of 32. */
export type DownstreamKind = 'linear' | 'mlp';

/**
 * frozen: fitted once on the real training rows before the first step. periodic: fitted afresh (new
 * weights, a new bootstrap sample of the same real rows) every `everySteps` steps, the paper's periodic
 * retraining; a generator then cannot settle on the quirks of one fitted model.
 */
export type DownstreamRefresh = { kind: 'frozen' } | { kind: 'periodic'; everySteps: number };

export interface FeedbackSettings {
  /** Weight of the downstream loss in the generator's loss; 0 trains a plain CGAN. Changes apply live. */
  lambda: number;
  downstream: DownstreamKind;
  refresh: DownstreamRefresh;
}

export const LAMBDA_RANGE = { min: 0, max: 5, step: 0.1 } as const;

export const DEFAULT_FEEDBACK: FeedbackSettings = {
  lambda: 1,
  downstream: 'mlp',
  refresh: { kind: 'frozen' },
};

/**
 * Names of DSF-GAN's extra series in `lossNames`, after the CGAN's two: the downstream model's loss on
 * the generated rows (unweighted), and λ itself, recorded at every step so the chart can draw the weight
 * in force beside the losses it shaped.
 */
export const FEEDBACK_SERIES = { downstream: 'downstream', lambda: 'λ' } as const;

/** A message naming what is wrong with λ, or null when it can be used. */
export function lambdaProblem(lambda: number): string | null {
  return Number.isFinite(lambda) && lambda >= LAMBDA_RANGE.min && lambda <= LAMBDA_RANGE.max
    ? null
    : `λ must be a number from ${LAMBDA_RANGE.min} to ${LAMBDA_RANGE.max}.`;
}

export function feedbackProblems(feedback: FeedbackSettings): string[] {
  const problems: string[] = [];
  const lambda = lambdaProblem(feedback.lambda);
  if (lambda) problems.push(lambda);
  const { refresh } = feedback;
  if (refresh.kind === 'periodic' && !(Number.isInteger(refresh.everySteps) && refresh.everySteps >= 1))
    problems.push('The downstream refresh interval must be a whole number of steps, at least 1.');
  return problems;
}

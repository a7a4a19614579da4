import { ITERATION_RANGE, PERPLEXITY_RANGE, type TsneRequest } from './tsneProtocol';

/** Why a map cannot be computed from this request, or null when it can. */
export function tsneRequestProblem(r: TsneRequest): string | null {
  const { min: pMin, max: pMax } = PERPLEXITY_RANGE;
  if (!(r.perplexity >= pMin && r.perplexity <= pMax)) return `Perplexity must be from ${pMin} to ${pMax}.`;
  const { min: iMin, max: iMax } = ITERATION_RANGE;
  if (!Number.isInteger(r.iterations) || r.iterations < iMin || r.iterations > iMax) {
    return `Iterations must be a whole number from ${iMin} to ${iMax.toLocaleString('en')}.`;
  }
  if (!Number.isInteger(r.dim) || r.dim < 1 || r.data.length % r.dim !== 0) {
    return 'The rows to map do not have a whole number of values each.';
  }
  if (!r.data.every(Number.isFinite)) return 'Some rows to map hold values that are not finite numbers.';
  const count = r.data.length / r.dim;
  if (r.init && r.init.positions.length !== 2 * count) return 'The starting map does not match the rows.';
  return null;
}

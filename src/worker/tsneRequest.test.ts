import { describe, expect, it } from 'vitest';
import { tsneRequestProblem } from './tsneRequest';

const good = { data: new Float32Array(12), dim: 3, perplexity: 30, iterations: 500, seed: 1 };

describe('tsneRequestProblem', () => {
  it('accepts a well-formed request and names what is wrong with a bad one', () => {
    expect(tsneRequestProblem(good)).toBeNull();
    expect(tsneRequestProblem({ ...good, perplexity: 1 })).toMatch(/Perplexity/);
    expect(tsneRequestProblem({ ...good, iterations: 10.5 })).toMatch(/Iterations/);
    expect(tsneRequestProblem({ ...good, dim: 5 })).toMatch(/whole number of values/);
    expect(tsneRequestProblem({ ...good, data: Float32Array.from([1, NaN, 3]) })).toMatch(/not finite/);
    expect(tsneRequestProblem({ ...good, init: { positions: new Float32Array(6) } })).toMatch(/starting map/);
  });
});

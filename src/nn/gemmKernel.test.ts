import { beforeAll, describe, expect, it } from 'vitest';
import { arithmeticOfThisEngine, gemmOn } from './gemmKernel';
import { createRng } from '../rng';
import { useNodeBackend } from '../worker/nodeBackends';

/** S·V by plain loops, S(i, p) and V(p, j) read through the same strides the kernel gets (in floats). */
function reference(heap: Float32Array, s: number, sRow: number, sStep: number, v: number, n: number) {
  return (i: number, j: number, k: number) => {
    let sum = 0;
    for (let p = 0; p < k; p++) sum += heap[s + i * sRow + p * sStep]! * heap[v + p * n + j]!;
    return sum;
  };
}

describe('the SIMD matrix product', () => {
  // As the engine runs in Node: with relaxed SIMD on.
  beforeAll(() => useNodeBackend('wasm'));

  // Shapes around the 4-row × 8-column tiles: whole tiles, edges of every size, a single element.
  const shapes = [
    [4, 3, 8],
    [5, 7, 9],
    [13, 17, 23],
    [3, 5, 7],
    [1, 1, 1],
    [8, 40, 16],
    [50, 64, 153],
    [3, 4, 20],
  ] as const;

  // The fused multiply-add where the engine has relaxed SIMD, and the multiply and add apart elsewhere.
  const cases = shapes.flatMap((shape) =>
    (['fused', 'separate'] as const).map((a) => [...shape, a] as const),
  );

  it.each(cases)(
    'multiplies %i×%i by %i-column operands (%s), S as stored or transposed, C as rows or transposed',
    (m, k, n, arithmetic) => {
      const memory = new WebAssembly.Memory({ initial: 2 });
      const gemm = gemmOn(memory, arithmetic);
      expect(gemm, `wasm SIMD (${arithmetic}) in this engine`).not.toBeNull();
      const heap = new Float32Array(memory.buffer);
      const rng = createRng(m * 1000 + k * 10 + n);
      // Operands at odd float offsets (not 16-byte aligned), C followed by a guard value.
      const [s, v] = [3, 3 + m * k + 5];
      const c = v + k * n + 7;
      for (let i = s; i < c; i++) heap[i] = rng.next() - 0.5;
      for (const transposedS of [false, true]) {
        for (const transposedC of [false, true]) {
          const [sRow, sStep] = transposedS ? [1, m] : [k, 1];
          const [cRow, cColumn] = transposedC ? [1, m] : [n, 1];
          heap.fill(Number.NaN, c, c + m * n + 1);
          gemm!(4 * s, 4 * sRow, 4 * sStep, 4 * v, 4 * n, 4 * c, 4 * cRow, 4 * cColumn, m, n, k);
          const expected = reference(heap, s, sRow, sStep, v, n);
          for (let i = 0; i < m; i++) {
            for (let j = 0; j < n; j++) {
              expect(heap[c + i * cRow + j * cColumn]).toBeCloseTo(expected(i, j, k), 4);
            }
          }
          expect(heap[c + m * n], 'nothing written past C').toBeNaN();
        }
      }
    },
  );

  it('is fused in Node, as in the browsers that have relaxed SIMD', () => {
    expect(arithmeticOfThisEngine()).toBe('fused');
  });
});

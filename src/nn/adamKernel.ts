/*
 * Adam's update of one variable as one pass over its memory, in WebAssembly SIMD, for the wasm
 * backend. tfjs's Adam takes 14 elementwise kernels a variable (each a pass over the variable and a
 * new tensor), 228 kernels a CTGAN step: about 8 ms on 1 M parameters, bound by memory traffic. Here
 * the same float32 operations run in the same order on four lanes at a time, so the results are
 * bitwise tfjs's (adamKernel.test.ts), in one pass reading w, m, v and g and writing w′, m′ and v′.
 *
 * The module is a few dozen instructions, assembled here byte by byte rather than built by a
 * toolchain, and it works on tfjs's own heap: it imports the backend module's memory, so tensors are
 * addressed where they lie, with no copy.
 */

import { F32, I32, instantiateOn, leb, moduleOfOneFunction, op, simd, simdOp, V128 } from './wasmAssembler';

/** The update's constants, each rounded to float32 as tfjs's scalars are. */
export interface AdamConstants {
  beta1: number;
  oneMinusBeta1: number;
  beta2: number;
  oneMinusBeta2: number;
  /** 1 − β₁ᵗ and 1 − β₂ᵗ: the bias corrections. */
  correction1: number;
  correction2: number;
  epsilon: number;
  negativeRate: number;
}

/** Byte offsets in the heap of w, m, v, g (read) and w′, m′, v′ (written), and the element count. */
export type AdamUpdate = (
  w: number,
  m: number,
  v: number,
  g: number,
  outW: number,
  outM: number,
  outV: number,
  count: number,
  constants: AdamConstants,
) => void;

/** The kernel's name on the wasm backend (registered in wasmKernels.ts). */
export const ADAM_UPDATE_KERNEL = 'AdamUpdate';

const instances = new WeakMap<WebAssembly.Memory, AdamUpdate | null>();

/**
 * The update on `memory` (the wasm backend's heap), or null where it cannot run: an engine without
 * wasm SIMD, or a heap shared between threads (the module imports an unshared memory).
 */
export function adamUpdateOn(memory: WebAssembly.Memory): AdamUpdate | null {
  if (!instances.has(memory)) instances.set(memory, instantiate(memory));
  return instances.get(memory)!;
}

/** The wasm backend's heap, where its tensors lie (emscripten exports it as `asm.memory`). */
export function wasmHeap(backend: unknown): WebAssembly.Memory | null {
  const memory = (backend as { wasm?: { asm?: { memory?: unknown } } }).wasm?.asm?.memory;
  if (!(memory instanceof WebAssembly.Memory)) return null;
  const shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
  return shared ? null : memory;
}

function instantiate(memory: WebAssembly.Memory): AdamUpdate | null {
  const exports = instantiateOn<{ adam: (...args: number[]) => void }>(adamModuleBytes(), memory);
  if (!exports) return null;
  return (w, m, v, g, outW, outM, outV, count, c) =>
    exports.adam(
      w,
      m,
      v,
      g,
      outW,
      outM,
      outV,
      count,
      c.beta1,
      c.oneMinusBeta1,
      c.beta2,
      c.oneMinusBeta2,
      c.correction1,
      c.correction2,
      c.epsilon,
      c.negativeRate,
    );
}

// Parameters: eight addresses and a count (i32), then the eight constants (f32).
const [W, M, V, G, OUT_W, OUT_M, OUT_V, COUNT] = [0, 1, 2, 3, 4, 5, 6, 7];
const [B1, OB1, B2, OB2, C1, C2, EPS, NLR] = [8, 9, 10, 11, 12, 13, 14, 15];
// Locals: the byte offset reached, the end of the four-lane part and of all, then the new m and v.
const [AT, VECTOR_END, END, NEW_M, NEW_V] = [16, 17, 18, 19, 20];
// The constants splatted to four lanes, one local each, after the scalars' locals.
const SPLAT = 21;
const [NEW_M4, NEW_V4] = [29, 30];

/**
 * One element's update in the body's precision (`f` the scalar or SIMD opcodes): tfjs's
 * m′ = m·β₁ + g·(1 − β₁), v′ = v·β₂ + g²·(1 − β₂), w′ = (m′/c₁) / (√(v′/c₂) + ε) · (−rate) + w.
 */
function elementUpdate(
  load: (base: number) => number[],
  store: (base: number, value: number[]) => number[],
  constant: (index: number) => number[],
  f: { add: number[]; mul: number[]; div: number[]; sqrt: number[] },
  newM: number,
  newV: number,
): number[] {
  const c = constant;
  // prettier-ignore
  return [
    ...load(M), ...c(B1), ...f.mul, ...load(G), ...c(OB1), ...f.mul, ...f.add, op.set, newM,
    ...load(V), ...c(B2), ...f.mul, ...load(G), ...load(G), ...f.mul, ...c(OB2), ...f.mul, ...f.add,
    op.set, newV,
    ...store(OUT_M, [op.get, newM]),
    ...store(OUT_V, [op.get, newV]),
    ...store(OUT_W, [
      op.get, newM, ...c(C1), ...f.div,
      op.get, newV, ...c(C2), ...f.div, ...f.sqrt, ...c(EPS), ...f.add,
      ...f.div, ...c(NLR), ...f.mul, ...load(W), ...f.add,
    ]),
  ];
}

function adamModuleBytes(): Uint8Array<ArrayBuffer> {
  const addressAt = (base: number) => [op.get, base, op.get, AT, op.i32Add];
  const scalar = elementUpdate(
    (base) => [...addressAt(base), op.f32Load, 2, 0],
    (base, value) => [...addressAt(base), ...value, op.f32Store, 2, 0],
    (index) => [op.get, index],
    { add: [op.f32Add], mul: [op.f32Mul], div: [op.f32Div], sqrt: [op.f32Sqrt] },
    NEW_M,
    NEW_V,
  );
  const s = simdOp;
  const lanes = elementUpdate(
    // Alignment hint 2 (4 bytes): tensors are float-aligned, not necessarily 16-byte aligned.
    (base) => [...addressAt(base), ...s(simd.load), 2, 0],
    (base, value) => [...addressAt(base), ...value, ...s(simd.store), 2, 0],
    (index) => [op.get, SPLAT + (index - B1)],
    { add: s(simd.add), mul: s(simd.mul), div: s(simd.div), sqrt: s(simd.sqrt) },
    NEW_M4,
    NEW_V4,
  );
  // prettier-ignore
  const loopWhileBelow = (end: number, step: number, body: number[]) => [
    op.block, 0x40, op.loop, 0x40,
    op.get, AT, op.get, end, op.i32GeU, op.brIf, 1,
    ...body,
    op.get, AT, op.i32Const, ...leb(step), op.i32Add, op.set, AT,
    op.br, 0,
    op.end, op.end,
  ];
  // prettier-ignore
  const body = [
    // end = count·4 bytes; the four-lane part stops at a multiple of 16 bytes.
    op.get, COUNT, op.i32Const, 2, op.i32Shl, op.tee, END,
    op.get, END, op.i32Const, 15, op.i32And, op.i32Sub, op.set, VECTOR_END,
    ...[B1, OB1, B2, OB2, C1, C2, EPS, NLR].flatMap((p, k) => [op.get, p, ...s(simd.splat), op.set, SPLAT + k]),
    ...loopWhileBelow(VECTOR_END, 16, lanes),
    ...loopWhileBelow(END, 4, scalar),
  ];
  return moduleOfOneFunction(
    'adam',
    [...Array(8).fill(I32), ...Array(8).fill(F32)],
    [
      [3, I32],
      [2, F32],
      [10, V128],
    ],
    body,
  );
}

/*
 * A matrix product in WebAssembly SIMD on the wasm backend's heap, for the products a training step
 * takes. tfjs's wasm backend multiplies through XNNPACK, which first packs its right operand into its
 * own layout and keeps the packing only while that tensor lives. In training every right operand is
 * new at every step (weights change at each update, gradients are new), so each product paid for a
 * pack (about 11% of a CTGAN step), and each transposed operand for a copy before it.
 *
 * This kernel reads its operands where they lie, through strides, so a transposed left operand costs
 * nothing: each 4-row × 8-column tile of the output is four rows of the left operand, one number at a
 * time splatted to four lanes, times two 4-lane slices of a row of the right operand, summed over the
 * shared dimension in eight 4-lane accumulators. The output can be written transposed. At the edges (a
 * row count not a multiple of 4, a column count not a multiple of 8) one more tile overlaps the last
 * whole one; only a product under 4 rows takes 1-row tiles, and one under 8 columns a scalar loop. On a 2-core AMD EPYC it runs at 22 to 37 GFLOP/s, as fast as XNNPACK's product on a packed
 * operand, without the packing.
 *
 * Where the engine has relaxed SIMD (WebAssembly 3.0: Chrome 114 and later, Node 22; Node 20 behind a
 * flag that useNodeBackend sets), each multiply and add is one fused multiply-add: half the arithmetic
 * instructions, 25 to 35% more GFLOP/s on the same machine (40 to 49 GFLOP/s on 256-column products). Elsewhere the multiply and add stay apart.
 */
import { I32, F32, V128, instantiateOn, leb, moduleOfOneFunction, op, simd, simdOp } from './wasmAssembler';

/**
 * C = S·V, all float32, addresses and strides in bytes: S(i, p) at s + i·sRow + p·sStep (any layout,
 * so a transposed operand is a matter of strides); V(p, j) at v + p·vRow + 4j (rows contiguous);
 * C(i, j) written at c + i·cRow + j·cColumn. S is m×k, V k×n, C m×n.
 */
export type Gemm = (
  s: number,
  sRow: number,
  sStep: number,
  v: number,
  vRow: number,
  c: number,
  cRow: number,
  cColumn: number,
  m: number,
  n: number,
  k: number,
) => void;

/** How a tile's products are summed: one fused multiply-add (relaxed SIMD), or a multiply then an add. */
export type Arithmetic = 'fused' | 'separate';

let engineArithmetic: Arithmetic | undefined;

/** The fused multiply-add where this engine validates it, else the multiply and add apart. */
export function arithmeticOfThisEngine(): Arithmetic {
  engineArithmetic ??= WebAssembly.validate(gemmModuleBytes('fused')) ? 'fused' : 'separate';
  return engineArithmetic;
}

const instances = { fused: new WeakMap<WebAssembly.Memory, Gemm | null>(), separate: new WeakMap() };

/**
 * The product on `memory` (the wasm backend's heap), or null where this engine has no wasm SIMD.
 * `arithmetic` is for tests; the engine's best by default.
 */
export function gemmOn(memory: WebAssembly.Memory, arithmetic = arithmeticOfThisEngine()): Gemm | null {
  const made = instances[arithmetic];
  if (!made.has(memory)) {
    const exports = instantiateOn<{ gemm: Gemm }>(gemmModuleBytes(arithmetic), memory);
    made.set(memory, exports ? exports.gemm : null);
  }
  return made.get(memory)!;
}

// Parameters, in Gemm's order.
const [S, S_ROW, S_STEP, V, V_ROW, C, C_ROW, C_COLUMN, M, N, K] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
// i32 locals: the tile's row and column, steps left, where S and V are read and C written, the ends
// of the whole tiles, 2·sRow and 3·sRow, and a row's address in C.
const [I, J, LEFT, AT_S, AT_V, AT_C, N8, M4, S_ROW2, S_ROW3, ROW_C] = [
  11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21,
];
const SUM = 22; // f32: the scalar loop's sum.
const ACC = 23; // v128: eight accumulators, acc[2r] and acc[2r + 1] for row r's two slices.
const [V0, V1, X] = [31, 32, 33];

const get = (local: number) => [op.get, ...leb(local)];
const set = (local: number) => [op.set, ...leb(local)];
const i32 = (n: number) => [op.i32Const, ...leb(n)]; // 0 to 63 only: i32.const reads signed LEB128
/** Repeats `body` while `local` < `end`, adding `step` to `local` after each pass. */
// prettier-ignore
const forBelow = (local: number, end: number[], step: number, body: number[]) => [
  op.block, 0x40, op.loop, 0x40,
  ...get(local), ...end, op.i32GeU, op.brIf, 1,
  ...body,
  ...get(local), ...i32(step), op.i32Add, ...set(local),
  op.br, 0,
  op.end, op.end,
];
/** Runs `body` k times, counting LEFT down. */
// prettier-ignore
const kTimes = (body: number[]) => [
  ...get(K), ...set(LEFT),
  op.block, 0x40, op.loop, 0x40,
  ...get(LEFT), op.i32Eqz, op.brIf, 1,
  ...body,
  ...get(LEFT), ...i32(1), op.i32Sub, ...set(LEFT),
  op.br, 0,
  op.end, op.end,
];
/** base + a·b */
const plusProduct = (base: number[], a: number[], b: number[]) => [...base, ...a, ...b, op.i32Mul, op.i32Add];
// Memory immediates: alignment 2 (4 bytes; tensors are float-aligned, not 16-byte aligned), offset.
const mem = (offset: number) => [2, ...leb(offset)];

/** The output tile of `rows` rows (4 or 1) × 8 columns at (I, J). */
function tile(rows: number, arithmetic: Arithmetic): number[] {
  const rowOffset = [
    [],
    [...get(S_ROW), op.i32Add],
    [...get(S_ROW2), op.i32Add],
    [...get(S_ROW3), op.i32Add],
  ];
  const zero = [...simdOp(simd.const), ...Array<number>(16).fill(0)];
  // One step along k: a row slice of V in two 4-lane halves, then each row's number of S times both.
  // prettier-ignore
  const step: number[] = [
    ...get(AT_V), ...simdOp(simd.load), ...mem(0), ...set(V0),
    ...get(AT_V), ...simdOp(simd.load), ...mem(16), ...set(V1),
  ];
  for (let r = 0; r < rows; r++) {
    step.push(...get(AT_S), ...rowOffset[r]!, ...simdOp(simd.load32Splat), ...mem(0), ...set(X));
    for (const half of [0, 1]) {
      const acc = ACC + 2 * r + half;
      const v = get(half ? V1 : V0);
      if (arithmetic === 'fused') step.push(...get(X), ...v, ...get(acc), ...simdOp(simd.relaxedMultiplyAdd));
      else step.push(...get(acc), ...get(X), ...v, ...simdOp(simd.mul), ...simdOp(simd.add));
      step.push(...set(acc));
    }
  }
  step.push(...get(AT_S), ...get(S_STEP), op.i32Add, ...set(AT_S));
  step.push(...get(AT_V), ...get(V_ROW), op.i32Add, ...set(AT_V));

  // Rows of C as 4-lane stores when its columns are contiguous, else lane by lane.
  const contiguous: number[] = [];
  const strided: number[] = [];
  for (let r = 0; r < rows; r++) {
    const row = r === 0 ? get(AT_C) : plusProduct(get(AT_C), i32(r), get(C_ROW));
    contiguous.push(...row, ...get(ACC + 2 * r), ...simdOp(simd.store), ...mem(0));
    contiguous.push(...row, ...get(ACC + 2 * r + 1), ...simdOp(simd.store), ...mem(16));
    strided.push(...row, ...set(ROW_C));
    for (let q = 0; q < 8; q++) {
      strided.push(...plusProduct(get(ROW_C), i32(q), get(C_COLUMN)));
      strided.push(...get(ACC + 2 * r + (q >> 2)), ...simdOp(simd.extractLane), q & 3);
      strided.push(op.f32Store, ...mem(0));
    }
  }
  // prettier-ignore
  return [
    ...Array.from({ length: 2 * rows }, (_, q) => [...zero, ...set(ACC + q)]).flat(),
    ...plusProduct(get(S), get(I), get(S_ROW)), ...set(AT_S),
    ...plusProduct(get(V), get(J), i32(4)), ...set(AT_V),
    ...kTimes(step),
    ...plusProduct(plusProduct(get(C), get(I), get(C_ROW)), get(J), get(C_COLUMN)), ...set(AT_C),
    ...get(C_COLUMN), ...i32(4), op.i32Eq,
    op.if, 0x40, ...contiguous, op.else, ...strided, op.end,
  ];
}

/** C(I, J) for one element: the scalar loop, for products under 8 columns. */
// prettier-ignore
const element = [
  op.f32Const, 0, 0, 0, 0, ...set(SUM),
  ...plusProduct(get(S), get(I), get(S_ROW)), ...set(AT_S),
  ...plusProduct(get(V), get(J), i32(4)), ...set(AT_V),
  ...kTimes([
    ...get(SUM), ...get(AT_S), op.f32Load, ...mem(0), ...get(AT_V), op.f32Load, ...mem(0),
    op.f32Mul, op.f32Add, ...set(SUM),
    ...get(AT_S), ...get(S_STEP), op.i32Add, ...set(AT_S),
    ...get(AT_V), ...get(V_ROW), op.i32Add, ...set(AT_V),
  ]),
  ...plusProduct(plusProduct(get(C), get(I), get(C_ROW)), get(J), get(C_COLUMN)), ...get(SUM),
  op.f32Store, ...mem(0),
];

function gemmModuleBytes(arithmetic: Arithmetic): Uint8Array<ArrayBuffer> {
  // The tiles of a block of `rows` rows at I: whole tiles, then, where columns are left over, one
  // tile ending at the last column, overlapping the one before (the same sums, so the same bits):
  // SIMD speed for the edge instead of a scalar loop (CTGAN's 153-column output, its critic's
  // 50-row products written transposed).
  // prettier-ignore
  const rowBlock = (rows: number) => [
    ...i32(0), ...set(J), ...forBelow(J, get(N8), 8, tile(rows, arithmetic)),
    ...get(N8), ...get(N), op.i32Ne, op.if, 0x40,
    ...get(N), ...i32(8), op.i32GeU,
    op.if, 0x40, ...get(N), ...i32(8), op.i32Sub, ...set(J), ...tile(rows, arithmetic), op.end,
    op.end,
  ];
  // prettier-ignore
  const body = [
    ...get(N), op.i32Const, 0x78, op.i32And, ...set(N8), // n & −8 (0x78: −8 in signed LEB128)
    ...get(M), op.i32Const, 0x7c, op.i32And, ...set(M4), // m & −4
    ...get(S_ROW), ...i32(1), op.i32Shl, ...set(S_ROW2),
    ...get(S_ROW2), ...get(S_ROW), op.i32Add, ...set(S_ROW3),
    // Row blocks outer: four rows of S stay in cache while V's row slices pass by.
    ...i32(0), ...set(I),
    ...forBelow(I, get(M4), 4, rowBlock(4)),
    // Rows past the last whole block: one more block ending at the last row, overlapping the one
    // before (its rows computed again, to the same bits), or with fewer than four rows one at a time.
    ...get(M4), ...get(M), op.i32Ne, op.if, 0x40,
    ...get(M), ...i32(4), op.i32GeU,
    op.if, 0x40, ...get(M), ...i32(4), op.i32Sub, ...set(I), ...rowBlock(4),
    op.else, ...forBelow(I, get(M), 1, rowBlock(1)), op.end,
    op.end,
    // Fewer than eight columns: no tile fits, so each element by the scalar loop.
    ...get(N), ...i32(8), op.i32LtU, op.if, 0x40,
    ...i32(0), ...set(I),
    ...forBelow(I, get(M), 1, [...i32(0), ...set(J), ...forBelow(J, get(N), 1, element)]),
    op.end,
  ];
  return moduleOfOneFunction(
    'gemm',
    Array<number>(11).fill(I32),
    [
      [11, I32],
      [1, F32],
      [11, V128],
    ],
    body,
  );
}

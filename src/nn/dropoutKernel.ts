/*
 * Dropout masks drawn in WebAssembly SIMD, straight into the wasm backend's heap: the same numbers as
 * random.ts's loop (mulberry32, one 32-bit draw deciding two units by its 16-bit halves), four draws at
 * a time. A CGAN of CTGAN's size draws about a million units a step for its discriminator's dropout;
 * in JavaScript that was 10 ms of a 70 ms step, and the mask was then copied into the heap.
 */
import { I32, V128, instantiateOn, leb, moduleOfOneFunction, op, simdOp } from './wasmAssembler';

/** mulberry32's counter step (random.ts). */
export const MULBERRY_STEP = 0x6d2b79f5;

/** The kernel's name on the wasm backend (registered in wasmKernels.ts). */
export const DROPOUT_MASKS_KERNEL = 'StackedDropoutMasks';

/**
 * Writes `groups` × 8 mask values at byte offset `out`: draw d (counted from 0) is mulberry32 at
 * counter seed + (d + 1)·step; its low 16 bits decide unit 2d, its high 16 bits unit 2d + 1, each
 * kept (the float whose bits are `keptBits`) when at least `threshold`, else 0.
 */
export type MaskFill = (
  out: number,
  groups: number,
  seed: number,
  threshold: number,
  keptBits: number,
) => void;

const instances = new WeakMap<WebAssembly.Memory, MaskFill | null>();

/** The fill on `memory` (the wasm backend's heap), or null where this engine has no wasm SIMD. */
export function maskFillOn(memory: WebAssembly.Memory): MaskFill | null {
  if (!instances.has(memory)) {
    const exports = instantiateOn<{ fill: MaskFill }>(maskModuleBytes(), memory);
    instances.set(memory, exports ? exports.fill : null);
  }
  return instances.get(memory)!;
}

// SIMD opcodes (after the 0xfd prefix) used only here.
const shuffle = 0x0d;
const i32x4 = { splat: 0x11, geS: 0x3f, shrU: 0xad, add: 0xae, mul: 0xb5 };
const v128 = { store: 0x0b, const: 0x0c, and: 0x4e, or: 0x50, xor: 0x51 };

// Parameters, then locals: the byte offset reached and the end; the four counters, the draw being
// mixed, the threshold and the kept value in every lane, the low and high halves' mask values.
const [OUT, GROUPS, SEED, THRESHOLD, KEPT_BITS] = [0, 1, 2, 3, 4];
const [AT, END] = [5, 6];
const [STATE, T, THRESHOLDS, KEPT, LOW, HIGH] = [7, 8, 9, 10, 11, 12];

const get = (local: number) => [op.get, ...leb(local)];
const set = (local: number) => [op.set, ...leb(local)];
const simd = (code: number) => simdOp(code);
/** A v128 constant of four i32 lanes. */
const lanes = (values: number[]) => [
  ...simd(v128.const),
  ...values.flatMap((v) => [0, 8, 16, 24].map((s) => (v >>> s) & 0xff)),
];
const splat = (value: number) => lanes([value, value, value, value]);
/** x ^ (x >>> bits), of T. */
const xorShift = (bits: number) => [
  ...get(T),
  ...get(T),
  op.i32Const,
  ...leb(bits),
  ...simd(i32x4.shrU),
  ...simd(v128.xor),
];
/** The mask value of each lane's `half` of the draw in T: kept where at least the threshold, else 0. */
const decide = (half: number[]) => [
  ...half,
  ...get(THRESHOLDS),
  ...simd(i32x4.geS),
  ...get(KEPT),
  ...simd(v128.and),
];
/** Bytes picking [a0, b0, a1, b1] (from = 0) or [a2, b2, a3, b3] (from = 2) of two i32x4 a and b. */
const interleave = (from: number) =>
  [from, from + 1].flatMap((lane) => [0, 16].flatMap((b) => [0, 1, 2, 3].map((byte) => b + 4 * lane + byte)));

function maskModuleBytes(): Uint8Array<ArrayBuffer> {
  const step = MULBERRY_STEP;
  // mulberry32's mix of each lane's counter, as random.ts's mix(): t = imul(s ^ s >>> 15, s | 1);
  // t = (t + imul(t ^ t >>> 7, t | 61)) ^ t; bits = t ^ t >>> 14.
  // prettier-ignore
  const mix = [
    ...get(STATE), ...set(T), ...xorShift(15), ...get(STATE), ...splat(1), ...simd(v128.or), ...simd(i32x4.mul), ...set(T),
    ...get(T), ...xorShift(7), ...get(T), ...splat(61), ...simd(v128.or), ...simd(i32x4.mul), ...simd(i32x4.add),
    ...get(T), ...simd(v128.xor), ...set(T),
    ...xorShift(14), ...set(T),
  ];
  // prettier-ignore
  const body = [
    ...get(SEED), ...simd(i32x4.splat), ...lanes([step, 2 * step, 3 * step, 4 * step].map((s) => s | 0)),
    ...simd(i32x4.add), ...set(STATE),
    ...get(THRESHOLD), ...simd(i32x4.splat), ...set(THRESHOLDS),
    ...get(KEPT_BITS), ...simd(i32x4.splat), ...set(KEPT),
    ...get(OUT), ...set(AT),
    ...get(OUT), ...get(GROUPS), op.i32Const, 32, op.i32Mul, op.i32Add, ...set(END),
    op.block, 0x40, op.loop, 0x40,
    ...get(AT), ...get(END), op.i32GeU, op.brIf, 1,
    ...mix,
    ...decide([...get(T), ...splat(0xffff), ...simd(v128.and)]), ...set(LOW),
    ...decide([...get(T), op.i32Const, 16, ...simd(i32x4.shrU)]), ...set(HIGH),
    ...get(AT), ...get(LOW), ...get(HIGH), ...simd(shuffle), ...interleave(0), ...simd(v128.store), 2, 0,
    ...get(AT), ...get(LOW), ...get(HIGH), ...simd(shuffle), ...interleave(2), ...simd(v128.store), 2, 16,
    ...get(STATE), ...splat((4 * step) | 0), ...simd(i32x4.add), ...set(STATE),
    ...get(AT), op.i32Const, 32, op.i32Add, ...set(AT),
    op.br, 0,
    op.end, op.end,
  ];
  return moduleOfOneFunction(
    'fill',
    Array<number>(5).fill(I32),
    [
      [2, I32],
      [6, V128],
    ],
    body,
  );
}

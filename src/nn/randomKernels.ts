/*
 * Random tensors drawn in WebAssembly SIMD, straight into the wasm backend's heap, four mulberry32
 * draws at a time (random.ts draws the same numbers in JavaScript on other backends):
 * - dropout masks: one 32-bit draw decides two units by its 16-bit halves. A CGAN of CTGAN's size
 *   draws about a million units a step for its discriminator's dropout; in JavaScript that was 10 ms
 *   of a 70 ms step, and the mask was then copied into the heap. Bitwise the loop's numbers.
 * - Gumbel noise, −log(−log u): CTGAN's generator draws it for every output cell twice a step, two
 *   logarithms each, about 7% of its step in JavaScript. Here the logarithm is Cephes' logf (a
 *   polynomial, within a few float32 ulps of Math.log), so the numbers are the loop's to about 1e-6.
 */
import { I32, V128, instantiateOn, leb, moduleOfOneFunction, op, simdOp } from './wasmAssembler';

/** mulberry32's counter step (random.ts). */
export const MULBERRY_STEP = 0x6d2b79f5;

/** The kernels' names on the wasm backend (registered in wasmKernels.ts). */
export const DROPOUT_MASKS_KERNEL = 'StackedDropoutMasks';
export const GUMBEL_NOISE_KERNEL = 'GumbelNoise';

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

/**
 * Writes `groups` × 4 Gumbel numbers at byte offset `out`: number d is −log(−log u), u the top 23
 * bits of draw d (as above) plus one half, over 2²³: exact in float32 and strictly inside (0, 1).
 */
export type GumbelFill = (out: number, groups: number, seed: number) => void;

const masks = new WeakMap<WebAssembly.Memory, MaskFill | null>();
const gumbels = new WeakMap<WebAssembly.Memory, GumbelFill | null>();

/** The mask fill on `memory` (the wasm backend's heap), or null where this engine has no wasm SIMD. */
export function maskFillOn(memory: WebAssembly.Memory): MaskFill | null {
  if (!masks.has(memory))
    masks.set(memory, instantiateOn<{ f: MaskFill }>(maskModuleBytes(), memory)?.f ?? null);
  return masks.get(memory)!;
}

/** The Gumbel fill on `memory`, or null where this engine has no wasm SIMD. */
export function gumbelFillOn(memory: WebAssembly.Memory): GumbelFill | null {
  if (!gumbels.has(memory))
    gumbels.set(memory, instantiateOn<{ f: GumbelFill }>(gumbelModuleBytes(), memory)?.f ?? null);
  return gumbels.get(memory)!;
}

// SIMD opcodes (after the 0xfd prefix) used only here.
const shuffle = 0x0d;
const i32x4 = { splat: 0x11, geS: 0x3f, shrU: 0xad, add: 0xae, mul: 0xb5 };
const f32x4 = { lt: 0x43, neg: 0xe1, add: 0xe4, sub: 0xe5, mul: 0xe6, fromI32: 0xfa };
const v128 = { store: 0x0b, const: 0x0c, and: 0x4e, or: 0x50, xor: 0x51 };
const memory = (offset: number) => [2, ...leb(offset)]; // 4-byte alignment: tensors are float-aligned

const get = (local: number) => [op.get, ...leb(local)];
const set = (local: number) => [op.set, ...leb(local)];
const simd = (code: number) => simdOp(code);
const i32 = (n: number) => [op.i32Const, ...leb(n)]; // 0 to 63 only: i32.const reads signed LEB128
/** An i32's four bytes, little-endian, as a v128 constant's lane. */
const bytesOf = (bits: number) => [0, 8, 16, 24].map((s) => (bits >>> s) & 0xff);
/** A v128 constant of four equal i32 lanes (or a float32's bits, splatF32). */
const splat = (bits: number) => [...simd(v128.const), ...[0, 1, 2, 3].flatMap(() => bytesOf(bits))];
const splatF32 = (x: number) => splat(new Int32Array(new Float32Array([x]).buffer)[0]!);

// Both modules: parameters OUT, GROUPS, SEED first; then i32 locals AT and END; the counters STATE
// and the draw being mixed, T, are the first v128 locals.
const [OUT, GROUPS, SEED] = [0, 1, 2];

/** The loop over groups, `bytes` a group, of `body`; the four counters start at seed + 1..4 steps. */
function drawLoop(
  locals: { at: number; end: number; state: number },
  bytes: number,
  body: number[],
): number[] {
  const step = MULBERRY_STEP;
  const { at, end, state } = locals;
  // prettier-ignore
  return [
    ...get(SEED), ...simd(i32x4.splat), ...simd(v128.const),
    ...[1, 2, 3, 4].flatMap((d) => bytesOf(Math.imul(d, step))), ...simd(i32x4.add), ...set(state),
    ...get(OUT), ...set(at),
    ...get(OUT), ...get(GROUPS), op.i32Const, ...leb(bytes), op.i32Mul, op.i32Add, ...set(end),
    op.block, 0x40, op.loop, 0x40,
    ...get(at), ...get(end), op.i32GeU, op.brIf, 1,
    ...body,
    ...get(state), ...splat(Math.imul(4, step)), ...simd(i32x4.add), ...set(state),
    ...get(at), op.i32Const, ...leb(bytes), op.i32Add, ...set(at),
    op.br, 0,
    op.end, op.end,
  ];
}

/** mulberry32's mix (random.ts's mix()) of each lane of `state` into `t`. */
function mix(state: number, t: number): number[] {
  const xorShift = (bits: number) => [
    ...get(t),
    ...get(t),
    ...i32(bits),
    ...simd(i32x4.shrU),
    ...simd(v128.xor),
  ];
  // t = imul(s ^ s >>> 15, s | 1); t = (t + imul(t ^ t >>> 7, t | 61)) ^ t; bits = t ^ t >>> 14.
  // prettier-ignore
  return [
    ...get(state), ...set(t), ...xorShift(15), ...get(state), ...splat(1), ...simd(v128.or), ...simd(i32x4.mul), ...set(t),
    ...get(t), ...xorShift(7), ...get(t), ...splat(61), ...simd(v128.or), ...simd(i32x4.mul), ...simd(i32x4.add),
    ...get(t), ...simd(v128.xor), ...set(t),
    ...xorShift(14), ...set(t),
  ];
}

function maskModuleBytes(): Uint8Array<ArrayBuffer> {
  const [THRESHOLD, KEPT_BITS] = [3, 4];
  const [AT, END] = [5, 6];
  const [STATE, T, THRESHOLDS, KEPT, LOW, HIGH] = [7, 8, 9, 10, 11, 12];
  /** The mask value of each lane's `half` of the draw: kept where at least the threshold, else 0. */
  const decide = (half: number[]) => [
    ...half,
    ...get(THRESHOLDS),
    ...simd(i32x4.geS),
    ...get(KEPT),
    ...simd(v128.and),
  ];
  /** Bytes picking [a0, b0, a1, b1] (from = 0) or [a2, b2, a3, b3] (from = 2) of two i32x4 a and b. */
  const interleave = (from: number) =>
    [from, from + 1].flatMap((lane) =>
      [0, 16].flatMap((b) => [0, 1, 2, 3].map((byte) => b + 4 * lane + byte)),
    );
  // prettier-ignore
  const body = [
    ...get(THRESHOLD), ...simd(i32x4.splat), ...set(THRESHOLDS),
    ...get(KEPT_BITS), ...simd(i32x4.splat), ...set(KEPT),
    ...drawLoop({ at: AT, end: END, state: STATE }, 32, [
      ...mix(STATE, T),
      ...decide([...get(T), ...splat(0xffff), ...simd(v128.and)]), ...set(LOW),
      ...decide([...get(T), ...i32(16), ...simd(i32x4.shrU)]), ...set(HIGH),
      ...get(AT), ...get(LOW), ...get(HIGH), ...simd(shuffle), ...interleave(0), ...simd(v128.store), ...memory(0),
      ...get(AT), ...get(LOW), ...get(HIGH), ...simd(shuffle), ...interleave(2), ...simd(v128.store), ...memory(16),
    ]),
  ];
  return moduleOfOneFunction(
    'f',
    Array<number>(5).fill(I32),
    [
      [2, I32],
      [6, V128],
    ],
    body,
  );
}

/** Cephes' logf polynomial's coefficients, highest power first. */
const LOG_POLYNOMIAL = [
  7.0376836292e-2, -1.151461031e-1, 1.167699874e-1, -1.2420140846e-1, 1.4249322787e-1, -1.6668057665e-1,
  2.0000714765e-1, -2.4999993993e-1, 3.3333331174e-1,
];

/**
 * The natural logarithm of each lane of X (positive, normal floats), left on the stack: Cephes' logf.
 * x = m·2ᵉ with m in [√½, √2); log x = e·ln 2 + log m, log m by a polynomial in m − 1.
 */
function log(X: number, locals: { e: number; m: number; z: number; y: number; mask: number }): number[] {
  const { e, m, z, y, mask } = locals;
  // prettier-ignore
  return [
    // e = exponent − 126 and m in [½, 1): frexp.
    ...get(X), ...i32(23), ...simd(i32x4.shrU), ...splat(-126), ...simd(i32x4.add), ...set(e),
    ...get(X), ...splat(0x807fffff), ...simd(v128.and), ...splat(0x3f000000), ...simd(v128.or), ...set(m),
    // Below √½: one less in e and m doubled, so m − 1 lies in [√½ − 1, √2 − 1).
    ...get(m), ...splatF32(Math.SQRT1_2), ...simd(f32x4.lt), ...set(mask),
    ...get(e), ...get(mask), ...simd(i32x4.add), ...set(e), // mask lanes are −1 where true
    ...get(m), ...splatF32(1), ...simd(f32x4.sub), ...get(m), ...get(mask), ...simd(v128.and), ...simd(f32x4.add),
    ...set(m),
    ...get(m), ...get(m), ...simd(f32x4.mul), ...set(z),
    ...splatF32(LOG_POLYNOMIAL[0]!),
    ...LOG_POLYNOMIAL.slice(1).flatMap((c) => [...get(m), ...simd(f32x4.mul), ...splatF32(c), ...simd(f32x4.add)]),
    ...get(m), ...simd(f32x4.mul), ...get(z), ...simd(f32x4.mul), ...set(y),
    ...get(e), ...simd(f32x4.fromI32), ...set(e), // e as a float from here
    ...get(y), ...get(e), ...splatF32(-2.1219444e-4), ...simd(f32x4.mul), ...simd(f32x4.add),
    ...get(z), ...splatF32(-0.5), ...simd(f32x4.mul), ...simd(f32x4.add), ...set(y),
    ...get(m), ...get(y), ...simd(f32x4.add), ...get(e), ...splatF32(0.693359375), ...simd(f32x4.mul),
    ...simd(f32x4.add),
  ];
}

function gumbelModuleBytes(): Uint8Array<ArrayBuffer> {
  const [AT, END] = [3, 4];
  const [STATE, T, X, E, M, Z, Y, MASK] = [5, 6, 7, 8, 9, 10, 11, 12];
  const scratch = { e: E, m: M, z: Z, y: Y, mask: MASK };
  // prettier-ignore
  const body = drawLoop({ at: AT, end: END, state: STATE }, 16, [
    ...mix(STATE, T),
    // u = (top 23 bits + ½) / 2²³: exact in float32, inside (0, 1).
    ...get(T), ...i32(9), ...simd(i32x4.shrU), ...simd(f32x4.fromI32), ...splatF32(0.5), ...simd(f32x4.add),
    ...splatF32(2 ** -23), ...simd(f32x4.mul), ...set(X),
    ...log(X, scratch), ...simd(f32x4.neg), ...set(X),
    ...get(AT), ...log(X, scratch), ...simd(f32x4.neg), ...simd(v128.store), ...memory(0),
  ]);
  return moduleOfOneFunction(
    'f',
    Array<number>(3).fill(I32),
    [
      [2, I32],
      [8, V128],
    ],
    body,
  );
}

/*
 * Just enough of WebAssembly's binary format to assemble our small SIMD kernels (adamKernel.ts,
 * gemmKernel.ts) byte by byte: opcodes, LEB128 numbers, and a module of one exported function that
 * works on an imported memory (the wasm backend's heap, so tensors are addressed where they lie).
 */

export const I32 = 0x7f;
export const F32 = 0x7d;
export const V128 = 0x7b;

/** Opcodes (WebAssembly core 2.0) used by our kernels. */
export const op = {
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  else: 0x05,
  end: 0x0b,
  br: 0x0c,
  brIf: 0x0d,
  get: 0x20,
  set: 0x21,
  tee: 0x22,
  f32Load: 0x2a,
  f32Store: 0x38,
  i32Const: 0x41,
  f32Const: 0x43,
  i32Eqz: 0x45,
  i32Eq: 0x46,
  i32Ne: 0x47,
  i32LtU: 0x49,
  i32GeU: 0x4f,
  i32Add: 0x6a,
  i32Sub: 0x6b,
  i32Mul: 0x6c,
  i32And: 0x71,
  i32Shl: 0x74,
  f32Sqrt: 0x91,
  f32Add: 0x92,
  f32Mul: 0x94,
  f32Div: 0x95,
};

/** SIMD opcodes, each after the 0xfd prefix (simdOp adds it). */
export const simd = {
  load: 0x00,
  load32Splat: 0x09,
  store: 0x0b,
  const: 0x0c,
  splat: 0x13,
  extractLane: 0x1f,
  sqrt: 0xe3,
  add: 0xe4,
  mul: 0xe6,
  div: 0xe7,
  /** a·b + c, fused or not as the engine chooses (relaxed SIMD). */
  relaxedMultiplyAdd: 0x105,
};

export const simdOp = (code: number) => [0xfd, ...leb(code)];

/** Unsigned LEB128. */
export function leb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return out;
}

export const vector = (items: number[][]) => [...leb(items.length), ...items.flat()];
const section = (id: number, body: number[]) => [id, ...leb(body.length), ...body];
const name = (s: string) => vector([...s].map((c) => [c.charCodeAt(0)]));

/**
 * A module exporting one function `exported`, with these parameter types and locals (runs of
 * [count, type]), importing its memory as env.memory.
 */
export function moduleOfOneFunction(
  exported: string,
  params: number[],
  locals: [number, number][],
  body: number[],
): Uint8Array<ArrayBuffer> {
  const code = [...vector(locals.map(([count, type]) => [...leb(count), type])), ...body, op.end];
  // prettier-ignore
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vector([[0x60, ...vector(params.map((p) => [p])), 0]])),
    ...section(2, vector([[...name('env'), ...name('memory'), 0x02, 0x00, 0x00]])),
    ...section(3, vector([[0]])),
    ...section(7, vector([[...name(exported), 0x00, 0]])),
    ...section(10, vector([[...leb(code.length), ...code]])),
  ]);
}

/** Instantiates a module on `memory`; null where this engine cannot (no wasm SIMD, say). */
export function instantiateOn<T>(bytes: Uint8Array<ArrayBuffer>, memory: WebAssembly.Memory): T | null {
  try {
    const module = new WebAssembly.Module(bytes);
    return new WebAssembly.Instance(module, { env: { memory } }).exports as T;
  } catch {
    return null;
  }
}

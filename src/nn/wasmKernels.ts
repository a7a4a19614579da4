import * as tf from './tf';
import { ADAM_UPDATE_KERNEL, adamUpdateOn, wasmHeap, type AdamConstants } from './adamKernel';
import { DROPOUT_MASKS_KERNEL, GUMBEL_NOISE_KERNEL, gumbelFillOn, maskFillOn } from './randomKernels';
import { type Gemm, gemmOn } from './gemmKernel';
import { type DropoutMasksAttrs, type GumbelNoiseAttrs, fillGumbel, fillMask, maskConstants } from './random';
import { SPAN_SOFTMAX_GRAD_KERNEL, SPAN_SOFTMAX_KERNEL, type SpanSoftmaxAttrs } from './spanSoftmax';

/*
 * Seven kernels of tfjs's wasm backend replaced by faster equivalents (same results up to float
 * rounding), and five added (below). Install after '@tensorflow/tfjs-backend-wasm' is imported and
 * before the backend is first used.
 *
 * - BatchMatMul: our SIMD product (gemmKernel.ts), which reads operands through strides where they
 *   lie. The stock kernel multiplies through XNNPACK only when neither side is transposed and there is
 *   no batch (else a scalar triple loop), and XNNPACK packs its right operand first, a pack kept only
 *   while that tensor lives: in training every right operand is new each step, and backpropagation
 *   asks for transposed products (dX = dY·Wᵀ, dW = Xᵀ·dY). Where the kernel cannot run (no wasm
 *   SIMD, a heap shared between threads), operands are transposed and the stock kernel multiplies.
 * - _FusedMatMul with a bias and no activation (a dense layer): the product above, then the bias
 *   added (one pass over the output).
 * - GatherV2: the stock kernel computes every element's source address from its coordinates, about
 *   40 ns an element; a span grid's column gather over a 500-row batch cost 11 ms. Copying in
 *   JavaScript straight between the tensors' views of the wasm heap takes well under 1 ms.
 * - Concat, and Slice of a matrix: the stock kernels copy row by row through a new view each (a
 *   megabyte of garbage a CTGAN step); one copyWithin on the heap's bytes a row makes none.
 * - Identity: autodiff clones every tensor it saves for the backward pass. The wasm backend copied
 *   the memory each time (hundreds of copies per step); tensors are immutable, so sharing the
 *   buffer with a reference count, as the cpu and webgl backends do, is enough.
 * - Cast to the tensor's own dtype (every ReLU's gradient casts its float32 mask to float32): shared
 *   the same way instead of copied, 40 copies a CTGAN-sized step.
 * - SpanSoftmax, SpanSoftmaxGrad (ours): one loop over each row's span cells, where tfjs's ops needed
 *   a padded grid of spans, three quarters padding on Adult.
 * - AdamUpdate (ours): Adam's update of a variable in one pass (adamKernel.ts, optimizer.ts).
 * - StackedDropoutMasks, GumbelNoise (ours): random tensors drawn four draws at a time in SIMD, into
 *   the heap (randomKernels.ts, random.ts).
 *
 * And one it lacks: UnsortedSegmentSum, which the gradient of GatherV2 calls (an embedding lookup's
 * gradient in PPO-GAN's transformer).
 */

interface WasmTensorInfo {
  dataId: object;
  shape: number[];
  dtype: tf.DataType;
}

interface WasmBackendLike {
  incRef(dataId: object): void;
  disposeData(dataId: object): boolean;
  makeOutput(shape: number[], dtype: tf.DataType): WasmTensorInfo;
  /** A view of the tensor's memory in the wasm heap; invalid once the heap grows (any makeOutput). */
  typedArrayFromHeap(t: WasmTensorInfo): Float32Array | Int32Array | Uint8Array;
}

/** tfjs's own kernels, kept so a benchmark can measure the difference in one run. */
let stock: tf.KernelConfig[] | null = null;

export function installWasmKernels(): void {
  if (stock) return;
  const matMul = tf.getKernel('BatchMatMul', 'wasm');
  const transpose = tf.getKernel('Transpose', 'wasm');
  const identity = tf.getKernel('Identity', 'wasm');
  const gather = tf.getKernel('GatherV2', 'wasm');
  const cast = tf.getKernel('Cast', 'wasm');
  const fusedMatMul = tf.getKernel('_FusedMatMul', 'wasm');
  const add = tf.getKernel('Add', 'wasm');
  const concat = tf.getKernel('Concat', 'wasm');
  const slice = tf.getKernel('Slice', 'wasm');
  const kernels = [matMul, transpose, identity, gather, cast, fusedMatMul, add, concat, slice];
  if (kernels.some((kernel) => kernel === undefined)) return; // The wasm backend is not loaded here.
  stock = [matMul, identity, gather, cast, fusedMatMul, concat, slice];

  const swapLastTwo = (x: WasmTensorInfo, backend: WasmBackendLike): WasmTensorInfo => {
    const perm = x.shape.map((_, i) => i);
    const rank = perm.length;
    [perm[rank - 2], perm[rank - 1]] = [perm[rank - 1]!, perm[rank - 2]!];
    return transpose.kernelFunc({
      inputs: { x } as never,
      backend: backend as never,
      attrs: { perm },
    }) as never;
  };

  replaceKernel({
    ...matMul,
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { transposeA, transposeB } = attrs as { transposeA: boolean; transposeB: boolean };
      const wasm = backend as unknown as WasmBackendLike;
      const { a, b } = inputs as unknown as { a: WasmTensorInfo; b: WasmTensorInfo };
      const heap = wasmHeap(backend);
      const gemm = heap && gemmOn(heap);
      if (gemm && a.dtype === 'float32' && b.dtype === 'float32' && batchOf(a, b) !== null) {
        return productBySimd(gemm, a, b, transposeA, transposeB, wasm, swapLastTwo) as never;
      }
      if (!transposeA && !transposeB) return matMul.kernelFunc({ inputs, backend, attrs });
      const a2 = transposeA ? swapLastTwo(a, wasm) : a;
      const b2 = transposeB ? swapLastTwo(b, wasm) : b;
      const out = matMul.kernelFunc({
        inputs: { a: a2, b: b2 } as never,
        backend,
        attrs: { ...attrs, transposeA: false, transposeB: false },
      });
      if (transposeA) wasm.disposeData(a2.dataId);
      if (transposeB) wasm.disposeData(b2.dataId);
      return out;
    },
  });

  // Read back: the product just registered, with its transposes.
  const product = tf.getKernel('BatchMatMul', 'wasm')!;
  replaceKernel({
    ...fusedMatMul,
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { a, b, bias, preluActivationWeights } = inputs as unknown as Record<string, WasmTensorInfo>;
      const { transposeA, transposeB, activation } = attrs as {
        transposeA: boolean;
        transposeB: boolean;
        activation: string;
      };
      if (!bias || preluActivationWeights || activation !== 'linear') {
        return fusedMatMul.kernelFunc({ inputs, backend, attrs });
      }
      const xw = product.kernelFunc({
        inputs: { a, b } as never,
        backend,
        attrs: { transposeA, transposeB },
      }) as unknown as WasmTensorInfo;
      const out = add.kernelFunc({ inputs: { a: xw, b: bias } as never, backend, attrs: {} });
      (backend as unknown as WasmBackendLike).disposeData(xw.dataId);
      return out;
    },
  });

  replaceKernel({
    ...gather,
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { x, indices } = inputs as unknown as { x: WasmTensorInfo; indices: WasmTensorInfo };
      const { axis, batchDims } = attrs as { axis: number; batchDims: number };
      const copyable = (x.dtype === 'float32' || x.dtype === 'int32') && indices.dtype === 'int32';
      if (batchDims !== 0 || !copyable) return gather.kernelFunc({ inputs, backend, attrs });
      return gatherByCopy(x, indices, axis, backend as unknown as WasmBackendLike) as never;
    },
  });

  replaceKernel({
    ...concat,
    kernelFunc: ({ inputs, backend, attrs }) => {
      const xs = inputs as unknown as WasmTensorInfo[];
      const wasm = backend as unknown as WasmBackendLike;
      const nonEmpty = xs.filter((x) => sizeOf(x.shape) > 0);
      if (nonEmpty.length < 2 || !xs.every((x) => BYTES[x.dtype] !== undefined)) {
        return concat.kernelFunc({ inputs, backend, attrs });
      }
      const axis = tf.util.parseAxisParam((attrs as { axis: number }).axis, xs[0]!.shape)[0]!;
      tf.backend_util.assertParamsConsistent(
        xs.map((x) => x.shape),
        axis,
      );
      const out = wasm.makeOutput(
        tf.backend_util.computeOutShape(
          xs.map((x) => x.shape),
          axis,
        ),
        xs[0]!.dtype,
      );
      return concatByCopy(nonEmpty, axis, out, wasm) as never;
    },
  });

  replaceKernel({
    ...slice,
    kernelFunc: ({ inputs, backend, attrs }) => {
      const x = (inputs as unknown as { x: WasmTensorInfo }).x;
      const { begin, size } = attrs as { begin: number[]; size: number[] };
      if (x.shape.length !== 2 || BYTES[x.dtype] === undefined)
        return slice.kernelFunc({ inputs, backend, attrs });
      const [first, extent] = tf.slice_util.parseSliceParams(x as never, begin, size) as [number[], number[]];
      return sliceRowsByCopy(x, first, extent, backend as unknown as WasmBackendLike) as never;
    },
  });

  if (!tf.getKernel('UnsortedSegmentSum', 'wasm')) {
    tf.registerKernel({
      kernelName: 'UnsortedSegmentSum',
      backendName: 'wasm',
      kernelFunc: ({ inputs, backend, attrs }) => {
        const { x, segmentIds } = inputs as unknown as { x: WasmTensorInfo; segmentIds: WasmTensorInfo };
        const { numSegments } = attrs as { numSegments: number };
        return segmentSum(x, segmentIds, numSegments, backend as unknown as WasmBackendLike) as never;
      },
    });
  }

  replaceKernel({
    kernelName: 'Identity',
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend }) => {
      const x = (inputs as unknown as { x: WasmTensorInfo }).x;
      if (x.dtype === 'string') throw new Error('Identity of string tensors is not supported on wasm.');
      return share(x, backend as unknown as WasmBackendLike);
    },
  });

  const added = [
    [SPAN_SOFTMAX_KERNEL, spanSoftmaxByLoop],
    [SPAN_SOFTMAX_GRAD_KERNEL, spanSoftmaxGradByLoop],
    [ADAM_UPDATE_KERNEL, adamUpdateInOnePass],
    [DROPOUT_MASKS_KERNEL, dropoutMasksOnHeap],
    [GUMBEL_NOISE_KERNEL, gumbelNoiseOnHeap],
  ] as const;
  for (const [kernelName, kernelFunc] of added) {
    if (!tf.getKernel(kernelName, 'wasm')) {
      tf.registerKernel({ kernelName, backendName: 'wasm', kernelFunc: kernelFunc as never });
    }
  }

  replaceKernel({
    ...cast,
    kernelFunc: ({ inputs, backend, attrs }) => {
      const x = (inputs as unknown as { x: WasmTensorInfo }).x;
      const { dtype } = attrs as { dtype: tf.DataType };
      if (dtype !== x.dtype || x.dtype === 'string') return cast.kernelFunc({ inputs, backend, attrs });
      return share(x, backend as unknown as WasmBackendLike) as never;
    },
  });
}

/** A new tensor on x's memory (tensors are immutable): the backend frees it when both are disposed. */
function share(x: WasmTensorInfo, backend: WasmBackendLike): WasmTensorInfo {
  backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}

/**
 * The number of products in a batched product, when our kernel can take it: the batch dimensions of
 * a and b equal, or one side's all 1 (broadcast). Null for other broadcasts.
 */
function batchOf(a: WasmTensorInfo, b: WasmTensorInfo): number | null {
  const outer = (t: WasmTensorInfo) => t.shape.slice(0, -2);
  const count = (dims: number[]) => dims.reduce((p, d) => p * d, 1);
  const [outerA, outerB] = [outer(a), outer(b)];
  if (count(outerA) === 1 || count(outerB) === 1) return Math.max(count(outerA), count(outerB));
  const same = outerA.length === outerB.length && outerA.every((d, i) => d === outerB[i]);
  return same ? count(outerA) : null;
}

/**
 * A·B (either transposed) through gemmKernel.ts, one product per batch entry. The kernel reads its
 * left operand through strides, so Aᵀ·B needs no copy; A·Bᵀ needs one operand transposed (its rows
 * must be contiguous along the output's columns): the smaller one. With Aᵀ copied it computes
 * Cᵀ = B·Aᵀ and writes it transposed, into C.
 */
function productBySimd(
  gemm: Gemm,
  a: WasmTensorInfo,
  b: WasmTensorInfo,
  transposeA: boolean,
  transposeB: boolean,
  backend: WasmBackendLike,
  swapLastTwo: (x: WasmTensorInfo, backend: WasmBackendLike) => WasmTensorInfo,
): WasmTensorInfo {
  const [rowsA, columnsA] = a.shape.slice(-2) as [number, number];
  const [rowsB, columnsB] = b.shape.slice(-2) as [number, number];
  const [m, k] = transposeA ? [columnsA, rowsA] : [rowsA, columnsA];
  const n = transposeB ? rowsB : columnsB;
  const batch = batchOf(a, b)!;
  // The output's batch dimensions as the stock kernel gives them: a's and b's broadcast.
  const outer = tf.broadcast_util.assertAndGetBroadcastShape(a.shape.slice(0, -2), b.shape.slice(0, -2));
  const out = backend.makeOutput([...outer, m, n], 'float32');
  // When B's rows are the output's columns only through a transpose, copy the smaller operand.
  const copyA = transposeB && !transposeA && m < n;
  const copyB = transposeB && !copyA;
  const a2 = copyA ? swapLastTwo(a, backend) : a;
  const b2 = copyB ? swapLastTwo(b, backend) : b;
  // Byte offsets, taken after every allocation (a view detaches when the heap grows; offsets stay).
  const at = (t: WasmTensorInfo) => backend.typedArrayFromHeap(t).byteOffset;
  const [atA, atB, atC] = [at(a2), at(b2), at(out)];
  const stride = (t: WasmTensorInfo, entries: number) => (entries === 1 ? 0 : 4 * sizeOf(t.shape.slice(-2)));
  const [strideA, strideB] = [
    stride(a2, sizeOf(a2.shape.slice(0, -2))),
    stride(b2, sizeOf(b2.shape.slice(0, -2))),
  ];
  for (let e = 0; e < batch; e++) {
    const [sA, sB, sC] = [atA + e * strideA, atB + e * strideB, atC + e * 4 * m * n];
    if (copyA) {
      // Cᵀ (n×m) = B (n×k, rows as they lie) · Aᵀ (k×m, copied), written transposed.
      gemm(sB, 4 * k, 4, sA, 4 * m, sC, 4, 4 * n, n, m, k);
    } else {
      // C = A·B, A through strides (rows of a stored A, or its columns when transposed).
      const [sRow, sStep] = transposeA ? [4, 4 * m] : [4 * k, 4];
      gemm(sA, sRow, sStep, sB, 4 * n, sC, 4 * n, 4, m, n, k);
    }
  }
  if (copyA) backend.disposeData(a2.dataId);
  if (copyB) backend.disposeData(b2.dataId);
  return out;
}

const sizeOf = (shape: number[]) => shape.reduce((p, d) => p * d, 1);

/** Bytes an element of the dtypes copied here. */
const BYTES: Partial<Record<tf.DataType, number>> = { float32: 4, int32: 4, bool: 1 };

/**
 * The whole heap as bytes, to copy between tensors with copyWithin (a memmove) and no view made per
 * row: tfjs's own Concat and Slice made one per row, a megabyte of garbage a CTGAN step. Take it after
 * any allocation: growing the heap replaces its buffer.
 */
function heapBytes(
  backend: WasmBackendLike,
  t: WasmTensorInfo,
): { bytes: Uint8Array; at: (t: WasmTensorInfo) => number } {
  const view = backend.typedArrayFromHeap(t);
  return { bytes: new Uint8Array(view.buffer), at: (x) => backend.typedArrayFromHeap(x).byteOffset };
}

/** xs joined along `axis` into out: for each index before the axis, each input's block in turn. */
function concatByCopy(
  xs: WasmTensorInfo[],
  axis: number,
  out: WasmTensorInfo,
  backend: WasmBackendLike,
): WasmTensorInfo {
  const { bytes, at } = heapBytes(backend, out);
  const width = BYTES[out.dtype]!;
  const outer = sizeOf(xs[0]!.shape.slice(0, axis));
  const blocks = xs.map((x) => width * sizeOf(x.shape.slice(axis)));
  const sources = xs.map(at);
  let target = at(out);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < xs.length; i++) {
      const from = sources[i]! + o * blocks[i]!;
      bytes.copyWithin(target, from, from + blocks[i]!);
      target += blocks[i]!;
    }
  }
  return out;
}

/** A 2-D slice, row by row. */
function sliceRowsByCopy(
  x: WasmTensorInfo,
  begin: number[],
  size: number[],
  backend: WasmBackendLike,
): WasmTensorInfo {
  const out = backend.makeOutput(size, x.dtype);
  const { bytes, at } = heapBytes(backend, out);
  const width = BYTES[x.dtype]!;
  const rowBytes = width * x.shape[1]!;
  const length = width * size[1]!;
  let source = at(x) + begin[0]! * rowBytes + width * begin[1]!;
  let target = at(out);
  for (let r = 0; r < size[0]!; r++) {
    bytes.copyWithin(target, source, source + length);
    source += rowBytes;
    target += length;
  }
  return out;
}

/** x gathered along `axis` by plain copies between heap views (float32 and int32). */
function gatherByCopy(
  x: WasmTensorInfo,
  indices: WasmTensorInfo,
  axis: number,
  backend: WasmBackendLike,
): WasmTensorInfo {
  const at = axis < 0 ? axis + x.shape.length : axis;
  const outer = x.shape.slice(0, at).reduce((p, d) => p * d, 1);
  const dim = x.shape[at]!;
  const inner = x.shape.slice(at + 1).reduce((p, d) => p * d, 1);
  const out = backend.makeOutput(
    [...x.shape.slice(0, at), ...indices.shape, ...x.shape.slice(at + 1)],
    x.dtype,
  );
  // Views are taken after makeOutput: allocating may grow the heap, which detaches older views.
  const index = backend.typedArrayFromHeap(indices);
  const source = backend.typedArrayFromHeap(x);
  const target = backend.typedArrayFromHeap(out);
  const count = index.length;
  for (let j = 0; j < count; j++) {
    const i = index[j]!;
    if (!(i >= 0 && i < dim)) {
      backend.disposeData(out.dataId);
      throw new Error(`GatherV2: the index value ${i} is not in [0, ${dim - 1}]`);
    }
  }
  if (inner === 1) {
    for (let o = 0; o < outer; o++) {
      const from = o * dim;
      const to = o * count;
      for (let j = 0; j < count; j++) target[to + j] = source[from + index[j]!]!;
    }
  } else {
    const { bytes, at } = heapBytes(backend, out);
    const row = source.BYTES_PER_ELEMENT * inner;
    const [from, to] = [at(x), at(out)];
    for (let o = 0; o < outer; o++)
      for (let j = 0; j < count; j++) {
        const start = from + (o * dim + index[j]!) * row;
        bytes.copyWithin(to + (o * count + j) * row, start, start + row);
      }
  }
  return out;
}

/** Softmax (or log-softmax) within each span of every row, 0 outside the spans. */
function spanSoftmaxByLoop({
  inputs,
  backend,
  attrs,
}: {
  inputs: { x: WasmTensorInfo };
  backend: WasmBackendLike;
  attrs: SpanSoftmaxAttrs;
}): WasmTensorInfo {
  const { x } = inputs;
  const out = backend.makeOutput(x.shape, 'float32');
  const source = backend.typedArrayFromHeap(x);
  const target = backend.typedArrayFromHeap(out);
  target.fill(0);
  const [rows, columns] = x.shape as [number, number];
  const { offsets, widths, log } = attrs;
  // Each span's exponentials, kept in double precision: computed once, not again for the output.
  const exps = new Float64Array(Math.max(0, ...widths));
  for (let r = 0; r < rows; r++) {
    for (let s = 0; s < offsets.length; s++) {
      const from = r * columns + offsets[s]!;
      const to = from + widths[s]!;
      let max = -Infinity;
      for (let i = from; i < to; i++) if (source[i]! > max) max = source[i]!;
      let sum = 0;
      for (let i = from; i < to; i++) {
        const e = Math.exp(source[i]! - max);
        exps[i - from] = e;
        sum += e;
      }
      if (log) {
        const shift = max + Math.log(sum);
        for (let i = from; i < to; i++) target[i] = source[i]! - shift;
      } else {
        for (let i = from; i < to; i++) target[i] = exps[i - from]! / sum;
      }
    }
  }
  return out;
}

/** Adam's new variable, first and second moments from the old ones and a gradient (adamKernel.ts). */
function adamUpdateInOnePass({
  inputs,
  backend,
  attrs,
}: {
  inputs: { w: WasmTensorInfo; m: WasmTensorInfo; v: WasmTensorInfo; g: WasmTensorInfo };
  backend: WasmBackendLike;
  attrs: AdamConstants;
}): WasmTensorInfo[] {
  const heap = wasmHeap(backend);
  const update = heap && adamUpdateOn(heap);
  if (!update) throw new Error('AdamUpdate: this engine cannot run the wasm SIMD update.');
  const { w, m, v, g } = inputs;
  const outputs = [w, m, v].map((t) => backend.makeOutput(t.shape, 'float32'));
  // Byte offsets in the heap, taken after allocating (views detach when the heap grows; offsets stay).
  const at = (t: WasmTensorInfo) => backend.typedArrayFromHeap(t).byteOffset;
  const [outW, outM, outV] = outputs.map(at) as [number, number, number];
  update(
    at(w),
    at(m),
    at(v),
    at(g),
    outW,
    outM,
    outV,
    w.shape.reduce((p, d) => p * d, 1),
    attrs,
  );
  return outputs;
}

/**
 * random.ts's stackedDropoutMasks drawn into a new tensor on the heap: eight units at a time by the
 * SIMD kernel, the few past the last eight of each seed's mask in JavaScript.
 */
function dropoutMasksOnHeap({ backend, attrs }: { backend: WasmBackendLike; attrs: DropoutMasksAttrs }) {
  const { shape, rate, seeds } = attrs;
  const heap = wasmHeap(backend);
  const fill = heap && maskFillOn(heap);
  if (!fill) throw new Error('StackedDropoutMasks: this engine cannot run the wasm SIMD kernel.');
  const out = backend.makeOutput([shape[0]! * seeds.length, ...shape.slice(1)], 'float32');
  const mask = backend.typedArrayFromHeap(out) as Float32Array;
  const n = sizeOf(shape);
  const groups = Math.floor(n / 8);
  const { threshold, kept } = maskConstants(rate);
  const keptBits = new Int32Array(new Float32Array([kept]).buffer)[0]!;
  seeds.forEach((seed, k) => {
    fill(mask.byteOffset + 4 * k * n, groups, seed, threshold, keptBits);
    fillMask(mask, k * n, n, seed, 4 * groups, rate);
  });
  return out;
}

/** random.ts's gumbelNoise drawn into a new tensor on the heap: four at a time, the last few in JavaScript. */
function gumbelNoiseOnHeap({ backend, attrs }: { backend: WasmBackendLike; attrs: GumbelNoiseAttrs }) {
  const heap = wasmHeap(backend);
  const fill = heap && gumbelFillOn(heap);
  if (!fill) throw new Error('GumbelNoise: this engine cannot run the wasm SIMD kernel.');
  const out = backend.makeOutput(attrs.shape, 'float32');
  const noise = backend.typedArrayFromHeap(out) as Float32Array;
  const groups = Math.floor(noise.length / 4);
  fill(noise.byteOffset, groups, attrs.seed);
  fillGumbel(noise, attrs.seed, 4 * groups);
  return out;
}

/** Sums x's rows (its leading dimensions, one per segment id) into `segments` rows: out[id] += x[i]. */
function segmentSum(
  x: WasmTensorInfo,
  segmentIds: WasmTensorInfo,
  segments: number,
  backend: WasmBackendLike,
): WasmTensorInfo {
  if (x.dtype !== 'float32' && x.dtype !== 'int32')
    throw new Error(`UnsortedSegmentSum of ${x.dtype} on wasm.`);
  const rows = segmentIds.shape.reduce((p, d) => p * d, 1);
  const innerShape = x.shape.slice(segmentIds.shape.length);
  const inner = innerShape.reduce((p, d) => p * d, 1);
  const out = backend.makeOutput([segments, ...innerShape], x.dtype);
  // Views after makeOutput, which may grow the heap.
  const ids = backend.typedArrayFromHeap(segmentIds);
  const source = backend.typedArrayFromHeap(x);
  const target = backend.typedArrayFromHeap(out);
  target.fill(0);
  for (let i = 0; i < rows; i++) {
    const id = ids[i]!;
    if (!(id >= 0 && id < segments)) continue; // As tfjs's cpu kernel: ids out of range are dropped.
    const from = i * inner;
    const to = id * inner;
    for (let j = 0; j < inner; j++) target[to + j]! += source[from + j]!;
  }
  return out;
}

/** spanSoftmaxGrad: y ⊙ (dy − Σ_span dy ⊙ y), or dy − exp(y) ⊙ Σ_span dy for log-softmax. */
function spanSoftmaxGradByLoop({
  inputs,
  backend,
  attrs,
}: {
  inputs: { y: WasmTensorInfo; dy: WasmTensorInfo };
  backend: WasmBackendLike;
  attrs: SpanSoftmaxAttrs;
}): WasmTensorInfo {
  const { y, dy } = inputs;
  const out = backend.makeOutput(y.shape, 'float32');
  const [output, gradient, target] = [y, dy, out].map((t) => backend.typedArrayFromHeap(t));
  target!.fill(0);
  const [rows, columns] = y.shape as [number, number];
  const { offsets, widths, log } = attrs;
  for (let r = 0; r < rows; r++) {
    for (let s = 0; s < offsets.length; s++) {
      const from = r * columns + offsets[s]!;
      const to = from + widths[s]!;
      let sum = 0;
      for (let i = from; i < to; i++) sum += log ? gradient![i]! : gradient![i]! * output![i]!;
      for (let i = from; i < to; i++) {
        target![i] = log ? gradient![i]! - Math.exp(output![i]!) * sum : output![i]! * (gradient![i]! - sum);
      }
    }
  }
  return out;
}

/** Puts tfjs's own kernels back (for benchmarks); ours that tfjs lacks stay. */
export function restoreStockWasmKernels(): void {
  stock?.forEach(replaceKernel);
  stock = null;
}

function replaceKernel(config: tf.KernelConfig): void {
  tf.unregisterKernel(config.kernelName, config.backendName);
  tf.registerKernel(config);
}

import * as tf from './tf';

/*
 * Two kernels of tfjs's wasm backend replaced by faster equivalents (same results up to float rounding).
 * Install after '@tensorflow/tfjs-backend-wasm' is imported and before the backend is first used.
 *
 * - BatchMatMul: the wasm backend runs a matrix product through XNNPACK's SIMD kernels only when
 *   neither side is transposed, and otherwise through a scalar triple loop. Backpropagation through a
 *   dense layer asks for exactly those transposed products (dX = dY·Wᵀ, dW = Xᵀ·dY), which made them
 *   most of a training step. Transposing the operand first (O(n²)) and multiplying through XNNPACK
 *   (O(n³)) is several times faster.
 * - Identity: autodiff clones every tensor it saves for the backward pass. The wasm backend copied
 *   the memory each time (hundreds of copies per step); tensors are immutable, so sharing the
 *   buffer with a reference count, as the cpu and webgl backends do, is enough.
 */

interface WasmTensorInfo {
  dataId: object;
  shape: number[];
  dtype: tf.DataType;
}

interface WasmBackendLike {
  incRef(dataId: object): void;
  disposeData(dataId: object): boolean;
}

/** tfjs's own kernels, kept so a benchmark can measure the difference in one run. */
let stock: tf.KernelConfig[] | null = null;

export function installWasmKernels(): void {
  if (stock) return;
  const matMul = tf.getKernel('BatchMatMul', 'wasm');
  const transpose = tf.getKernel('Transpose', 'wasm');
  const identity = tf.getKernel('Identity', 'wasm');
  if (!matMul || !transpose || !identity) return; // The wasm backend is not loaded here.
  stock = [matMul, identity];

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
      if (!transposeA && !transposeB) return matMul.kernelFunc({ inputs, backend, attrs });
      const wasm = backend as unknown as WasmBackendLike;
      const { a, b } = inputs as unknown as { a: WasmTensorInfo; b: WasmTensorInfo };
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

  replaceKernel({
    kernelName: 'Identity',
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend }) => {
      const x = (inputs as unknown as { x: WasmTensorInfo }).x;
      if (x.dtype === 'string') throw new Error('Identity of string tensors is not supported on wasm.');
      (backend as unknown as WasmBackendLike).incRef(x.dataId);
      return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
    },
  });
}

/** Puts tfjs's own kernels back (for benchmarks). */
export function restoreStockWasmKernels(): void {
  stock?.forEach(replaceKernel);
  stock = null;
}

function replaceKernel(config: tf.KernelConfig): void {
  tf.unregisterKernel(config.kernelName, config.backendName);
  tf.registerKernel(config);
}

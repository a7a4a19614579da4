import * as tf from './tf';

/*
 * Softmax within column spans of a row (a table's one-hot columns), zero outside every span, and its
 * gradient: CTGAN's Gumbel-softmax outputs and its condition loss. The wasm backend runs each as one
 * pass over the row's own cells (wasmKernels.ts). Other backends lay the spans out as a padded
 * [rows × spans × widest] grid and use tfjs's softmax: spans differ in width (Adult's from 2 to 42),
 * so three quarters of that grid is padding, which is why wasm has a kernel of its own.
 */

export const SPAN_SOFTMAX_KERNEL = 'SpanSoftmax';
export const SPAN_SOFTMAX_GRAD_KERNEL = 'SpanSoftmaxGrad';

/** Column spans, as parallel lists of first columns and widths; `log` asks for log-softmax. */
export interface SpanSoftmaxAttrs {
  offsets: number[];
  widths: number[];
  log: boolean;
  [key: string]: number[] | boolean;
}

/** A row's spans, as the kernels take them. */
export interface ColumnSpans {
  offsets: number[];
  widths: number[];
  /** Columns of a row, spans or not. */
  columns: number;
}

export function columnSpans(
  spans: readonly { offset: number; width: number }[],
  columns: number,
): ColumnSpans {
  return { offsets: spans.map((s) => s.offset), widths: spans.map((s) => s.width), columns };
}

/** Softmax (or log-softmax) of x within each span, 0 outside the spans. */
export function spanSoftmax(x: tf.Tensor2D, spans: ColumnSpans, log = false): tf.Tensor2D {
  const attrs: SpanSoftmaxAttrs = { offsets: spans.offsets, widths: spans.widths, log };
  if (hasKernel(SPAN_SOFTMAX_KERNEL))
    return tf.engine().runKernel(SPAN_SOFTMAX_KERNEL, { x }, attrs) as tf.Tensor2D;
  return tf.tidy(() => {
    const grid = toGrid(x, spans, -1e9);
    return fromGrid(log ? tf.logSoftmax(grid) : tf.softmax(grid), spans);
  });
}

/**
 * ∂loss/∂x from y = spanSoftmax(x) and ∂loss/∂y: y ⊙ (∂y − Σ_span ∂y ⊙ y), or for log-softmax
 * ∂y − exp(y) ⊙ Σ_span ∂y; 0 outside the spans.
 */
export function spanSoftmaxGrad(
  y: tf.Tensor2D,
  dy: tf.Tensor2D,
  spans: ColumnSpans,
  log = false,
): tf.Tensor2D {
  const attrs: SpanSoftmaxAttrs = { offsets: spans.offsets, widths: spans.widths, log };
  if (hasKernel(SPAN_SOFTMAX_GRAD_KERNEL)) {
    return tf.engine().runKernel(SPAN_SOFTMAX_GRAD_KERNEL, { y, dy }, attrs) as tf.Tensor2D;
  }
  return tf.tidy(() => {
    const yGrid = toGrid(y, spans, log ? -1e9 : 0);
    const dyGrid = toGrid(dy, spans, 0);
    const dx = log
      ? tf.sub(dyGrid, tf.mul(tf.exp(yGrid), tf.sum(dyGrid, 2, true)))
      : tf.mul(yGrid, tf.sub(dyGrid, tf.sum(tf.mul(dyGrid, yGrid), 2, true)));
    return fromGrid(dx as tf.Tensor3D, spans);
  });
}

const hasKernel = (name: string) => tf.getKernel(name, tf.getBackend()) !== undefined;

/** The widest span's width, and for each grid cell the column it reads (-1 for padding). */
function gridLayout(spans: ColumnSpans): { width: number; cells: Int32Array } {
  const width = Math.max(1, ...spans.widths);
  const cells = new Int32Array(spans.offsets.length * width).fill(-1);
  spans.offsets.forEach((offset, i) => {
    for (let j = 0; j < spans.widths[i]!; j++) cells[i * width + j] = offset + j;
  });
  return { width, cells };
}

/** [rows × columns] as [rows × spans × widest], padding cells set to `padding`. */
function toGrid(x: tf.Tensor2D, spans: ColumnSpans, padding: number): tf.Tensor3D {
  const { width, cells } = gridLayout(spans);
  const index = tf.tensor1d(
    cells.map((c) => Math.max(c, 0)),
    'int32',
  );
  const isPadding = tf.tensor1d(Float32Array.from(cells, (c) => (c < 0 ? 1 : 0)));
  const gathered = tf.gather(x, index, 1);
  const padded = tf.add(tf.mul(gathered, tf.sub(1, isPadding)), tf.mul(isPadding, padding));
  return tf.reshape(padded, [x.shape[0], spans.offsets.length, width]);
}

/** Grid cells back to their columns; columns outside every span become 0. */
function fromGrid(grid: tf.Tensor3D, spans: ColumnSpans): tf.Tensor2D {
  const { cells } = gridLayout(spans);
  const cellOf = new Int32Array(spans.columns);
  const inSpan = new Float32Array(spans.columns);
  cells.forEach((column, cell) => {
    if (column >= 0) {
      cellOf[column] = cell;
      inSpan[column] = 1;
    }
  });
  const flat = tf.reshape(grid, [grid.shape[0], -1]);
  return tf.mul(tf.gather(flat, tf.tensor1d(cellOf, 'int32'), 1), tf.tensor1d(inSpan)) as tf.Tensor2D;
}

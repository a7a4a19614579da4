import * as tf from '../../nn/tf';

/**
 * One-hot spans of different widths laid out as a [spans × width] grid, so a softmax over every span is
 * one gather, one softmax and one gather back instead of a slice, a softmax and a concat per span (which
 * dominate a step's time on the wasm backend: a table like Adult has 30-odd spans). Padding cells read
 * from a column of very negative logits, so they take no probability.
 */
export interface SpanGrid {
  spans: number;
  width: number;
  /** For each grid cell, the source column it reads (0 for padding cells). */
  gather: Int32Array;
  /** For each source column, the grid cell it reads back (0 for columns outside every span). */
  scatter: Int32Array;
  /** 1 for real cells / padding cells / columns inside a span. */
  cellMask: Float32Array;
  paddingMask: Float32Array;
  columnMask: Float32Array;
}

const PADDING = -1e9;

export function spanGrid(spans: readonly { offset: number; width: number }[], columns: number): SpanGrid {
  const width = Math.max(1, ...spans.map((s) => s.width));
  const cells = spans.length * width;
  const grid: SpanGrid = {
    spans: spans.length,
    width,
    gather: new Int32Array(cells),
    scatter: new Int32Array(columns),
    cellMask: new Float32Array(cells),
    paddingMask: new Float32Array(cells).fill(1),
    columnMask: new Float32Array(columns),
  };
  spans.forEach((span, i) => {
    for (let j = 0; j < span.width; j++) {
      const cell = i * width + j;
      grid.gather[cell] = span.offset + j;
      grid.scatter[span.offset + j] = cell;
      grid.cellMask[cell] = 1;
      grid.paddingMask[cell] = 0;
      grid.columnMask[span.offset + j] = 1;
    }
  });
  return grid;
}

/**
 * `x` ([rows × columns]) arranged as [rows × spans × width], padding cells filled with `padding`. The
 * two arrangements are gathers of each other, so each is the other's gradient: written as custom
 * gradients because tfjs's gather gradient needs UnsortedSegmentSum, which the wasm backend lacks.
 */
export function toGrid(x: tf.Tensor2D, grid: SpanGrid, padding = PADDING): tf.Tensor3D {
  const arrange = tf.customGrad((...[input]: (tf.Tensor | tf.GradSaveFunc)[]) => ({
    value: gatherGrid(input as tf.Tensor2D, grid, padding) as tf.Tensor,
    gradFunc: (dy: tf.Tensor) => gatherColumns(dy as tf.Tensor3D, grid) as tf.Tensor,
  }));
  return arrange(x) as tf.Tensor3D;
}

/** Grid cells back to source columns; columns outside every span become 0. */
export function fromGrid(cells: tf.Tensor3D, grid: SpanGrid): tf.Tensor2D {
  const arrange = tf.customGrad((...[input]: (tf.Tensor | tf.GradSaveFunc)[]) => ({
    value: gatherColumns(input as tf.Tensor3D, grid) as tf.Tensor,
    gradFunc: (dy: tf.Tensor) => gatherGrid(dy as tf.Tensor2D, grid, 0) as tf.Tensor,
  }));
  return arrange(cells) as tf.Tensor2D;
}

// Padding cells read column 0 and are then overwritten through masks: cheaper than a concatenated
// padding column on the wasm backend.
function gatherGrid(x: tf.Tensor2D, grid: SpanGrid, padding: number): tf.Tensor3D {
  const rows = x.shape[0];
  const cells = tf.mul(tf.gather(x, tf.tensor1d(grid.gather, 'int32'), 1), grid.cellMask);
  const padded = padding === 0 ? cells : tf.add(cells, tf.mul(grid.paddingMask, padding));
  return tf.reshape(padded, [rows, grid.spans, grid.width]);
}

function gatherColumns(cells: tf.Tensor3D, grid: SpanGrid): tf.Tensor2D {
  const rows = cells.shape[0];
  const flat = tf.reshape(cells, [rows, grid.spans * grid.width]);
  return tf.mul(tf.gather(flat, tf.tensor1d(grid.scatter, 'int32'), 1), grid.columnMask) as tf.Tensor2D;
}

import type { ImageCodec } from '../../../models/tablegan/imageCodec';
import type { ImageIdea, RowImage } from '../../../worker/ideaProtocol';
import type { SnapshotInfo } from '../../../worker/verdictProtocol';

/** Rows a side: enough to compare, few enough to read each cell from the back of a room. */
export const IMAGE_ROWS = 6;

/** Whether a run's codec lays rows out as table-GAN's images. */
export function isImageCodec(codec: object): codec is ImageCodec {
  return 'layout' in codec;
}

/** What each of the image's side² cells holds: the codec's layout, read once. */
export function imageCells(codec: ImageCodec): ImageIdea['cells'] {
  const { layout } = codec;
  const cells: ImageIdea['cells'] = Array.from({ length: layout.side * layout.side }, () => ({
    label: 'padding (always 0 in real rows)',
    role: 'padding' as const,
  }));
  layout.columns.forEach((c, i) => {
    const name = codec.outputColumns[i]!;
    cells[c.cell] = { label: name, role: i === layout.targetIndex ? 'target' : 'value' };
    if (c.kind === 'numeric' && c.missingCell !== null)
      cells[c.missingCell] = { label: `${name} missing?`, role: 'missing' };
  });
  return cells;
}

/**
 * table-GAN's idea: a row is a d×d one-channel image (its codec's encoding, the model's input as is).
 * `realImages`: encoded training rows (row-major images); `generated`: the fixed batch of a snapshot.
 * The first IMAGE_ROWS of each are shown, each image beside the row it decodes to.
 */
export function imageIdea(
  codec: ImageCodec,
  snapshot: SnapshotInfo,
  realImages: Float32Array,
  generated: Float32Array,
): ImageIdea {
  const rows = (images: Float32Array): RowImage[] => {
    const width = codec.featureWidth;
    const count = Math.min(IMAGE_ROWS, images.length / width);
    const values = images.slice(0, count * width);
    const cells = codec.decodeRows(values, new Float32Array(0));
    return cells.map((row, r) => ({ values: values.slice(r * width, (r + 1) * width), cells: row }));
  };
  return {
    kind: 'image',
    snapshot,
    side: codec.layout.side,
    cells: imageCells(codec),
    columns: [...codec.outputColumns],
    real: rows(realImages),
    generated: rows(generated),
  };
}

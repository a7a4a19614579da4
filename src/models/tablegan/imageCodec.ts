import type { Schema } from '../../data/schema';
import type { Cell, RawTable } from '../../data/table';
import type { TableCodec } from '../../encoding/codec';
import { formatNumber, type EncodedRows } from '../../encoding/encoder';
import {
  imageLayout,
  nearestIndex,
  scaleIndex,
  scaleNumber,
  unscaleNumber,
  type CellColumn,
  type ImageLayout,
} from './layout';

/**
 * table-GAN's encoding: each row label-encoded, min–max scaled to [−1, 1], padded with zeros to d·d
 * cells; the model reshapes the d·d values to a d×d one-channel image. `features` holds the whole
 * image, target cell included: the generator writes the target like any other cell, and the
 * classifier reads its answer key from that cell. So there are no conditions (width 0): nothing that
 * pairs rows with conditions (the verdict maps, the nearest real row) sees anything but the image.
 * Decoding reads every column, the target too, from the image: categories by the nearest label index,
 * numbers rounded and clamped like the source column.
 */
export interface ImageCodec extends TableCodec {
  readonly layout: ImageLayout;
}

export function fitImageCodec(raw: RawTable, schema: Schema): ImageCodec {
  const layout = imageLayout(schema.columns, schema.target);
  const featureWidth = layout.side * layout.side;
  const targetColumn = layout.columns[layout.targetIndex]!;
  const levelIndex = new Map<CellColumn, Map<string, number>>(
    layout.columns.flatMap((c) =>
      c.kind === 'categorical' ? [[c, new Map(c.levels.map((level, i) => [level, i]))]] : [],
    ),
  );

  const encodeRows = (table: RawTable): EncodedRows => {
    const kept = table.rows.filter((row) => row[targetColumn.column] != null);
    const features = new Float32Array(kept.length * featureWidth);
    kept.forEach((row, r) => {
      const image = r * featureWidth;
      for (const c of layout.columns) {
        const cell = row[c.column] ?? null;
        const value = encodeCell(c, cell, levelIndex.get(c));
        features[image + c.cell] = value;
        if (c.kind === 'numeric' && c.missingCell !== null) {
          features[image + c.missingCell] = cell == null ? 1 : -1;
        }
      }
    });
    return { count: kept.length, features, conditions: new Float32Array(0) };
  };

  const decodeRows = (features: Float32Array): Cell[][] => {
    const count = features.length / featureWidth;
    const rows: Cell[][] = [];
    for (let r = 0; r < count; r++) {
      const image = r * featureWidth;
      rows.push(layout.columns.map((c) => decodeCell(c, features, image)));
    }
    return rows;
  };

  return {
    layout,
    featureWidth,
    conditionWidth: 0,
    outputColumns: layout.columns.map((c) => raw.columns[c.column]!),
    missingMarker: raw.missingMarker,
    encodeRows,
    decodeRows,
  };
}

function encodeCell(c: CellColumn, cell: Cell, levels: Map<string, number> | undefined): number {
  if (c.kind === 'numeric') {
    // A gap's value cell holds the middle of the range; its flag cell says it is missing.
    return cell == null ? 0 : scaleNumber(Number(cell), c.source);
  }
  const index = cell == null ? c.levels.length : levels?.get(cell);
  if (index === undefined) throw new Error(`Value "${cell}" is not a known level of column ${c.column}.`);
  return scaleIndex(index, c.levels.length + (c.hasMissing ? 1 : 0));
}

function decodeCell(c: CellColumn, features: Float32Array, image: number): Cell {
  const value = features[image + c.cell]!;
  if (c.kind === 'numeric') {
    if (c.missingCell !== null && features[image + c.missingCell]! > 0) return null;
    return formatNumber(unscaleNumber(value, c.source), c.source);
  }
  const index = nearestIndex(value, c.levels.length + (c.hasMissing ? 1 : 0));
  return index < c.levels.length ? c.levels[index]! : null;
}

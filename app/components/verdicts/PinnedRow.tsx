import { DataTable } from '../DataTable';
import { ROLE_LABELS, type VerdictMapData } from './mapModel';

interface Props {
  map: VerdictMapData;
  index: number;
  onUnpin: () => void;
}

/** A clicked point's row beside its nearest real row (among all training rows, in encoded space). */
export function PinnedRow({ map, index, onUnpin }: Props) {
  const { sample } = map;
  const role = sample.roles[index]!;
  const near = sample.nearest[index];
  const rows = near ? [sample.cells[index]!, near.cells] : [sample.cells[index]!];
  return (
    <div className="pinned-row">
      <div className="row">
        <strong>
          Pinned: {ROLE_LABELS[role].toLowerCase()} row, score {sample.scores[index]!.toFixed(3)}
          {near && `; nearest real row at distance ${near.distance.toFixed(3)}`}
        </strong>
        <button type="button" onClick={onUnpin}>
          Unpin
        </button>
      </div>
      <DataTable
        label="Pinned row"
        columns={['', ...sample.columns]}
        rows={rows.map((cells, i) => [i === 0 ? ROLE_LABELS[role] : 'Nearest real', ...cells])}
        missing="·"
      />
    </div>
  );
}

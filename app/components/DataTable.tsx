import type { Cell } from '../../src/api';

interface Props {
  label: string;
  columns: string[];
  rows: Cell[][];
  /** Shown for a missing cell. */
  missing?: string;
}

/** A plain, scrollable table of text cells with an accessible name. */
export function DataTable({ label, columns, rows, missing = '' }: Props) {
  return (
    <div className="table-scroll">
      <table aria-label={label}>
        <thead>
          <tr>
            {columns.map((name) => (
              <th key={name} scope="col">
                {name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, r) => (
            <tr key={r}>
              {row.map((cell, c) => (
                <td key={c} className={cell == null ? 'missing' : undefined}>
                  {cell ?? missing}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

import type { BarRows } from '../../../src/api';
import { GENERATED_COLOUR, REAL_COLOUR } from './ColumnViews';

/**
 * The rows behind a clicked bar: real training rows, then generated rows of the fixed batch, that fall
 * in it, in one small table (the side first), with how many fall there in all.
 */
export function BarRowsTable({ rows, onClose }: { rows: BarRows | string | null; onClose: () => void }) {
  if (rows === null) return <p className="hint">Finding the rows…</p>;
  if (typeof rows === 'string') return <p className="error">{rows}</p>;
  const count = (shown: number, total: number) =>
    shown === total ? total.toLocaleString('en') : `${shown} of ${total.toLocaleString('en')}`;
  const body = (side: 'real' | 'generated', list: BarRows['real']) =>
    list.map((row, r) => (
      <tr key={`${side}-${r}`} className={side}>
        <th scope="row">
          <span
            className="key"
            style={{ background: side === 'real' ? REAL_COLOUR : GENERATED_COLOUR }}
            aria-hidden="true"
          />{' '}
          {side}
        </th>
        {row.map((cell, c) => (
          <td key={c} className={c === rows.columns.indexOf(rows.column) ? 'bar-cell' : undefined}>
            {cell ?? '—'}
          </td>
        ))}
      </tr>
    ));
  return (
    <section
      className="bar-rows"
      aria-label={`Rows in ${rows.column} ${rows.bin}`}
      data-step={rows.snapshot.step}
    >
      <header>
        <p>
          <strong>
            {rows.column}: {rows.bin}
          </strong>{' '}
          · {count(rows.real.length, rows.realTotal)} real rows ·{' '}
          {count(rows.generated.length, rows.generatedTotal)} generated rows (step{' '}
          {rows.snapshot.step.toLocaleString('en')})
        </p>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </header>
      <div className="bar-rows-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">Side</th>
              {rows.columns.map((name) => (
                <th key={name} scope="col">
                  {name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {body('real', rows.real)}
            {body('generated', rows.generated)}
          </tbody>
        </table>
      </div>
    </section>
  );
}

import type { Result, TableView } from '../../src/api';
import type { Engine } from '../engineClient';
import { Field } from './Field';

/** The choices offered; the engine accepts 5% to 50%. */
const SHARES = [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5];

/** What a control that changes the loaded table gets: the engine, the table, and where its reply goes. */
export interface TableControlProps {
  engine: Engine | null;
  table: TableView;
  apply: (result: Result<TableView>) => void;
  hasRun: boolean;
}

/** How many real rows are held out from every generator, and the control to change the share. */
export function HoldoutField({ engine, table, apply, hasRun }: TableControlProps) {
  const { rows, share } = table.holdout;
  return (
    <div className="row holdout">
      <Field label="Held-out share">
        {(id) => (
          <select
            id={id}
            value={share}
            disabled={!engine}
            onChange={async (e) => engine && apply(await engine.setHoldoutShare(Number(e.target.value)))}
          >
            {SHARES.map((s) => (
              <option key={s} value={s}>
                {Math.round(s * 100)}%
              </option>
            ))}
          </select>
        )}
      </Field>
      <p className="hint" aria-live="polite">
        Held out: {rows.toLocaleString('en')} of {table.rowCount.toLocaleString('en')} rows (
        {Math.round(share * 100)}
        %), stratified on the target. No generator sees them; the report tests on them.
        {hasRun && ' Changing the share starts training afresh.'}
      </p>
    </div>
  );
}

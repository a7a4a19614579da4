import { memo } from 'react';
import { describeModel, type TableView, type TrainingSettings } from '../../../src/api';
import { ReadingLine } from '../ReadingBar';

interface Props {
  table: TableView;
  settings: TrainingSettings;
  shown: boolean;
  onToggle: () => void;
  /** A file being read: its bar shows here while the forms (and the Data panel's bar) are folded. */
  reading: { name: string } | null;
}

/**
 * The data and model forms folded to one line, so the watching screen fits a projector; one click
 * unfolds them (the long page, for analysts).
 */
export const FormsBar = memo(function FormsBar({ table, settings, shown, onToggle, reading }: Props) {
  const target = table.columns[table.target]?.name ?? '–';
  return (
    <div className="forms-bar">
      <span>
        <strong>Data</strong> {table.name}, {table.rowCount.toLocaleString('en')} rows, target {target}
      </span>
      <span>
        <strong>Model</strong> {describeModel(settings.model)?.label}, {settings.epochs} epochs, seed{' '}
        {settings.seed}
      </span>
      {reading && !shown && <ReadingLine name={reading.name} />}
      <button type="button" aria-expanded={shown} aria-controls="forms" onClick={onToggle}>
        {shown ? 'Hide data and settings' : 'Show data and settings'}
      </button>
    </div>
  );
});

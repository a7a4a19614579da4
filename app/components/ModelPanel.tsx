import { memo } from 'react';
import {
  allFields,
  MODEL_DESCRIPTIONS,
  settingsProblems,
  switchModel,
  withValueAt,
  type ModelDescription,
  type ModelId,
  type TableView,
  type TrainingSettings,
} from '../../src/api';
import type { Engine } from '../engineClient';
import { Field } from './Field';
import { PythonExport } from './PythonExport';
import { PrivacyFields } from './PrivacyFields';
import { SettingControl } from './SettingControl';

interface Props {
  engine: Engine | null;
  settings: TrainingSettings;
  onChange: (settings: TrainingSettings) => void;
  /** Another model chosen: the page derives its settings for the table (without a table, its defaults). */
  onModel?: (model: ModelId) => void;
  /** Why a setting has its derived value, by field path ('model' for the choice of model). */
  reasons?: Record<string, string>;
  /** A model exists: only the live settings (learning rates, λ) can change until Reset. */
  locked: boolean;
  /** The loaded table, for settings that depend on its shape (table-GAN's image size). */
  table: TableView | null;
  /** The families to choose from: the engine's own, unless a test brings one. */
  models?: readonly ModelDescription[];
}

/**
 * The chooser and the chosen model's settings, drawn from its description (src/models/<family>/). Drawn
 * again only when its props change: not at the training's progress events, folded or not.
 */
export const ModelPanel = memo(function ModelPanel({
  engine,
  settings,
  onChange,
  onModel,
  reasons = {},
  locked,
  table,
  models = MODEL_DESCRIPTIONS,
}: Props) {
  const model = models.find((m) => m.id === settings.model)!;
  const problems = settingsProblems(settings, model);
  const note = table && model.tableNote?.(table.columns, table.target);

  return (
    <section className="panel" aria-labelledby="model-heading">
      <h2 id="model-heading">Model</h2>
      <Field label="Model" hint={model.description}>
        {(id) => (
          <select
            id={id}
            value={settings.model}
            disabled={locked}
            onChange={(e) => {
              const id = e.target.value as ModelId;
              if (onModel && table) onModel(id);
              else onChange(switchModel(settings, id));
            }}
          >
            {models.map((m) => (
              <option key={m.id} value={m.id}>
                {m.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      {reasons.model && (
        <p className="hint" aria-label="Why this model">
          {reasons.model}
        </p>
      )}
      <div className="fields">
        {allFields(model).map((field) => (
          <SettingControl
            key={field.path}
            field={field}
            settings={settings}
            reason={reasons[field.path]}
            disabled={locked && !field.live}
            onValue={(value) => {
              const next = withValueAt(settings, field.path, value);
              onChange(next);
              // A live setting reaches the running model at its next step.
              if (locked && field.live && settingsProblems(next, model).length === 0)
                void engine?.updateSettings(next);
            }}
          />
        ))}
      </div>
      {model.differentialPrivacy && (
        <PrivacyFields
          settings={settings}
          support={model.differentialPrivacy}
          trainingRows={table && table.rowCount - table.holdout.rows}
          disabled={locked}
          onChange={onChange}
        />
      )}
      {note && <p className="hint">{note}</p>}
      {locked && <p className="hint">Press Reset to change the model's shape, epochs or seed.</p>}
      {problems.map((p) => (
        <p key={p} className="warning">
          {p}
        </p>
      ))}
      <PythonExport table={table} settings={settings} />
    </section>
  );
});

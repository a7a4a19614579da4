import { MODELS } from '../../src/models/catalog';
import type { ModelId, TrainingSettings } from '../../src/models/settings';
import { settingsProblems, switchModel } from '../../src/models/settings';
import { CtganFields } from './CtganFields';
import { FeedbackFields } from './FeedbackFields';
import { TableganFields } from './TableganFields';
import type { TableView } from '../../src/worker/protocol';
import type { Engine } from '../engineClient';
import { Field, NUMBER_LIST, NumberField, ONE_NUMBER } from './Field';

interface Props {
  engine: Engine | null;
  settings: TrainingSettings;
  onChange: (settings: TrainingSettings) => void;
  /** A model exists: only the live settings (learning rates) can change until Reset. */
  locked: boolean;
  /** The loaded table, for settings that depend on its shape (table-GAN's image size). */
  table: TableView | null;
}

export function ModelPanel({ engine, settings, onChange, locked, table }: Props) {
  const set = <K extends keyof TrainingSettings>(key: K, value: TrainingSettings[K]) =>
    onChange({ ...settings, [key]: value });
  const setRate = (who: 'generator' | 'discriminator', rate: number) => {
    const learningRates = { ...settings.learningRates, [who]: rate };
    onChange({ ...settings, learningRates });
    // Learning rates apply to a running model at its next step.
    if (locked && rate > 0) void engine?.setLearningRates(learningRates);
  };
  const model = MODELS.find((m) => m.id === settings.model);
  const problems = settingsProblems(settings);

  const numberField = (label: string, key: 'epochs' | 'batchSize' | 'noiseSize' | 'seed', hint: string) => (
    <NumberField
      label={label}
      hint={hint}
      value={settings[key]}
      {...ONE_NUMBER}
      onValue={(v) => set(key, v)}
      disabled={locked}
    />
  );

  return (
    <section className="panel" aria-labelledby="model-heading">
      <h2 id="model-heading">Model</h2>
      <Field label="Model" hint={model?.description}>
        {(id) => (
          <select
            id={id}
            value={settings.model}
            disabled={locked}
            onChange={(e) => onChange(switchModel(settings, e.target.value as ModelId))}
          >
            {MODELS.map((m) => (
              <option key={m.id} value={m.id}>
                {m.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="fields">
        {numberField('Epochs', 'epochs', 'Passes over the table.')}
        {numberField('Batch size', 'batchSize', 'Rows per training step.')}
        <NumberField
          label="Generator learning rate"
          hint="Adam step size; changes apply live."
          value={settings.learningRates.generator}
          {...ONE_NUMBER}
          onValue={(v) => setRate('generator', v)}
        />
        <NumberField
          label="Discriminator learning rate"
          hint="Adam step size; changes apply live."
          value={settings.learningRates.discriminator}
          {...ONE_NUMBER}
          onValue={(v) => setRate('discriminator', v)}
        />
        {numberField('Noise size', 'noiseSize', 'Random inputs to the generator.')}
        {(settings.model === 'cgan' || settings.model === 'dsfgan') && (
          <NumberField
            label="Hidden sizes"
            hint="Units per hidden layer, e.g. 64, 64."
            value={settings.hiddenSizes}
            {...NUMBER_LIST}
            onValue={(v) => onChange({ ...settings, hiddenSizes: v })}
            disabled={locked}
          />
        )}
        {settings.model !== 'tablegan' && (
          <NumberField
            label="Dropout"
            hint="Share of hidden units dropped while training."
            value={settings.dropout}
            {...ONE_NUMBER}
            onValue={(v) => onChange({ ...settings, dropout: v })}
            disabled={locked}
          />
        )}
        {settings.model === 'dsfgan' && (
          <FeedbackFields engine={engine} settings={settings} onChange={onChange} locked={locked} />
        )}
        {settings.model === 'ctgan' && (
          <CtganFields settings={settings} onChange={onChange} locked={locked} />
        )}
        {settings.model === 'tablegan' && (
          <TableganFields settings={settings} onChange={onChange} locked={locked} table={table} />
        )}
        {numberField('Seed', 'seed', 'Same seed, same settings, same run.')}
      </div>
      {locked && <p className="hint">Press Reset to change the model's shape, epochs or seed.</p>}
      {problems.map((p) => (
        <p key={p} className="warning">
          {p}
        </p>
      ))}
    </section>
  );
}

import type { CtganTrainingSettings } from '../../src/models/settings';
import { CriticField } from './CriticField';
import { Field, NUMBER_LIST, NumberField, ONE_NUMBER } from './Field';

interface Props {
  settings: CtganTrainingSettings;
  onChange: (settings: CtganTrainingSettings) => void;
  locked: boolean;
}

/** The settings only the CTGAN-style model has, shown when it is chosen. */
export function CtganFields({ settings, onChange, locked }: Props) {
  const set = <K extends keyof CtganTrainingSettings>(key: K, value: CtganTrainingSettings[K]) =>
    onChange({ ...settings, [key]: value });

  return (
    <>
      <Field label="Numeric encoding" hint="Modes: a Gaussian mixture per number column, as CTGAN does.">
        {(id) => (
          <select
            id={id}
            value={settings.numericEncoding}
            disabled={locked}
            onChange={(e) => set('numericEncoding', e.target.value === 'standard' ? 'standard' : 'modes')}
          >
            <option value="modes">Mode-specific</option>
            <option value="standard">Standardised (z-score)</option>
          </select>
        )}
      </Field>
      <CriticField
        value={settings.critic}
        onChange={(critic) => set('critic', critic)}
        disabled={locked}
        hint="Wasserstein with gradient penalty (CTGAN), or a classic discriminator."
      />
      <NumberField
        label="Pac"
        hint="Rows the critic judges together; batch size must be a multiple."
        value={settings.pac}
        {...ONE_NUMBER}
        onValue={(v) => set('pac', v)}
        disabled={locked}
      />
      <NumberField
        label="Gumbel τ"
        hint="Softness of generated one-hots; lower is closer to discrete."
        value={settings.gumbelTau}
        {...ONE_NUMBER}
        onValue={(v) => set('gumbelTau', v)}
        disabled={locked}
      />
      <NumberField
        label="Generator sizes"
        hint="Units per residual block, e.g. 256, 256."
        value={settings.generatorSizes}
        {...NUMBER_LIST}
        onValue={(v) => set('generatorSizes', v)}
        disabled={locked}
      />
      <NumberField
        label="Critic sizes"
        hint="Units per critic layer, e.g. 256, 256."
        value={settings.criticSizes}
        {...NUMBER_LIST}
        onValue={(v) => set('criticSizes', v)}
        disabled={locked}
      />
    </>
  );
}

import type { CriticLoss, CtganTrainingSettings } from '../../src/engine/settings';
import { Field, NumberInput, parseNumber, parseNumberList } from './Field';

interface Props {
  settings: CtganTrainingSettings;
  onChange: (settings: CtganTrainingSettings) => void;
  locked: boolean;
}

const show = (n: number) => String(n);
const showList = (list: number[]) => list.join(', ');

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
      <Field label="Critic" hint="Wasserstein with gradient penalty (CTGAN), or a classic discriminator.">
        {(id) => (
          <select
            id={id}
            value={settings.critic}
            disabled={locked}
            onChange={(e) => set('critic', e.target.value as CriticLoss)}
          >
            <option value="wgan-gp">Wasserstein + gradient penalty</option>
            <option value="cross-entropy">Cross-entropy</option>
          </select>
        )}
      </Field>
      <Field label="Pac" hint="Rows the critic judges together; batch size must be a multiple.">
        {(id) => (
          <NumberInput
            id={id}
            value={settings.pac}
            format={show}
            parse={parseNumber}
            onValue={(v) => set('pac', v)}
            disabled={locked}
          />
        )}
      </Field>
      <Field label="Gumbel τ" hint="Softness of generated one-hots; lower is closer to discrete.">
        {(id) => (
          <NumberInput
            id={id}
            value={settings.gumbelTau}
            format={show}
            parse={parseNumber}
            onValue={(v) => set('gumbelTau', v)}
            disabled={locked}
          />
        )}
      </Field>
      <Field label="Generator sizes" hint="Units per residual block, e.g. 256, 256.">
        {(id) => (
          <NumberInput
            id={id}
            value={settings.generatorSizes}
            format={showList}
            parse={parseNumberList}
            onValue={(v) => set('generatorSizes', v)}
            disabled={locked}
          />
        )}
      </Field>
      <Field label="Critic sizes" hint="Units per critic layer, e.g. 256, 256.">
        {(id) => (
          <NumberInput
            id={id}
            value={settings.criticSizes}
            format={showList}
            parse={parseNumberList}
            onValue={(v) => set('criticSizes', v)}
            disabled={locked}
          />
        )}
      </Field>
    </>
  );
}

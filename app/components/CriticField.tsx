import type { CriticLoss } from '../../src/models/settings';
import { Field } from './Field';

/** The critic's loss, for the models that offer both (CTGAN-style and table-GAN). */
export function CriticField({
  value,
  onChange,
  disabled,
  hint,
}: {
  value: CriticLoss;
  onChange: (critic: CriticLoss) => void;
  disabled: boolean;
  /** Which one the model's paper used. */
  hint: string;
}) {
  return (
    <Field label="Critic" hint={hint}>
      {(id) => (
        <select
          id={id}
          value={value}
          disabled={disabled}
          onChange={(e) => onChange(e.target.value as CriticLoss)}
        >
          <option value="wgan-gp">Wasserstein + gradient penalty</option>
          <option value="cross-entropy">Cross-entropy</option>
        </select>
      )}
    </Field>
  );
}

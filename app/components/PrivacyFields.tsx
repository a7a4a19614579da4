import { useState } from 'react';
import {
  DEFAULT_PRIVACY,
  defaultDelta,
  formatDelta,
  GUARANTEE_SCOPE,
  READ_OUTSIDE_BUDGET,
  type PrivacySettings,
  type PrivacySupport,
  type TrainingSettings,
  withPrivacy,
} from '../../src/api';
import { Field, NumberField, ONE_NUMBER } from './Field';

interface Props {
  settings: TrainingSettings;
  /** How the chosen family trains privately (its description's `differentialPrivacy`). */
  support: PrivacySupport;
  /** Rows the generator trains on: δ's default is below one over them. */
  trainingRows: number | null;
  disabled: boolean;
  onChange: (settings: TrainingSettings) => void;
}

/**
 * The "Differential privacy" switch and its budget: a target ε (σ chosen to spend it over the planned
 * steps) or a noise multiplier σ, δ, and the clip norm C. Below them, what DP changes in this family
 * and which statistics preprocessing reads without a privacy cost.
 */
export function PrivacyFields({ settings, support, trainingRows, disabled, onChange }: Props) {
  const dp = settings.differentialPrivacy;
  // What the user set last, so turning the switch off and on again keeps it.
  const [kept, setKept] = useState<PrivacySettings>(dp ?? DEFAULT_PRIVACY);
  const set = (next: PrivacySettings | undefined) => {
    if (next) setKept(next);
    onChange(next ? withPrivacy(settings, next) : { ...settings, differentialPrivacy: undefined });
  };
  const shownDelta = trainingRows !== null ? defaultDelta(trainingRows) : null;

  return (
    <fieldset className="privacy-fields">
      <legend>
        <label>
          <input
            type="checkbox"
            checked={dp !== undefined}
            disabled={disabled}
            onChange={(e) => set(e.target.checked ? kept : undefined)}
          />{' '}
          Differential privacy
        </label>
      </legend>
      {!dp && (
        <p className="hint">
          Off. On, the discriminator trains with DP-SGD and the run stops when its (ε, δ) budget is spent.
        </p>
      )}
      {dp && (
        <>
          <div className="fields">
            <Field label="Budget" hint="A target ε (σ follows), or a noise multiplier σ (ε follows).">
              {(id) => (
                <select
                  id={id}
                  value={dp.budget.kind}
                  disabled={disabled}
                  onChange={(e) =>
                    set({
                      ...dp,
                      budget:
                        e.target.value === 'noise'
                          ? { kind: 'noise', noiseMultiplier: 1 }
                          : DEFAULT_PRIVACY.budget,
                    })
                  }
                >
                  <option value="epsilon">Target ε</option>
                  <option value="noise">Noise multiplier σ</option>
                </select>
              )}
            </Field>
            {dp.budget.kind === 'epsilon' ? (
              <NumberField
                label="Target ε"
                hint="Spent by the last planned step; smaller is more private."
                value={dp.budget.epsilon}
                {...ONE_NUMBER}
                disabled={disabled}
                onValue={(epsilon) => set({ ...dp, budget: { kind: 'epsilon', epsilon } })}
              />
            ) : (
              <NumberField
                label="Noise multiplier σ"
                hint="Noise standard deviation ÷ clip norm; larger is more private."
                value={dp.budget.noiseMultiplier}
                {...ONE_NUMBER}
                disabled={disabled}
                onValue={(noiseMultiplier) => set({ ...dp, budget: { kind: 'noise', noiseMultiplier } })}
              />
            )}
            <NumberField
              label="δ"
              hint={
                shownDelta !== null
                  ? `Default ${formatDelta(shownDelta)}: the largest power of ten below 1 / ${trainingRows!.toLocaleString('en')} training rows.`
                  : 'Default: the largest power of ten below 1 / training rows.'
              }
              value={dp.delta ?? shownDelta ?? 1e-5}
              format={formatDelta}
              parse={ONE_NUMBER.parse}
              disabled={disabled}
              onValue={(delta) => set({ ...dp, delta })}
            />
            <NumberField
              label="Clip norm C"
              hint="Each real row's gradient is scaled to at most this norm."
              value={dp.clipNorm}
              {...ONE_NUMBER}
              disabled={disabled}
              onValue={(clipNorm) => set({ ...dp, clipNorm })}
            />
          </div>
          {dp.delta !== null && trainingRows !== null && dp.delta >= 1 / trainingRows && (
            <p className="warning">
              δ is at least 1 / {trainingRows.toLocaleString('en')} rows: a mechanism that publishes one row
              outright in full would meet it. Keep δ well below 1 / rows.
            </p>
          )}
          <details className="privacy-details" open>
            <summary>What the guarantee covers</summary>
            <ul>
              {support.notes.map((note) => (
                <li key={note}>{note}</li>
              ))}
            </ul>
            <p>
              <strong>Read without a privacy cost</strong>, once, before training:
            </p>
            <ul aria-label="Read without a privacy cost">
              {[...READ_OUTSIDE_BUDGET, ...support.readsOutsideBudget].map((item) => (
                <li key={item}>{item}</li>
              ))}
            </ul>
            <p>{GUARANTEE_SCOPE}</p>
          </details>
        </>
      )}
    </fieldset>
  );
}

import { CriticField } from './CriticField';
import { cellCount, imageSide } from '../../src/models/tablegan/layout';
import type { TableganTrainingSettings } from '../../src/models/settings';
import type { TableView } from '../../src/worker/protocol';
import { Field, NumberField, ONE_NUMBER } from './Field';

interface Props {
  settings: TableganTrainingSettings;
  onChange: (settings: TableganTrainingSettings) => void;
  locked: boolean;
  /** The loaded table, for the image size its rows take. */
  table: TableView | null;
}

/**
 * The privacy sliders' range. δ bounds the average gap per discriminator feature: trained on Adult
 * with δ = 0, about 0.02 for the means and 0.004 for the variances, so the loss acts only at small δ
 * and the step must be fine enough to reach them; the authors' "high privacy" was 0.2.
 */
const DELTA_MAX = 0.5;
const DELTA_STEP = 0.001;

/** The settings only table-GAN has, shown when it is chosen. */
export function TableganFields({ settings, onChange, locked, table }: Props) {
  const set = <K extends keyof TableganTrainingSettings>(key: K, value: TableganTrainingSettings[K]) =>
    onChange({ ...settings, [key]: value });
  const setDelta = (key: 'deltaMean' | 'deltaSd', value: number) =>
    set('privacy', { ...settings.privacy, [key]: value });
  const cells = table ? cellCount(table.columns, table.target) : null;

  const slider = (label: string, key: 'deltaMean' | 'deltaSd') => (
    <Field label={label}>
      {(id) => (
        <span className="slider">
          <input
            id={id}
            type="range"
            min={0}
            max={DELTA_MAX}
            step={DELTA_STEP}
            value={settings.privacy[key]}
            disabled={locked}
            onChange={(e) => setDelta(key, Number(e.target.value))}
          />
          <output htmlFor={id}>{settings.privacy[key].toFixed(3)}</output>
        </span>
      )}
    </Field>
  );

  return (
    <>
      <CriticField
        value={settings.critic}
        onChange={(critic) => set('critic', critic)}
        disabled={locked}
        hint="Cross-entropy as the paper, or Wasserstein with a gradient penalty."
      />
      <NumberField
        label="Filters"
        hint="In the first convolution; the second has twice as many."
        value={settings.channels}
        {...ONE_NUMBER}
        onValue={(v) => set('channels', v)}
        disabled={locked}
      />
      <NumberField
        label="Classifier learning rate"
        hint="Adam step size of the label classifier."
        value={settings.classifierLearningRate}
        {...ONE_NUMBER}
        onValue={(v) => set('classifierLearningRate', v)}
        disabled={locked}
      />
      {slider('δ mean (privacy)', 'deltaMean')}
      {slider('δ sd (privacy)', 'deltaSd')}
      <p className="hint">
        Larger δ = a looser copy of the real rows’ feature statistics, meant as more privacy, less fidelity;
        on Adult the change stayed within what two seeds differ by.
        {cells !== null &&
          ` Each row is a ${imageSide(cells)}×${imageSide(cells)} image (${cells} of ${imageSide(cells) ** 2} cells used).`}
      </p>
    </>
  );
}

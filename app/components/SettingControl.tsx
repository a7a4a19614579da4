import { valueAt, type SettingField } from '../../src/api';
import { Field, NUMBER_LIST, NumberField, ONE_NUMBER } from './Field';

interface Props {
  field: SettingField;
  settings: object;
  disabled: boolean;
  onValue: (value: unknown) => void;
  /** Why the value was derived from the table, shown under the help. */
  reason?: string;
}

/** One model setting, edited with the control its description names. */
export function SettingControl({ field, settings, disabled, onValue, reason }: Props) {
  const { control, label } = field;
  const help = reason ? `${field.help} Here: ${reason}` : field.help;
  const value = valueAt(settings, field.path);
  switch (control.kind) {
    case 'number':
      return (
        <NumberField
          label={label}
          hint={help}
          value={value as number}
          {...ONE_NUMBER}
          onValue={onValue}
          disabled={disabled}
        />
      );
    case 'layers':
      return (
        <NumberField
          label={label}
          hint={help}
          value={value as number[]}
          {...NUMBER_LIST}
          onValue={onValue}
          disabled={disabled}
        />
      );
    case 'choice':
      return (
        <Field label={label} hint={help}>
          {(id) => (
            <select
              id={id}
              value={String(value)}
              disabled={disabled}
              onChange={(e) => onValue(e.target.value)}
            >
              {control.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          )}
        </Field>
      );
    case 'slider':
      return (
        <Field label={label} hint={help}>
          {(id) => (
            <span className="slider">
              <input
                id={id}
                type="range"
                min={control.min}
                max={control.max}
                step={control.step}
                value={value as number}
                disabled={disabled}
                onChange={(e) => onValue(Number(e.target.value))}
              />
              <output htmlFor={id}>{(value as number).toFixed(control.digits)}</output>
            </span>
          )}
        </Field>
      );
  }
}

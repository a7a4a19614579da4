import { useId, useState, type ReactElement, type ReactNode } from 'react';

/** A label above a control, tied by id so assistive tech and tests find the control by its label. */
export function Field({
  label,
  hint,
  children,
}: {
  label: string;
  hint?: string;
  children: (id: string) => ReactElement;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(id)}
      {hint && <small>{hint}</small>}
    </div>
  );
}

/**
 * A text box for a number (or a list of numbers) that keeps what the user types, e.g. "1e-3" or
 * "64, 64", and reports a parsed value only when it parses. Invalid text is marked, not thrown away.
 */
interface NumberInputProps<T> {
  id: string;
  value: T;
  format: (value: T) => string;
  parse: (text: string) => T | null;
  onValue: (value: T) => void;
  disabled?: boolean;
}

export function NumberInput<T>({
  id,
  value,
  format,
  parse,
  onValue,
  disabled,
}: NumberInputProps<T>): ReactNode {
  const [text, setText] = useState(() => format(value));
  const [shown, setShown] = useState(value);
  // When the value changes from outside (a reset to defaults), show it.
  if (shown !== value) {
    setShown(value);
    if (parse(text) !== value) setText(format(value));
  }
  const invalid = parse(text) === null;
  return (
    <input
      id={id}
      inputMode="decimal"
      value={text}
      disabled={disabled}
      aria-invalid={invalid}
      onChange={(e) => {
        setText(e.target.value);
        const parsed = parse(e.target.value);
        if (parsed !== null) {
          setShown(parsed);
          onValue(parsed);
        }
      }}
    />
  );
}

/** A labelled NumberInput: the form most settings take. */
export function NumberField<T>({
  label,
  hint,
  ...input
}: { label: string; hint?: string } & Omit<NumberInputProps<T>, 'id'>) {
  return (
    <Field label={label} hint={hint}>
      {(id) => <NumberInput id={id} {...input} />}
    </Field>
  );
}

export const parseNumber = (text: string): number | null => {
  const trimmed = text.trim();
  const n = Number(trimmed);
  return trimmed !== '' && Number.isFinite(n) ? n : null;
};

export const parseNumberList = (text: string): number[] | null => {
  const parts = text
    .split(/[,\s]+/)
    .filter(Boolean)
    .map(parseNumber);
  return parts.length > 0 && parts.every((p) => p !== null) ? (parts as number[]) : null;
};

/** How a NumberField shows and reads one number. */
export const ONE_NUMBER = { format: (n: number) => String(n), parse: parseNumber };
/** How a NumberField shows and reads a list of numbers, e.g. "256, 256". */
export const NUMBER_LIST = { format: (list: number[]) => list.join(', '), parse: parseNumberList };

import { useId, useState } from 'react';
import { FieldProblems } from './FieldProblems';

interface Props {
  label: string;
  value: number | undefined;
  onChange: (value: number | undefined) => void;
  problems?: readonly string[];
  placeholder?: string;
  min?: number;
  max?: number;
  step?: number | 'any';
}

/**
 * A number that may be left empty (the server's default then applies). The text is kept while typing, so
 * "1." or "-" do not jump back; the value changes when the text is a number or empty.
 */
export function NumberField({ label, value, onChange, problems = [], placeholder, min, max, step = 'any' }: Props) {
  const id = useId();
  const [text, setText] = useState(value === undefined ? '' : String(value));
  // A value changed from outside (another field, an import) replaces the text, adjusted while rendering rather
  // than in an effect so the stale text is never drawn; text that already reads as the value is kept ("1.0").
  const [shownValue, setShownValue] = useState(value);
  if (value !== shownValue) {
    setShownValue(value);
    setText((current) => (Number(current) === value && current !== '' ? current : value === undefined ? '' : String(value)));
  }
  return (
    <div className={problems.length ? 'field invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        value={text}
        min={min}
        max={max}
        step={step}
        placeholder={placeholder}
        aria-invalid={problems.length > 0 || undefined}
        aria-describedby={problems.length ? `${id}-problems` : undefined}
        onChange={(e) => {
          setText(e.target.value);
          if (e.target.value === '') onChange(undefined);
          else if (!Number.isNaN(e.target.valueAsNumber)) onChange(e.target.valueAsNumber);
        }}
      />
      <FieldProblems id={`${id}-problems`} messages={problems} />
    </div>
  );
}

import { useId } from 'react';
import { FieldProblems } from './FieldProblems';

interface Props {
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: readonly (string | { value: string; label: string })[];
  problems?: readonly string[];
}

export function SelectField({ label, value, onChange, options, problems = [] }: Props) {
  const id = useId();
  return (
    <div className={problems.length ? 'field invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        aria-invalid={problems.length > 0 || undefined}
        aria-describedby={problems.length ? `${id}-problems` : undefined}
        onChange={(e) => onChange(e.target.value)}
      >
        {options.map((o) => {
          const { value: v, label: l } = typeof o === 'string' ? { value: o, label: o } : o;
          return (
            <option key={v} value={v}>
              {l}
            </option>
          );
        })}
      </select>
      <FieldProblems id={`${id}-problems`} messages={problems} />
    </div>
  );
}

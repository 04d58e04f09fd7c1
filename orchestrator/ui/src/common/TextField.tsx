import { useId, type ReactNode } from 'react';
import { FieldProblems } from './FieldProblems';

interface Props {
  label: string;
  value: string;
  onChange: (value: string) => void;
  problems?: readonly string[];
  hint?: ReactNode;
  placeholder?: string;
  readOnly?: boolean;
  multiline?: boolean;
  monospace?: boolean;
  type?: 'text' | 'password' | 'date' | 'datetime-local';
  autoComplete?: string;
  autoFocus?: boolean;
  required?: boolean;
}

export function TextField(props: Props) {
  const { label, value, onChange, problems = [], hint, placeholder, readOnly, multiline, monospace, type = 'text', autoComplete, autoFocus, required } = props;
  const id = useId();
  const describedBy = [problems.length ? `${id}-problems` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    value,
    placeholder,
    readOnly,
    autoFocus,
    required,
    'aria-invalid': problems.length > 0 || undefined,
    'aria-describedby': describedBy,
    className: monospace ? 'mono' : undefined,
  };
  return (
    <div className={problems.length ? 'field invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea {...common} rows={3} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input {...common} type={type} autoComplete={autoComplete} onChange={(e) => onChange(e.target.value)} />
      )}
      {hint ? (
        <div className="hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      <FieldProblems id={`${id}-problems`} messages={problems} />
    </div>
  );
}

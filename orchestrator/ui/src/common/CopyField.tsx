import { useRef, useState } from 'react';

/** A value to paste elsewhere (a dataset's path into a run's input): read-only, selected on focus, with a copy button. */
export function CopyField({ label, value }: { label: string; value: string }) {
  const field = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState('');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setStatus('Copied.');
    } catch {
      field.current?.select();
      setStatus('The browser did not allow copying: the text is selected, press Ctrl+C.');
    }
  };
  return (
    <span className="copy-field">
      <input ref={field} className="mono" readOnly value={value} aria-label={label} onFocus={(e) => e.target.select()} />
      <button type="button" onClick={() => void copy()} aria-label={`Copy ${label.toLowerCase()}`}>
        Copy
      </button>
      <span className="hint" role="status">
        {status}
      </span>
    </span>
  );
}

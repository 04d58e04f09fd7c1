import { useRef, useState } from 'react';
import type { CreatedApiKey } from '../api/types';

/**
 * A new key's secret, the only time the server sends it: shown with a copy button and a plain warning. Once the
 * user is done it is dropped, and nothing in the app can show it again.
 */
export function NewKeySecret({ created, onDone }: { created: CreatedApiKey; onDone: () => void }) {
  const field = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<string>('');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(created.secret);
      setCopied('Copied to the clipboard.');
    } catch {
      field.current?.select();
      setCopied('The browser did not allow copying: the key is selected, press Ctrl+C.');
    }
  };
  return (
    <section className="secret-panel" aria-label={`New API key ${created.name}`}>
      <h3>Key {created.name} created</h3>
      <p className="secret-warning">
        <strong>Copy the key now: you will not see it again.</strong> Programs send it as <code>Authorization: Bearer &lt;key&gt;</code>.
      </p>
      <div className="row">
        <input
          ref={field}
          className="mono secret-value"
          readOnly
          value={created.secret}
          aria-label={`Secret of key ${created.name}`}
          onFocus={(e) => e.target.select()}
        />
        <button type="button" className="primary" onClick={() => void copy()}>
          Copy
        </button>
      </div>
      <p className="hint" role="status">
        {copied}
      </p>
      <button type="button" onClick={onDone}>
        I have copied it
      </button>
    </section>
  );
}

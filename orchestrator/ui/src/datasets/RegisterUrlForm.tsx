import { useState } from 'react';
import { ApiError } from '../api/ApiError';
import { registerDatasetUrl, type DatasetFields } from '../api/datasets';
import type { Dataset } from '../api/types';
import { TextField } from '../common/TextField';
import { DatasetFieldsInputs } from './DatasetFieldsInputs';
import { IntakeError } from './IntakeError';
import { useFormSubmit } from '../common/useFormSubmit';

const FIELDS = ['url', 'name', 'timeZone', 'trigger'];

/** A CSV the server fetches from an http(s) URL (not from a private address) and keeps as a dataset. */
export function RegisterUrlForm({ onReceived }: { onReceived: (dataset: Dataset) => void }) {
  const [url, setUrl] = useState('');
  const [fields, setFields] = useState<DatasetFields>({ name: '', timeZone: '', trigger: true });
  const { busy, error, submit } = useFormSubmit(async () => {
    onReceived(await registerDatasetUrl(url.trim(), { ...fields, name: fields.name?.trim(), timeZone: fields.timeZone?.trim() }));
  });
  const problems = (field: string) => (error instanceof ApiError ? error.fieldErrors(field) : []);

  return (
    <form className="dataset-form" onSubmit={submit} aria-label="Register a dataset by URL">
      <h2>Fetch a CSV from a URL</h2>
      {error ? <IntakeError error={error} action="Fetching the dataset" fields={FIELDS} /> : null}
      <TextField label="URL" value={url} onChange={setUrl} problems={problems('url')} placeholder="https://example.org/data/beijing-2013.csv" required monospace />
      <DatasetFieldsInputs idPrefix="url-form" fields={fields} onChange={setFields} problems={problems} nameFrom="the URL's last segment" />
      <button type="submit" className="primary" disabled={!url.trim() || busy}>
        {busy ? 'Fetching…' : 'Fetch and register'}
      </button>
    </form>
  );
}

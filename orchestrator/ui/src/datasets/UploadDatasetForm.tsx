import { useId, useState, type FormEvent } from 'react';
import { ApiError } from '../api/ApiError';
import { uploadDataset, type DatasetFields } from '../api/datasets';
import type { Dataset } from '../api/types';
import { FieldProblems } from '../common/FieldProblems';
import { formatBytes } from '../common/time';
import { DatasetFieldsInputs } from './DatasetFieldsInputs';
import { IntakeError } from './IntakeError';

const FIELDS = ['file', 'name', 'timeZone', 'trigger'];

/** A CSV file from the user's machine, with its name, time zone and whether its arrival starts workflows. */
export function UploadDatasetForm({ onReceived }: { onReceived: (dataset: Dataset) => void }) {
  const fileId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [fields, setFields] = useState<DatasetFields>({ name: '', timeZone: '', trigger: true });
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(undefined);
    try {
      const dataset = await uploadDataset(file, { ...fields, name: fields.name?.trim(), timeZone: fields.timeZone?.trim() });
      onReceived(dataset);
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };
  const problems = (field: string) => (error instanceof ApiError ? error.fieldErrors(field) : []);
  const fileProblems = problems('file');

  return (
    <form className="dataset-form" onSubmit={submit} aria-label="Upload a dataset">
      <h2>Upload a CSV file</h2>
      {error ? <IntakeError error={error} action="Uploading the dataset" fields={FIELDS} /> : null}
      <div className={fileProblems.length ? 'field invalid' : 'field'}>
        <label htmlFor={fileId}>CSV file</label>
        <input
          id={fileId}
          type="file"
          accept=".csv,text/csv,text/plain"
          aria-invalid={fileProblems.length > 0 || undefined}
          aria-describedby={fileProblems.length ? `${fileId}-problems` : undefined}
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setError(undefined);
          }}
        />
        {file ? <div className="hint">{formatBytes(file.size)}</div> : null}
        <FieldProblems id={`${fileId}-problems`} messages={fileProblems} />
      </div>
      <DatasetFieldsInputs idPrefix={`${fileId}-upload`} fields={fields} onChange={setFields} problems={problems} nameFrom="the file's name" />
      <button type="submit" className="primary" disabled={!file || busy}>
        {busy ? 'Uploading…' : 'Upload'}
      </button>
    </form>
  );
}

import { ApiError } from './ApiError';
import { requestJson } from './client';
import type { Dataset, DatasetList } from './types';

const base = '/api/datasets';
const id = encodeURIComponent;

export const listDatasets = (limit: number, offset: number, signal?: AbortSignal) =>
  requestJson<DatasetList>(base, { query: { limit, offset }, signal });

export const getDataset = (datasetId: string, signal?: AbortSignal) => requestJson<Dataset>(`${base}/${id(datasetId)}`, { signal });

/** The file as received, for a download link. */
export const datasetFileUrl = (datasetId: string) => `${base}/${id(datasetId)}/file`;

/** What comes with a dataset besides its content; empty name and time zone leave them to the server. */
export interface DatasetFields {
  /** The dataset's name; the file's (or the URL's) name when empty. */
  name?: string;
  /** The IANA zone its timestamps are read in; UTC when empty. */
  timeZone?: string;
  /** Whether its arrival starts the workflows whose dataset triggers match its name. */
  trigger: boolean;
}

/**
 * Uploads a CSV as multipart/form-data. The server reads the form as a stream and takes the fields it has met when
 * the file starts, so name, time zone and trigger are appended before the file.
 */
export function uploadDataset(file: File, fields: DatasetFields): Promise<Dataset> {
  const form = new FormData();
  if (fields.name) form.append('name', fields.name);
  if (fields.timeZone) form.append('timeZone', fields.timeZone);
  form.append('trigger', String(fields.trigger));
  form.append('file', file, file.name);
  return requestJson<Dataset>(base, { method: 'POST', body: form });
}

/** Has the server fetch the CSV at a URL and keep it as a dataset. */
export const registerDatasetUrl = (url: string, fields: DatasetFields) =>
  requestJson<Dataset>(`${base}/from-url`, {
    method: 'POST',
    body: { url, name: fields.name || undefined, timeZone: fields.timeZone || undefined, trigger: fields.trigger },
  });

export const deleteDataset = (datasetId: string) => requestJson<null>(`${base}/${id(datasetId)}`, { method: 'DELETE' });

/** The id of the dataset a 409 says already has this content; undefined for any other error. */
export function existingDatasetId(error: unknown): string | undefined {
  if (!(error instanceof ApiError) || error.status !== 409) return undefined;
  const existing = error.extensions.existingId;
  return typeof existing === 'string' && existing ? existing : undefined;
}

import { requestJson } from './client';
import type { CronPreview, Model, ModelVersion, StepTypes } from './types';

// Endpoints that came with the UI; older servers answer 404, which callers show as "not available".

export const getStepTypes = (signal?: AbortSignal) => requestJson<StepTypes>('/api/step-types', { signal });

export const previewCron = (schedule: string, timeZone: string, count: number, signal?: AbortSignal) =>
  requestJson<CronPreview>('/api/cron/preview', { method: 'POST', body: { schedule, timeZone, count }, signal });

export const listModels = (signal?: AbortSignal) => requestJson<Model[]>('/api/models', { signal });

export const listModelVersions = (name: string, signal?: AbortSignal) =>
  requestJson<ModelVersion[]>(`/api/models/${encodeURIComponent(name)}/versions`, { signal });

import { requestJson } from './client';
import type { CronPreview, ExperimentComparison, ExperimentList, Model, ModelVersion, ModelVersionComparison, ModelVersionView, ProductionPromotion, StepTypes } from './types';

// Endpoints that came with the UI; older servers answer 404, which callers show as "not available".

export const getStepTypes = (signal?: AbortSignal) => requestJson<StepTypes>('/api/step-types', { signal });

export const previewCron = (schedule: string, timeZone: string, count: number, signal?: AbortSignal) =>
  requestJson<CronPreview>('/api/cron/preview', { method: 'POST', body: { schedule, timeZone, count }, signal });

export const listModels = (signal?: AbortSignal) => requestJson<Model[]>('/api/models', { signal });

/** The server sends each version as `{ metadata, isProduction, productionSince }`; screens use one flat record. */
export const listModelVersions = async (name: string, signal?: AbortSignal): Promise<ModelVersion[]> =>
  (await requestJson<ModelVersionView[]>(`/api/models/${encodeURIComponent(name)}/versions`, { signal })).map((v) => ({
    ...v.metadata,
    isProduction: v.isProduction,
    productionSince: v.productionSince,
  }));

/** Makes a version the production one (editors), saying why; the server records why, who and when (400 without a reason). */
export const promoteModel = (name: string, version: number, reason: string) =>
  requestJson<ProductionPromotion>(`/api/models/${encodeURIComponent(name)}/production`, { method: 'POST', body: { version, reason } });

/** Makes the previous production version production again (editors), saying why; 409 when there is none. */
export const rollbackModel = (name: string, reason: string) =>
  requestJson<ProductionPromotion>(`/api/models/${encodeURIComponent(name)}/rollback`, { method: 'POST', body: { reason } });

/** Every promotion and rollback of a model, oldest first: version, when, why, by whom. */
export const getProductionHistory = (name: string, signal?: AbortSignal) =>
  requestJson<ProductionPromotion[]>(`/api/models/${encodeURIComponent(name)}/production/history`, { signal });

/** Two versions side by side: b's quality minus a's, and how far each cluster's centroid moved. */
export const compareModelVersions = (name: string, a: number, b: number, signal?: AbortSignal) =>
  requestJson<ModelVersionComparison>(`/api/models/${encodeURIComponent(name)}/compare`, { query: { a, b }, signal });

/** A model's training runs, newest first (versions registered before runs were recorded have none). */
export const listExperiments = (name: string, query: { before?: number; limit?: number } = {}, signal?: AbortSignal) =>
  requestJson<ExperimentList>(`/api/models/${encodeURIComponent(name)}/experiments`, { query, signal });

/** Two training runs side by side: parameters that differ, b − a of the metrics, candidates paired by k. */
export const compareExperiments = (name: string, a: number, b: number, signal?: AbortSignal) =>
  requestJson<ExperimentComparison>(`/api/models/${encodeURIComponent(name)}/experiments/compare`, { query: { a, b }, signal });

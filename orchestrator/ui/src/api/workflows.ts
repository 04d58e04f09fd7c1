import { requestJson } from './client';
import type { DefinitionProblem, Run, Schedule, WorkflowSummary, WorkflowVersion } from './types';

const base = '/api/workflows';
const id = encodeURIComponent;

export const listWorkflows = (signal?: AbortSignal) => requestJson<WorkflowSummary[]>(base, { signal });

export const getLatestVersion = (workflowId: string) => requestJson<WorkflowVersion>(`${base}/${id(workflowId)}`);

/** The draft exactly as stored (the server returns the saved text). */
export const getDraft = (workflowId: string) => requestJson<unknown>(`${base}/${id(workflowId)}/draft`);

export const listVersions = (workflowId: string) => requestJson<WorkflowVersion[]>(`${base}/${id(workflowId)}/versions`);

export const getVersion = (workflowId: string, version: number) =>
  requestJson<WorkflowVersion>(`${base}/${id(workflowId)}/versions/${version}`);

export const validateDefinition = (definition: unknown, signal?: AbortSignal) =>
  requestJson<DefinitionProblem[]>(`${base}/validate`, { method: 'POST', body: definition, signal });

/** Creates the workflow's draft (POST) or replaces it (PUT); `publish` also makes it the next version. */
export const saveDraft = (definition: { id: string }, exists: boolean, publish = false) =>
  exists
    ? requestJson<WorkflowSummary>(`${base}/${id(definition.id)}`, { method: 'PUT', body: definition, query: { publish } })
    : requestJson<WorkflowSummary>(base, { method: 'POST', body: definition, query: { publish } });

export const publishDraft = (workflowId: string) =>
  requestJson<WorkflowVersion>(`${base}/${id(workflowId)}/publish`, { method: 'POST' });

/** Inputs travel as strings, numbers or booleans; the server checks them against the workflow's types. */
export const triggerRun = (workflowId: string, inputs: Record<string, string>, logicalDate?: string) =>
  requestJson<Run>(`${base}/${id(workflowId)}/runs`, {
    method: 'POST',
    body: logicalDate ? { inputs, logicalDate } : { inputs },
  });

/** One run per day from `from` to `to` (yyyy-MM-dd, both included). */
export const backfill = (workflowId: string, from: string, to: string, inputs: Record<string, string>) =>
  requestJson<Run[]>(`${base}/${id(workflowId)}/backfill`, { method: 'POST', body: { from, to, inputs } });

export const listSchedules = (signal?: AbortSignal) => requestJson<Schedule[]>('/api/schedules', { signal });

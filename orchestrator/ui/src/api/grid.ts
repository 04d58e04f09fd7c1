import { requestJson } from './client';
import type { WorkflowGrid } from './types';

export interface GridPage {
  /** Runs per page, 1 to 100. */
  limit?: number;
  /** A run id: the runs just older than it. */
  before?: string;
  /** A run id: the runs just newer than it. */
  after?: string;
}

/** A workflow's runs (newest first) with every step's state in each: the grid view. */
export const getGrid = (workflowId: string, page: GridPage, signal?: AbortSignal) =>
  requestJson<WorkflowGrid>(`/api/workflows/${encodeURIComponent(workflowId)}/grid`, { query: { ...page }, signal });

// The server's JSON shapes (camelCase), mirrored from orchestrator/Api/ApiModels.cs and the step contract.
// Times are ISO 8601 strings as the server writes them.

export interface LastRun {
  id: string;
  state: RunState;
  createdAt: string;
  finishedAt: string | null;
}

export interface WorkflowSummary {
  id: string;
  name: string | null;
  description?: string | null;
  latestVersion: number | null;
  hasDraft: boolean;
  draftUpdatedAt: string | null;
  // Added by the server with the UI; absent on older servers.
  lastRun?: LastRun | null;
  nextDueAt?: string | null;
}

export interface WorkflowVersion {
  workflowId: string;
  version: number;
  checksum: string;
  publishedAt: string;
  definition: unknown;
}

/** One problem of a definition: a JSON path such as `$.steps[2].args[1]` and what is wrong there. */
export interface DefinitionProblem {
  path: string;
  message: string;
}

export type RunState = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export type StepState =
  | 'pending'
  | 'queued'
  | 'running'
  | 'succeeded'
  | 'failed'
  | 'up-for-retry'
  | 'skipped'
  | 'upstream-failed'
  | 'cancelled';

export type AttemptState = 'running' | 'succeeded' | 'failed' | 'timed-out' | 'lost' | 'cancelled';

export const RUN_STATES: readonly RunState[] = ['queued', 'running', 'succeeded', 'failed', 'cancelled'];

export interface Run {
  id: string;
  workflowId: string;
  workflowVersion: number;
  state: RunState;
  triggeredBy: string;
  logicalDate: string | null;
  inputs: Record<string, string>;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
  traceId: string | null;
  /** The user who started the run (absent or null for cron runs and the command line). */
  startedBy?: string | null;
}

export interface RunListItem {
  run: Run;
  stepCounts: Partial<Record<StepState, number>>;
}

export interface RunList {
  runs: RunListItem[];
  next: string | null;
}

export interface Attempt {
  attempt: number;
  state: AttemptState;
  workerId: string;
  startedAt: string;
  finishedAt: string | null;
  exitCode: number | null;
  error: string | null;
}

export interface StepRun {
  stepId: string;
  state: StepState;
  dependsOn: string[];
  attempts: number;
  readyAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  exitCode: number | null;
  error: string | null;
  outputFolder: string;
  attemptHistory: Attempt[];
}

export interface RunDetail {
  run: Run;
  steps: StepRun[];
}

export interface Schedule {
  workflowId: string;
  version: number;
  trigger: number;
  schedule: string;
  timeZone: string;
  catchUp: string;
  nextDueAt: string | null;
}

export interface StepOption {
  name: string;
  description: string;
  required: boolean;
}

export interface StepProgram {
  program: string;
  title: string;
  description: string;
  defaultArgs: string[];
  options: StepOption[];
}

export interface TemplateHelp {
  expression: string;
  description: string;
}

export interface StepTypes {
  programs: StepProgram[];
  templates: TemplateHelp[];
}

export interface CronPreview {
  nextTimes: string[];
}

export interface Model {
  name: string;
  /** The registry folder on the server. */
  registry: string;
  productionVersion: number | null;
  versionCount: number;
}

export interface ModelVersion {
  version: number;
  parentVersion: number | null;
  createdAt: string;
  trainer: string;
  training: {
    input: string;
    rows: number;
    rowsSkipped: number;
    firstDay: string | null;
    lastDay: string | null;
    sensors: number;
  };
  features: string[];
  k: number;
  quality: { daviesBouldin: number; averageDistance: number; inertia: number };
  clusterSizes: number[];
  promotion: { promoted: boolean; reason: string };
  isProduction: boolean;
  /** When this version became production (only for the production version). */
  productionSince: string | null;
}

export interface ModelQuality {
  daviesBouldin: number;
  averageDistance: number;
  inertia: number;
}

/** The settings a training run used (ClusterTrain's options); `k` is the resolved list of cluster counts. */
export interface ExperimentParameters {
  k: number[];
  seed: number;
  restarts: number;
  maxIterations: number;
  scaling: string;
  selection: string;
  promote: string;
  maxDegradation: number;
  features: string[];
  input: string;
}

/** One candidate a training run compared; cluster sizes by the trainer's own cluster index. */
export interface ExperimentCandidate {
  k: number;
  seed: number;
  fitMs: number;
  quality: ModelQuality;
  clusterSizes: number[];
  chosen: boolean;
}

/** The orchestrator run, step and attempt that trained a version; null when trained by hand. */
export interface RunAttempt {
  runId: string | null;
  stepId: string | null;
  attempt: number | null;
}

interface ExperimentCommon {
  version: number;
  createdAt: string;
  run: RunAttempt | null;
  parameters: ExperimentParameters;
  metrics: { rowsRead: number; rowsTrained: number; rowsSkipped: number; timingsMs: Record<string, number> };
  promotion: { promoted: boolean; reason: string };
  isProduction: boolean;
}

/** `GET /api/models/{name}/experiments`: one training run in the list. */
export interface ExperimentSummary extends ExperimentCommon {
  chosen: ExperimentCandidate | null;
  candidateCount: number;
}

export interface ExperimentList {
  experiments: ExperimentSummary[];
  /** Pass as `before` for the next page; null on the last. */
  next: number | null;
}

/** `GET /api/models/{name}/experiments/{version}`: one training run with every candidate. */
export interface Experiment extends ExperimentCommon {
  parentVersion: number | null;
  candidates: ExperimentCandidate[];
  training: ModelVersion['training'];
}

/** `GET /api/models/{name}/experiments/compare?a=&b=`: b's figures minus a's, candidates paired by k. */
export interface ExperimentComparison {
  a: Experiment;
  b: Experiment;
  differentParameters: { name: string; a: string; b: string }[];
  deltas: { rowsRead: number; rowsTrained: number; rowsSkipped: number; chosenK: number | null; quality: ModelQuality | null; trainMs: number | null };
  candidates: { k: number; a: ExperimentCandidate | null; b: ExperimentCandidate | null; delta: ModelQuality | null }[];
}

/** A step's `_manifest.json`: read loosely, since each step adds its own metrics. */
export type Manifest = Record<string, unknown>;

/** Roles from least to most: each includes the ones before it (the server decides; the UI only hides). */
export type Role = 'viewer' | 'operator' | 'editor' | 'admin';

/** Who is signed in: `POST /api/auth/login` and `GET /api/auth/me`. */
export interface SessionInfo {
  user: string;
  role: Role;
  /** How the caller signed in: 'session' (the browser's cookie) or 'api-key'. */
  via?: string;
  /** Sent back as `X-CSRF-Token` on every mutating request; it changes at each sign-in. Null for an API key. */
  csrfToken: string | null;
}

export interface User {
  name: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
  disabledAt?: string | null;
  lastLoginAt: string | null;
}

export interface ApiKey {
  id: string;
  name: string;
  user: string;
  role: Role;
  /** The secret's first characters, to tell keys apart (never enough to use). */
  prefix?: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** The reply to creating a key: the only time its secret is sent. */
export interface CreatedApiKey extends ApiKey {
  secret: string;
}

/** How the Chunker reads a dataset (steps/Chunker/SchemaReport.cs); `detected` names the choices made from the data. */
export interface DatasetSchema {
  /** One character, or "tab". */
  delimiter: string;
  quote: string;
  header: string[];
  sensorColumn: string;
  /** Null when the timestamp is put together from parts (year, month, day, hour columns). */
  timestampColumn: string | null;
  timestampFormat: string | null;
  timestampParts: string[];
  timeZone: string;
  valueColumns: string[];
  textColumns: string[];
  ignoredColumns: string[];
  naTokens: string[];
  /** Schema properties chosen from the data, such as `sensorColumn` or `valueColumns`; the rest were given or default. */
  detected: string[];
}

/** A row the Chunker would quarantine: its 1-based line and column (when known) and why. */
export interface DatasetProblem {
  line: number;
  column: number | null;
  reason: string;
}

/** A run a dataset's arrival started, or (runId null) why the workflow's run did not start. */
export interface DatasetRun {
  workflowId: string;
  runId: string | null;
  error: string | null;
  at: string;
}

/** A received dataset (orchestrator/Api/DatasetModels.cs). */
export interface Dataset {
  id: string;
  name: string;
  sha256: string;
  bytes: number;
  /** The file on the server: what a run's path input takes. */
  path: string;
  sourceUrl: string | null;
  schema: DatasetSchema;
  rows: number;
  goodRows: number;
  badRows: number;
  sensors: number;
  /** Calendar days (yyyy-MM-dd) of the good rows; null without any. */
  firstDay: string | null;
  lastDay: string | null;
  /** The first bad rows. */
  problems: DatasetProblem[];
  createdAt: string;
  createdBy: string | null;
  /** The runs its arrival started; null in lists. */
  runs: DatasetRun[] | null;
}

export interface DatasetList {
  datasets: Dataset[];
  total: number;
}

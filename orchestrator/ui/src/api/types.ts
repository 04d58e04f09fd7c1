// The server's JSON shapes (camelCase) under the names the UI uses. Most are the types openapi-typescript generates
// from the server's OpenAPI document (openapi/v1.json → schema.d.ts, `npm run gen:api`), so a changed API model
// shows up here as a type error; tests fail when either file drifts (README, "API types").
// Hand-written, each saying why: the few places where the document is looser than what the server writes, and the
// responses it does not describe. Times are ISO 8601 strings as the server writes them.
import type { components } from './schema';

type Schemas = components['schemas'];

/**
 * `T` with some members typed more precisely than the document says. Only members `T` has, and only narrower types,
 * so a refinement can never contradict the server's document (it stops compiling when the document changes under it).
 */
type Refine<T, R extends { [K in keyof R]: K extends keyof T ? T[K] : never }> = Omit<T, keyof R> & R;

// States are C# enums written as kebab-case strings: the document says `string`, the UI switches on each value.
export type RunState = 'queued' | 'running' | 'paused' | 'succeeded' | 'failed' | 'cancelled';

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

export const RUN_STATES: readonly RunState[] = ['queued', 'running', 'paused', 'succeeded', 'failed', 'cancelled'];

/** Roles from least to most: each includes the ones before it (the server decides; the UI only hides). A string in the document. */
export type Role = 'viewer' | 'operator' | 'editor' | 'admin';

export type LastRun = Refine<Schemas['RunBrief'], { state: RunState }>;

/** `lastRun` and `nextDueAt` came with the UI; absent on older servers. */
export type WorkflowSummary = Refine<Schemas['WorkflowSummary'], { lastRun?: LastRun | null }>;

/** `definition` is the workflow's JSON as published (a JsonElement: `unknown` until read by designer/definition.ts). */
export type WorkflowVersion = Schemas['WorkflowVersionView'];

/** One problem of a definition: a JSON path such as `$.steps[2].args[1]` and what is wrong there. */
export type DefinitionProblem = Schemas['DefinitionProblem'];

/** `startedBy` is the user who started the run (null for cron runs and the command line). */
export type Run = Refine<Schemas['RunView'], { state: RunState }>;

export type RunListItem = Refine<Schemas['RunListItem'], { run: Run; stepCounts: Partial<Record<StepState, number>> }>;

export type RunList = Refine<Schemas['RunListView'], { runs: RunListItem[] }>;

export type Attempt = Refine<Schemas['AttemptView'], { state: AttemptState }>;

export type StepRun = Refine<Schemas['StepView'], { state: StepState; attemptHistory: Attempt[] }>;

/** One day of a partitioned step: its own step run (retry it and read its logs by its stepId). */
export type StepPartition = Refine<Schemas['StepPartitionView'], { state: StepState }>;

export type StepPartitionList = Refine<Schemas['StepPartitionListView'], { partitions: StepPartition[] }>;

export type RunDetail = Refine<Schemas['RunDetailView'], { run: Run; steps: StepRun[] }>;

export type Schedule = Schemas['ScheduleView'];

/** A grid cell: a step run's state, attempts, last attempt's start and duration (null until it ends), gate block. */
export type GridCell = Refine<Schemas['GridCellView'], { state: StepState }>;

/**
 * A grid column: a run, with one cell per step of the grid's `steps`, null where the run has no such step. Written
 * with Omit, not Refine: the document says the cells are never null, because ASP.NET's OpenAPI generator drops the
 * nullable annotation of a list's item type (`IReadOnlyList<GridCellView?>`), and the server does write nulls.
 */
export type GridRun = Omit<Schemas['GridRunView'], 'state' | 'cells'> & { state: RunState; cells: (GridCell | null)[] };

/** `GET /api/workflows/{id}/grid`: runs newest first; `older` is the next `before`, `newer` the next `after` (Omit: see GridRun). */
export type WorkflowGrid = Omit<Schemas['WorkflowGridView'], 'runs'> & { runs: GridRun[] };

/**
 * One option of a step program as its `--describe` prints it (steps/Runtime/StepOptionsHelp.cs). The server passes
 * that JSON through as a JsonElement, which the document cannot describe; the UI reads these members.
 */
export interface StepOption {
  name: string;
  description: string;
  required: boolean;
}

/** `options` is null (with `problem` saying why) when the program could not be asked. */
export type StepProgram = Refine<Schemas['StepTypeView'], { options: StepOption[] | null }>;

export type TemplateHelp = Schemas['TemplateHelp'];

export type StepTypes = Refine<Schemas['StepTypesView'], { programs: StepProgram[] }>;

export type CronPreview = Schemas['CronPreview'];

/** A registered model: `registry` is its folder on the server. */
export type Model = Schemas['ModelSummary'];

export type ModelQuality = Schemas['ModelQuality'];

// The registry's ModelVersion (steps/Formats/Registry) has `version` and `parentVersion` without `required`, so the
// document makes them optional; the API's JSON options write every member (null included), so they are always there.
type RegisteredVersion = Refine<Schemas['ModelVersion'], { version: number; parentVersion: number | null }>;

/** `GET /api/models/{name}/versions`: each version's metadata, whether it is production and since when. */
export type ModelVersionView = Refine<Schemas['ModelVersionView'], { metadata: RegisteredVersion }>;

/** A model version as the screens use it: its metadata with `isProduction` and `productionSince` beside it. */
export type ModelVersion = RegisteredVersion & Pick<ModelVersionView, 'isProduction' | 'productionSince'>;

/** The settings a training run used (ClusterTrain's options); `k` is the resolved list of cluster counts. */
export type ExperimentParameters = Schemas['ExperimentParameters'];

/** One candidate a training run compared; cluster sizes by the trainer's own cluster index. */
export type ExperimentCandidate = Schemas['ExperimentCandidate'];

/** The orchestrator run, step and attempt that trained a version; null when trained by hand. */
export type RunAttempt = Schemas['RunAttempt'];

// The experiments endpoints answer with IResult (a problem or the view), so the document has no schema for their
// replies (orchestrator/Models/ExperimentSummary.cs, ExperimentView.cs, ExperimentComparison.cs): written by hand
// from the parts it does describe.
interface ExperimentCommon {
  version: number;
  createdAt: string;
  run: RunAttempt | null;
  parameters: ExperimentParameters;
  metrics: Schemas['ExperimentMetrics'];
  promotion: Schemas['PromotionDecision'];
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
  training: Schemas['TrainingData'];
}

/** `GET /api/models/{name}/experiments/compare?a=&b=`: b's figures minus a's, candidates paired by k. */
export interface ExperimentComparison {
  a: Experiment;
  b: Experiment;
  differentParameters: { name: string; a: string; b: string }[];
  deltas: { rowsRead: number; rowsTrained: number; rowsSkipped: number; chosenK: number | null; quality: ModelQuality | null; trainMs: number | null };
  candidates: { k: number; a: ExperimentCandidate | null; b: ExperimentCandidate | null; delta: ModelQuality | null }[];
}

/** `GET /api/models/{name}/production/history`: one promotion (oldest first); `promotedBy` null is the trainer's own decision. */
export interface ProductionPromotion {
  version: number;
  promotedAt: string;
  reason: string;
  promotedBy: string | null;
}

/** How far one stable cluster's centroid moved from version a to b: in the features' units, and in a's scale units. */
export interface CentroidShift {
  cluster: number;
  distance: number;
  scaledDistance: number;
  perFeature: number[];
}

/**
 * `GET /api/models/{name}/compare?a=&b=` (orchestrator/Models/ModelComparison.cs, an IResult so not in the document):
 * b's quality minus a's, and the centroid shifts when both versions use the same features.
 */
export interface ModelVersionComparison {
  a: RegisteredVersion;
  b: RegisteredVersion;
  qualityDelta: ModelQuality;
  sameFeatures: boolean;
  centroidShifts: CentroidShift[] | null;
  notComparable: string | null;
}

/** A step's `_manifest.json`: read loosely, since each step adds its own metrics (served as a file, no schema). */
export type Manifest = Record<string, unknown>;

/**
 * Who is signed in: `POST /api/auth/login` and `GET /api/auth/me`. `via` is how ('session', the browser's cookie, or
 * 'api-key'); `csrfToken` is sent back as `X-CSRF-Token` on every mutating request, changes at each sign-in, and is
 * null for an API key.
 */
export type SessionInfo = Refine<Schemas['SessionView'], { role: Role }>;

export type User = Refine<Schemas['UserView'], { role: Role }>;

// The keys endpoints answer with IResult, so the document has no schema for their replies
// (orchestrator/Api/AccountModels.cs ApiKeyView): written by hand.
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

/**
 * How the Chunker reads a dataset (its SchemaReport): `delimiter` is one character or "tab"; `timestampColumn` is
 * null when the timestamp is put together from parts; `detected` names the choices made from the data.
 */
export type DatasetSchema = Schemas['SchemaReport'];

/** A row the Chunker would quarantine: its 1-based line and column (when known) and why. */
export type DatasetProblem = Schemas['DatasetProblem'];

/** A run a dataset's arrival started, or (runId null) why the workflow's run did not start. */
export type DatasetRun = Schemas['DatasetRunView'];

/**
 * A received dataset: `path` is the file on the server (what a run's path input takes); `firstDay`/`lastDay` are the
 * calendar days of the good rows; `problems` the first bad rows; `runs` those its arrival started (null in lists).
 */
export type Dataset = Schemas['DatasetView'];

export type DatasetList = Schemas['DatasetListView'];

/** An asset with its partitions counted by state (`partitions`), its newest materialized day and freshness. */
export type AssetSummary = Schemas['AssetSummaryView'];

/**
 * `GET /api/assets/{asset}/grid`: every partition in a day range, run-length encoded: run i is `lengths[i]` days from
 * `starts[i]` in state `states[codes[i]]`.
 */
export type PartitionGrid = Schemas['PartitionGridView'];

export type PartitionDetail = Schemas['PartitionDetailView'];

export type Materialization = Schemas['MaterializationView'];

export type LineageInput = Schemas['LineageInputView'];

export type TrainedModel = Schemas['TrainedModelView'];

/** A preview's rows are arrays of JSON values in column order (the document says `unknown[]`). */
export type PartitionPreview = Schemas['PartitionPreviewView'];

/**
 * `GET /api/assets/{asset}/sensors`: one row per sensor, arrays of JSON values in column order (`sensor_id`,
 * `first_seen`, `last_seen`, `attribute_changes`, then the sensor's attributes); `more` when the limit left some out.
 */
export type SensorTable = Schemas['SensorTableView'];

export type AssetGraph = Schemas['AssetGraphView'];

export type AssetGraphStep = Schemas['AssetGraphStepView'];

/**
 * The 202 answer of `POST /api/assets/{asset}/materialize`: the backfill's run, and the runs making its missing
 * upstream days that it waits for.
 */
export type MaterializeAnswer = Schemas['MaterializeView'];

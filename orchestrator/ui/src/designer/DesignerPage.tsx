import { useNavigate, useParams } from 'react-router';
import { ApiError } from '../api/ApiError';
import { useSession } from '../auth/SessionContext';
import { EmptyState } from '../common/EmptyState';
import { getDraft, getLatestVersion } from '../api/workflows';
import { ErrorBanner } from '../common/ErrorBanner';
import { Loading } from '../common/Loading';
import { useResource } from '../common/useResource';
import { emptyWorkflow, type WorkflowDef } from './definition';
import { Designer } from './Designer';
import { useStepTypes } from './useStepTypes';

interface Loaded {
  definition: WorkflowDef;
  latestVersion: number | null;
}

/** Loads a workflow's draft (or, without one, its latest version) for the designer. */
async function loadWorkflow(id: string): Promise<Loaded> {
  const orNull = <T,>(p: Promise<T>) => p.catch((e: unknown) => (e instanceof ApiError && e.isNotFound ? null : Promise.reject(e)));
  const [draft, latest] = await Promise.all([orNull(getDraft(id)), orNull(getLatestVersion(id))]);
  const definition = (draft ?? latest?.definition) as WorkflowDef | undefined;
  if (!definition) throw new ApiError({ status: 404, message: `There is no workflow '${id}'.` });
  return { definition: { ...definition, steps: Array.isArray(definition.steps) ? definition.steps : [] }, latestVersion: latest?.version ?? null };
}

export function DesignerPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const { stepTypes, notice } = useStepTypes();
  const session = useSession();
  const canEdit = session.hasRole('editor');
  const isNew = !id;
  const loaded = useResource(() => (isNew ? Promise.resolve({ definition: emptyWorkflow(), latestVersion: null }) : loadWorkflow(id)), id ?? '(new)');

  if (isNew && !canEdit) {
    return (
      <div className="page">
        <EmptyState title="Creating workflows needs the editor role">
          You are signed in as {session.user} ({session.role}); open an existing workflow to read it.
        </EmptyState>
      </div>
    );
  }
  if (loaded.error && !loaded.data) {
    return (
      <div className="page">
        <ErrorBanner error={loaded.error} action="Loading the workflow" onRetry={loaded.reload} />
      </div>
    );
  }
  if (!loaded.data) return <div className="page"><Loading what="the workflow" /></div>;
  return (
    <Designer
      key={id ?? '(new)'}
      initial={loaded.data.definition}
      exists={!isNew}
      readOnly={!canEdit}
      latestVersion={loaded.data.latestVersion}
      stepTypes={stepTypes}
      stepTypesNotice={notice}
      onCreated={(summary) => navigate(`/workflows/${encodeURIComponent(summary.id)}/design`, { replace: true })}
    />
  );
}

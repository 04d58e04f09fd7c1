import { useState } from 'react';
import { promoteModel, rollbackModel } from '../api/catalog';
import type { ModelVersion } from '../api/types';
import { RoleNote } from '../auth/RoleNote';
import { useSession } from '../auth/SessionContext';
import { ReasonDialog } from './ReasonDialog';

/**
 * Promote the chosen version, or roll back to the previous production one: editors only, each with a reason (the
 * server refuses a change without one and records it), since ClusterPredict uses the production version from its
 * next run.
 */
export function ProductionActions({ name, version, onChanged }: { name: string; version: ModelVersion; onChanged: () => void }) {
  const session = useSession();
  const [asking, setAsking] = useState<'promote' | 'rollback' | null>(null);
  if (!session.hasRole('editor')) return <RoleNote role="editor" what="Promoting or rolling back a model" />;
  return (
    <div className="actions">
      {version.isProduction ? null : (
        <button type="button" onClick={() => setAsking('promote')}>
          Make v{version.version} production…
        </button>
      )}
      <button type="button" onClick={() => setAsking('rollback')}>
        Roll back production…
      </button>
      {asking === 'promote' ? (
        <ReasonDialog
          title={`Make version ${version.version} of ${name} production?`}
          confirmLabel="Make production"
          onConfirm={async (reason) => {
            await promoteModel(name, version.version, reason);
            onChanged();
          }}
          onClose={() => setAsking(null)}
        >
          Predictions use the production version from their next run.
        </ReasonDialog>
      ) : null}
      {asking === 'rollback' ? (
        <ReasonDialog
          title={`Roll ${name} back to its previous production version?`}
          confirmLabel="Roll back"
          onConfirm={async (reason) => {
            await rollbackModel(name, reason);
            onChanged();
          }}
          onClose={() => setAsking(null)}
        >
          The version that was production before the current one becomes production again.
        </ReasonDialog>
      ) : null}
    </div>
  );
}

import { useState } from 'react';
import { useNavigate } from 'react-router';
import { materializePartitions } from '../api/assets';
import { RoleNote } from '../auth/RoleNote';
import { useSession } from '../auth/SessionContext';
import { ErrorBanner } from '../common/ErrorBanner';
import { useAction } from '../common/useAction';

interface Props {
  asset: string;
  /** The selected days, `yyyy-MM-dd`, oldest first. */
  days: readonly string[];
}

/**
 * Asks the server to make the selected days again (editors only) and goes to the run that does it. With "missing
 * upstream days" ticked, the server first makes the days the backfill's inputs lack; the backfill waits for that.
 */
export function MaterializeButton({ asset, days }: Props) {
  const session = useSession();
  const navigate = useNavigate();
  const action = useAction();
  const [upstream, setUpstream] = useState(false);
  if (!session.hasRole('editor')) return <RoleNote role="editor" what="Materializing partitions" />;

  const what = days.length === 1 ? `1 partition` : `${days.length.toLocaleString()} partitions`;
  const materialize = async () => {
    const answer = await action.run(`Materializing ${what} of ${asset}`, () => materializePartitions(asset, days, upstream));
    if (answer) navigate(`/runs/${encodeURIComponent(answer.runId)}`);
  };

  return (
    <div className="materialize">
      <button type="button" className="primary" disabled={days.length === 0 || action.busy !== null} onClick={() => void materialize()}>
        {action.busy ? 'Materializing…' : `Materialize ${what}`}
      </button>
      <label title="First make the days missing from the assets this one is made from; the backfill waits for that run">
        <input type="checkbox" checked={upstream} onChange={(e) => setUpstream(e.target.checked)} /> with missing upstream days
      </label>
      {action.error ? <ErrorBanner error={action.error.error} action={action.error.action} onDismiss={action.clearError} /> : null}
    </div>
  );
}

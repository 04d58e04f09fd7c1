import { useState } from 'react';
import { useNavigate } from 'react-router';
import { backfill } from '../api/workflows';
import { TextField } from '../common/TextField';
import { RunInputsDialog } from './RunInputsDialog';
import { plural } from '../common/plural';

const today = () => new Date().toISOString().slice(0, 10);

/** One run per day over a date range (each with that day as its logical date), then the runs list. */
export function BackfillDialog({ workflowId, onClose }: { workflowId: string; onClose: () => void }) {
  const navigate = useNavigate();
  const [from, setFrom] = useState(today());
  const [to, setTo] = useState(today());
  const days = from && to ? Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1 : 0;

  return (
    <RunInputsDialog
      workflowId={workflowId}
      title={`Backfill ${workflowId}`}
      action="Backfilling"
      submitLabel={days > 0 ? `Start ${plural(days, 'run')}` : 'Start runs'}
      canSubmit={days >= 1}
      intro={() => (
        <>
          <div className="grid-2">
            <TextField label="From (first day)" type="date" value={from} onChange={setFrom} />
            <TextField label="To (last day, included)" type="date" value={to} onChange={setTo} />
          </div>
          <p className="hint">{days > 0 ? `${plural(days, 'run')}, one per day (at most 366).` : 'The last day must not be before the first.'}</p>
        </>
      )}
      send={async (inputs) => {
        await backfill(workflowId, from, to, inputs);
        navigate(`/runs?workflow=${encodeURIComponent(workflowId)}`);
      }}
      onClose={onClose}
    />
  );
}

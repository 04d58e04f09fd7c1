import { useState } from 'react';
import type { Run } from '../api/types';
import { Dialog } from '../common/Dialog';
import { appliesTo, runBulk, type BulkAction, type BulkOutcome } from './runBulk';
import './RunsPage.css';

interface Props {
  selected: Run[];
  onClear: () => void;
  /** After the requests: the list reloads to show the new states. */
  onDone: () => void;
}

const WORDS: Record<BulkAction, { button: string; title: string; confirm: string; what: string; none: string }> = {
  'retry-failed': {
    button: 'Retry failed',
    title: 'Retry the failed steps of the selected runs?',
    confirm: 'Retry failed steps',
    what: 'Each failed run re-runs its failed and upstream-failed steps on its own version, keeping what succeeded.',
    none: 'None of the selected runs has failed.',
  },
  cancel: {
    button: 'Cancel runs',
    title: 'Cancel the selected runs?',
    confirm: 'Cancel runs',
    what: 'Each queued, running or paused run stops: its running steps are killed and nothing more of it starts.',
    none: 'None of the selected runs is queued, running or paused.',
  },
};

/** Retry failed or cancel for the runs ticked in the list: confirmed first, each run's outcome reported after. */
export function RunBulkActions({ selected, onClear, onDone }: Props) {
  const [asking, setAsking] = useState<BulkAction | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcomes, setOutcomes] = useState<BulkOutcome[] | null>(null);
  if (selected.length === 0 && !asking) return null;
  const applicable = (action: BulkAction) => selected.filter((r) => appliesTo(action, r)).length;
  const close = () => {
    setAsking(null);
    setOutcomes(null);
  };
  const confirm = async (action: BulkAction) => {
    setBusy(true);
    try {
      setOutcomes(await runBulk(action, selected));
    } finally {
      setBusy(false);
      onDone();
    }
  };

  return (
    <div className="bulk-bar" role="toolbar" aria-label="Selected runs">
      <span>
        {selected.length} {selected.length === 1 ? 'run' : 'runs'} selected
      </span>
      {(['retry-failed', 'cancel'] as const).map((action) => (
        <button key={action} type="button" disabled={applicable(action) === 0} title={applicable(action) === 0 ? WORDS[action].none : undefined} onClick={() => setAsking(action)}>
          {WORDS[action].button} ({applicable(action)})…
        </button>
      ))}
      <button type="button" className="link" onClick={onClear}>
        Clear selection
      </button>
      {asking ? (
        <Dialog title={WORDS[asking].title} onClose={close}>
          {outcomes ? (
            <Outcomes outcomes={outcomes} />
          ) : (
            <div className="dialog-text">
              <p>{WORDS[asking].what}</p>
              <p>
                {applicable(asking)} of the {selected.length} selected {selected.length === 1 ? 'run' : 'runs'} will be asked
                {selected.length > applicable(asking) ? '; the others are left as they are' : ''}.
              </p>
            </div>
          )}
          <div className="dialog-actions">
            <button type="button" onClick={outcomes ? () => { close(); onClear(); } : close}>
              {outcomes ? 'Done' : 'Cancel'}
            </button>
            {outcomes ? null : (
              <button type="button" className="danger" disabled={busy} onClick={() => void confirm(asking)}>
                {busy ? 'Working…' : WORDS[asking].confirm}
              </button>
            )}
          </div>
        </Dialog>
      ) : null}
    </div>
  );
}

function Outcomes({ outcomes }: { outcomes: BulkOutcome[] }) {
  const count = (r: BulkOutcome['result']) => outcomes.filter((o) => o.result === r).length;
  return (
    <div className="dialog-text">
      <p role="status">
        {count('done')} done, {count('failed')} refused, {count('skipped')} not asked.
      </p>
      <ul className="bulk-outcomes" aria-label="Outcome per run">
        {outcomes.map((o) => (
          <li key={o.runId} className={`bulk-${o.result}`}>
            <span className="mono">{o.runId}</span>: {o.result === 'failed' ? 'refused — ' : ''}
            {o.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

import { useState } from 'react';
import type { StepRun } from '../api/types';
import { useSession } from '../auth/SessionContext';

interface Props {
  step: StepRun;
  busy: string | null;
  onOverride: (reason: string) => void;
}

/**
 * A step whose gate failed (a drift gate, exit 79) published its output but holds back what follows: an editor may
 * let the run go on, saying why; the server records who and why on the step. Shows the override once made.
 */
export function GateOverride({ step, busy, onOverride }: Props) {
  const [reason, setReason] = useState('');
  const mayOverride = useSession().hasRole('editor');
  if (step.gateOverride) {
    return (
      <p className="hint" role="note">
        Gate overridden by {step.gateOverride}
      </p>
    );
  }

  if (!step.blockedByGate) return null;
  return (
    <form
      className="gate-override"
      aria-label="Override the gate"
      onSubmit={(e) => {
        e.preventDefault();
        onOverride(reason.trim());
      }}
    >
      <p className="field-problems" role="note">
        Blocked by its gate: its output is published, and the steps after it wait for an editor to override the gate.
      </p>
      {mayOverride ? (
        <div className="row">
          <label>
            Reason
            <input value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} placeholder="why the run may go on" />
          </label>
          <button type="submit" className="primary" disabled={!reason.trim() || !!busy}>
            Override the gate and go on
          </button>
        </div>
      ) : (
        <p className="hint">An editor can override it.</p>
      )}
    </form>
  );
}

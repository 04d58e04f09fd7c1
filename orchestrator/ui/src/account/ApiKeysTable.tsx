import { useState } from 'react';
import type { ApiKey } from '../api/types';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { formatTime } from '../common/time';
import { TableHead } from '../common/TableHead';

interface Props {
  keys: ApiKey[];
  /** Everyone's keys (the admin page): show whose each key is. */
  showUser?: boolean;
  caption: string;
  /** Revokes a key; the server's refusal is shown in the confirmation dialog. */
  onRevoke: (key: ApiKey) => Promise<unknown>;
}

/** The server gives a key configured for the first admin (Auth:Admin:ApiKey) the largest date there is. */
const neverExpires = (iso: string | null) => !iso || new Date(iso).getUTCFullYear() >= 9999;

export function keyState(key: ApiKey, now = Date.now()): 'revoked' | 'expired' | 'active' {
  if (key.revokedAt) return 'revoked';
  if (key.expiresAt && Date.parse(key.expiresAt) <= now) return 'expired';
  return 'active';
}

/** API keys with their role, dates and state; active keys can be revoked after a confirmation. */
export function ApiKeysTable({ keys, showUser, caption, onRevoke }: Props) {
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  return (
    <>
      <table className="table">
        <caption className="sr-only">{caption}</caption>
        <TableHead columns={['Name', showUser ? 'User' : null, 'Role', 'Created', 'Expires', 'Last used', 'State']} />
        <tbody>
          {keys.map((key) => {
            const state = keyState(key);
            return (
              <tr key={key.id}>
                <td>
                  {key.name}
                  {key.prefix ? <div className="muted mono small" title="The key's first characters">{key.prefix}…</div> : null}
                </td>
                {showUser ? <td>{key.user}</td> : null}
                <td>{key.role}</td>
                <td>{formatTime(key.createdAt)}</td>
                <td>{neverExpires(key.expiresAt) ? <span className="muted">never</span> : formatTime(key.expiresAt)}</td>
                <td>{key.lastUsedAt ? formatTime(key.lastUsedAt) : <span className="muted">never</span>}</td>
                <td>
                  <span className={`badge key-${state}`}>{state}</span>
                  {key.revokedAt ? <div className="muted small">{formatTime(key.revokedAt)}</div> : null}
                </td>
                <td className="actions">
                  {state === 'revoked' ? null : (
                    <button type="button" className="danger" onClick={() => setRevoking(key)} aria-label={`Revoke key ${key.name}${showUser ? ` of ${key.user}` : ''}`}>
                      Revoke…
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {revoking ? (
        <ConfirmDialog title={`Revoke key ${revoking.name}?`} confirmLabel="Revoke key" onConfirm={() => onRevoke(revoking)} onClose={() => setRevoking(null)}>
          <p>
            Programs that use the key <strong>{revoking.name}</strong>
            {showUser ? ` of ${revoking.user}` : ''} are refused from now on. This cannot be undone.
          </p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}

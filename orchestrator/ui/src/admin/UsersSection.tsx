import { useState } from 'react';
import type { Role, User } from '../api/types';
import { deleteUser, listUsers, updateUser } from '../api/users';
import { ROLES, withArticle } from '../auth/roles';
import { useSession } from '../auth/SessionContext';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { ErrorBanner } from '../common/ErrorBanner';
import { Loading } from '../common/Loading';
import { formatTime } from '../common/time';
import { useAction } from '../common/useAction';
import { useResource } from '../common/useResource';
import { AddUserForm } from './AddUserForm';
import { ResetPasswordDialog } from './ResetPasswordDialog';
import { TableHead } from '../common/TableHead';

type Open = { kind: 'reset' | 'delete'; user: string } | null;

/**
 * Every user: change the role, reset the password, disable or enable, delete. The server refuses (409) to do any
 * of that to yourself or the last admin, and its message is shown as it said it.
 */
export function UsersSection() {
  const session = useSession();
  const users = useResource((signal) => listUsers(signal), 'users');
  const action = useAction();
  const [open, setOpen] = useState<Open>(null);
  const [notice, setNotice] = useState<string | undefined>();

  const change = async (what: string, work: () => Promise<unknown>, done: string) => {
    setNotice(undefined);
    const result = await action.run(what, async () => (await work()) ?? true);
    if (result !== undefined) setNotice(done);
    users.reload();
  };

  return (
    <section className="card" aria-labelledby="users-title">
      <h2 id="users-title">Users</h2>
      <AddUserForm onAdded={() => { setNotice('User added.'); users.reload(); }} />
      {action.error ? <ErrorBanner error={action.error.error} action={action.error.action} onDismiss={action.clearError} /> : null}
      {notice ? (
        <p className="banner banner-info" role="status">
          {notice}
        </p>
      ) : null}
      {users.error ? <ErrorBanner error={users.error} action="Loading users" onRetry={users.reload} /> : null}
      {!users.data && !users.error ? <Loading what="users" /> : null}
      {users.data ? (
        <table className="table">
          <caption className="sr-only">Users</caption>
          <TableHead columns={['User', 'Role', 'State', 'Created', 'Last sign-in']} />
          <tbody>
            {users.data.map((u: User) => (
              <tr key={u.name} className={u.disabled ? 'disabled-row' : undefined}>
                <td className="strong">
                  {u.name}
                  {u.name === session.user ? <span className="muted small"> (you)</span> : null}
                </td>
                <td>
                  <select
                    aria-label={`Role of ${u.name}`}
                    value={u.role}
                    disabled={!!action.busy}
                    onChange={(e) => {
                      const role = e.target.value as Role;
                      void change(`Changing the role of ${u.name}`, () => updateUser(u.name, { role }), `${u.name} is now ${withArticle(role)}.`);
                    }}
                  >
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {r}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <span className={u.disabled ? 'badge user-disabled' : 'badge user-active'}>{u.disabled ? 'disabled' : 'active'}</span>
                </td>
                <td>{formatTime(u.createdAt)}</td>
                <td>{u.lastLoginAt ? formatTime(u.lastLoginAt) : <span className="muted">never</span>}</td>
                <td className="actions">
                  <button type="button" onClick={() => setOpen({ kind: 'reset', user: u.name })} aria-label={`Reset the password of ${u.name}`}>
                    Reset password…
                  </button>
                  <button
                    type="button"
                    disabled={!!action.busy}
                    onClick={() =>
                      void change(
                        `${u.disabled ? 'Enabling' : 'Disabling'} ${u.name}`,
                        () => updateUser(u.name, { disabled: !u.disabled }),
                        `${u.name} is ${u.disabled ? 'enabled' : 'disabled'}.`,
                      )
                    }
                    aria-label={`${u.disabled ? 'Enable' : 'Disable'} ${u.name}`}
                  >
                    {u.disabled ? 'Enable' : 'Disable'}
                  </button>
                  <button type="button" className="danger" onClick={() => setOpen({ kind: 'delete', user: u.name })} aria-label={`Delete ${u.name}`}>
                    Delete…
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {open?.kind === 'reset' ? (
        <ResetPasswordDialog user={open.user} onDone={() => setNotice(`The password of ${open.user} was reset.`)} onClose={() => setOpen(null)} />
      ) : null}
      {open?.kind === 'delete' ? (
        <ConfirmDialog
          title={`Delete ${open.user}?`}
          confirmLabel="Delete user"
          onConfirm={async () => {
            const name = open.user;
            try {
              await deleteUser(name);
              setNotice(`${name} was deleted.`);
            } finally {
              users.reload();
            }
          }}
          onClose={() => setOpen(null)}
        >
          <p>
            <strong>{open.user}</strong> can no longer sign in, and their API keys stop working. Runs they started are kept.
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

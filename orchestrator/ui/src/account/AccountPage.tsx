import { useSession } from '../auth/SessionContext';
import { ChangePasswordForm } from './ChangePasswordForm';
import { MyApiKeys } from './MyApiKeys';

/** The signed-in user's own things: their password and their API keys. */
export function AccountPage() {
  const session = useSession();
  return (
    <div className="page">
      <header className="page-header">
        <h1>Account</h1>
      </header>
      <p>
        Signed in as <strong>{session.user}</strong> with the <strong>{session.role}</strong> role.
      </p>
      <div className="account-grid">
        <ChangePasswordForm />
        {session.role ? <MyApiKeys role={session.role} /> : null}
      </div>
    </div>
  );
}

import { useState } from 'react';
import { Link } from 'react-router';
import { DisplayZonePicker } from '../common/DisplayZonePicker';
import { useSession } from './SessionContext';

/**
 * The signed-in user and role in the header, their account page, the zone times are shown in, and signing out (the
 * app then shows the sign-in page).
 */
export function UserMenu() {
  const session = useSession();
  const [busy, setBusy] = useState(false);
  if (!session.user) return null;
  const signOut = async () => {
    setBusy(true);
    try {
      await session.signOut();
    } catch {
      // Signed out here either way (the app shows the sign-in page); the server forgets the session when it expires.
      setBusy(false);
    }
  };
  return (
    <div className="user-menu">
      <DisplayZonePicker />
      <Link to="/account" className="user-menu-account" aria-label={`Account of ${session.user} (${session.role ?? ''})`}>
        <span className="user-menu-name">{session.user}</span> <span className="pill role-pill">{session.role}</span>
      </Link>
      <button type="button" className="header-button" disabled={busy} onClick={() => void signOut()}>
        Sign out
      </button>
    </div>
  );
}

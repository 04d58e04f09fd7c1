import { SignInForm } from './SignInForm';

/**
 * Over the page whose request found the session gone: signing in again keeps the page as it was (a designer's
 * unsaved edits included), so the user carries on where they were.
 */
export function SignInAgainDialog({ lastUser }: { lastUser: string | null }) {
  return (
    <div className="dialog-backdrop">
      <div className="dialog dialog-narrow" role="dialog" aria-modal="true" aria-labelledby="sign-in-again-title">
        <header className="dialog-header">
          <h2 id="sign-in-again-title">Sign in again</h2>
        </header>
        <p className="hint">Your session has ended. Sign in to carry on where you were; this page keeps what you had.</p>
        <SignInForm initialUser={lastUser ?? undefined} />
      </div>
    </div>
  );
}

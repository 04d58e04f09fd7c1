import { Navigate, useSearchParams } from 'react-router';
import { useSession } from './SessionContext';
import { SignInForm } from './SignInForm';

/** Where to go after signing in: a path in this app only (never another site). */
export function returnPath(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/workflows';
}

/** `/login?next=/runs%3Fstate%3Dfailed`: signs in, then goes back to where the user was. */
export function LoginPage() {
  const session = useSession();
  const [params] = useSearchParams();
  const next = returnPath(params.get('next'));
  if (session.state.status === 'signed-in') return <Navigate to={next} replace />;
  return (
    <main className="login-page">
      <div className="login-card">
        <p className="brand">Pipeline</p>
        <h1>Sign in</h1>
        <SignInForm />
      </div>
    </main>
  );
}

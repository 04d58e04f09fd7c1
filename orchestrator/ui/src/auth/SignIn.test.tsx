import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, useLocation } from 'react-router';
import { describe, expect, it } from 'vitest';
import { App } from '../App';
import { problem, stubFetch, type StubRoute } from '../test/fetchStub';
import { SessionProvider } from './SessionProvider';

const alice = { user: 'alice', role: 'operator', csrfToken: 'token-1' };
const noRuns = { body: { runs: [], next: null } };

function Where() {
  const location = useLocation();
  return <output data-testid="where">{`${location.pathname}${location.search}`}</output>;
}

function renderApp(url: string) {
  return render(
    <MemoryRouter initialEntries={[url]}>
      <SessionProvider>
        <App />
        <Where />
      </SessionProvider>
    </MemoryRouter>,
  );
}

/** The app's header (each page has a header of its own too). */
const appHeader = async () => (await screen.findByRole('navigation', { name: 'Main' })).closest('header')!;

const pages: StubRoute[] = [
  { path: '/api/runs', reply: noRuns },
  { path: '/api/workflows', reply: { body: [] } },
];

describe('signing in', () => {
  it('sends an anonymous visitor to the sign-in page and back where they were going', async () => {
    let signedIn = false;
    const { calls } = stubFetch([
      { path: '/api/auth/me', reply: () => (signedIn ? { body: alice } : problem(401, 'Unauthorized', 'sign in first')) },
      {
        method: 'POST',
        path: '/api/auth/login',
        reply: () => {
          signedIn = true;
          return { body: alice };
        },
      },
      ...pages,
    ]);
    const user = userEvent.setup();
    renderApp('/runs?state=failed');

    const name = await screen.findByLabelText('User name');
    expect(screen.getByTestId('where')).toHaveTextContent('/login?next=%2Fruns%3Fstate%3Dfailed');
    expect(name).toHaveFocus();
    await user.type(name, 'alice');
    await user.type(screen.getByLabelText('Password'), 'correct horse battery{Enter}');

    expect(await screen.findByRole('heading', { name: 'Runs' })).toBeInTheDocument();
    expect(screen.getByTestId('where')).toHaveTextContent('/runs?state=failed');
    expect(calls.find((c) => c.url.pathname === '/api/auth/login')!.body).toEqual({ user: 'alice', password: 'correct horse battery' });
    const header = await appHeader();
    expect(within(header).getByText('alice')).toBeInTheDocument();
    expect(within(header).getByText('operator')).toBeInTheDocument();
    expect(within(header).queryByRole('link', { name: 'Admin' })).toBeNull();
  });

  it("shows the server's refusal of a wrong password and stays on the page", async () => {
    stubFetch([
      { path: '/api/auth/me', reply: problem(401, 'Unauthorized', 'sign in first') },
      { method: 'POST', path: '/api/auth/login', reply: problem(401, 'Unauthorized', 'wrong user name or password') },
    ]);
    const user = userEvent.setup();
    renderApp('/login');
    await user.type(await screen.findByLabelText('User name'), 'alice');
    await user.type(screen.getByLabelText('Password'), 'nope');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('wrong user name or password');
    expect(screen.getByLabelText('Password')).toHaveValue('');
    expect(screen.getByTestId('where')).toHaveTextContent('/login');
  });

  it('says how long to wait when the server limits attempts', async () => {
    stubFetch([
      { path: '/api/auth/me', reply: problem(401, 'Unauthorized', 'sign in first') },
      { method: 'POST', path: '/api/auth/login', reply: { ...problem(429, 'Too Many Requests', 'too many sign-in attempts'), headers: { 'Retry-After': '42' } } },
    ]);
    const user = userEvent.setup();
    renderApp('/login');
    await user.type(await screen.findByLabelText('User name'), 'alice');
    await user.type(screen.getByLabelText('Password'), 'guess{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('too many sign-in attempts. Try again in 42 s.');
  });

  it('asks to sign in again over the page when the session ends while in use, and keeps the page', async () => {
    let sessionGone = true;
    stubFetch([
      { path: '/api/auth/me', reply: { body: alice } },
      { path: '/api/runs', reply: () => (sessionGone ? problem(401, 'Unauthorized', 'sign in first') : noRuns) },
      { path: '/api/workflows', reply: { body: [] } },
      {
        method: 'POST',
        path: '/api/auth/login',
        reply: () => {
          sessionGone = false;
          return { body: { ...alice, csrfToken: 'token-2' } };
        },
      },
    ]);
    const user = userEvent.setup();
    renderApp('/runs?workflow=w');

    // Signed in at start-up, but the page's request finds the session gone.
    const dialog = await screen.findByRole('dialog', { name: 'Sign in again' });
    expect(screen.getByRole('heading', { name: 'Runs' })).toBeInTheDocument();
    expect(within(dialog).getByLabelText('User name')).toHaveValue('alice');
    expect(within(dialog).getByLabelText('Password')).toHaveFocus();
    await user.type(within(dialog).getByLabelText('Password'), 'correct horse battery{Enter}');

    expect(await screen.findByRole('heading', { name: 'Runs' })).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByTestId('where')).toHaveTextContent('/runs?workflow=w');
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('No runs match')).toBeInTheDocument();
  });

  it("keeps a designer's unsaved work under the sign-in dialog", async () => {
    let sessionGone = false;
    stubFetch([
      { path: '/api/auth/me', reply: { body: { ...alice, role: 'editor' } } },
      { path: '/api/step-types', reply: { status: 404 } },
      { method: 'POST', path: '/api/workflows/validate', reply: () => (sessionGone ? problem(401, 'Unauthorized', 'sign in first') : { body: [] }) },
      { method: 'POST', path: '/api/auth/login', reply: { body: { ...alice, role: 'editor', csrfToken: 'token-2' } } },
    ]);
    const user = userEvent.setup();
    renderApp('/workflows/new');
    const id = await screen.findByLabelText('Id');
    sessionGone = true;
    await user.type(id, 'nightly-import');

    const dialog = await screen.findByRole('dialog', { name: 'Sign in again' });
    // Behind the dialog the editor's designer stays, with what was typed.
    expect(screen.getByLabelText('Id')).toHaveValue('nightly-import');
    expect(screen.queryByText(/needs the editor role/)).toBeNull();
    await user.type(within(dialog).getByLabelText('Password'), 'correct horse battery{Enter}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.getByLabelText('Id')).toHaveValue('nightly-import');
  });

  it('signs out to the sign-in page', async () => {
    let signedIn = true;
    const { calls } = stubFetch([
      { path: '/api/auth/me', reply: () => (signedIn ? { body: { ...alice, role: 'admin' } } : problem(401, 'Unauthorized', 'sign in first')) },
      {
        method: 'POST',
        path: '/api/auth/logout',
        reply: () => {
          signedIn = false;
          return { status: 204 };
        },
      },
      ...pages,
    ]);
    const user = userEvent.setup();
    renderApp('/workflows');
    const header = await appHeader();
    expect(await within(header).findByRole('link', { name: 'Admin' })).toBeInTheDocument();
    await user.click(within(header).getByRole('button', { name: 'Sign out' }));

    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeInTheDocument();
    expect(screen.getByTestId('where')).toHaveTextContent(/^\/login$/);
    expect(calls.find((c) => c.url.pathname === '/api/auth/logout')!.headers.get('X-CSRF-Token')).toBe('token-1');
  });
});

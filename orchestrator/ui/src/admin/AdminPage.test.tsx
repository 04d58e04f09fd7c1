import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ApiKey, User } from '../api/types';
import { RequireRole } from '../auth/RequireRole';
import { problem, stubFetch, type StubRoute } from '../test/fetchStub';
import { renderAt } from '../test/renderWithRouter';
import { AdminPage } from './AdminPage';

const at = '2026-11-20T10:00:00Z';
const admin: User = { name: 'admin', role: 'admin', disabled: false, createdAt: at, disabledAt: null, lastLoginAt: at };
const bob: User = { name: 'bob', role: 'operator', disabled: false, createdAt: at, disabledAt: null, lastLoginAt: null };
const bobsKey: ApiKey = { id: 'k7', name: 'deploy', user: 'bob', role: 'operator', createdAt: at, expiresAt: '2099-01-01T00:00:00Z', lastUsedAt: at, revokedAt: null };

/** A small user store behind the users API, answering as the server does. */
function usersServer(extra: StubRoute[] = []) {
  const users = new Map([admin, bob].map((u) => [u.name, { ...u }]));
  let keys = [bobsKey];
  const stub = stubFetch([
    ...extra,
    { path: '/api/users', reply: () => ({ body: [...users.values()] }) },
    {
      method: 'POST',
      path: '/api/users',
      reply: (_url, init) => {
        const { name, role } = JSON.parse(String(init?.body)) as { name: string; role: User['role'] };
        users.set(name, { name, role, disabled: false, createdAt: at, disabledAt: null, lastLoginAt: null });
        return { status: 201, body: users.get(name) };
      },
    },
    {
      method: 'PATCH',
      path: /^\/api\/users\/[^/]+$/,
      reply: (url, init) => {
        const name = decodeURIComponent(url.pathname.split('/').at(-1)!);
        const change = JSON.parse(String(init?.body)) as Partial<User>;
        if (name === 'admin' && (change.role || change.disabled)) return problem(409, 'Conflict', 'you cannot demote or disable yourself');
        users.set(name, { ...users.get(name)!, ...change });
        return { body: users.get(name) };
      },
    },
    {
      method: 'DELETE',
      path: /^\/api\/users\/[^/]+$/,
      reply: (url) => {
        const name = decodeURIComponent(url.pathname.split('/').at(-1)!);
        if (name === 'admin') return problem(409, 'Conflict', 'admin is the last admin and cannot be removed');
        users.delete(name);
        return { status: 204 };
      },
    },
    { path: '/api/keys', reply: () => ({ body: keys }) },
    {
      method: 'DELETE',
      path: '/api/keys/k7',
      reply: () => {
        keys = [{ ...bobsKey, revokedAt: at }];
        return { status: 204 };
      },
    },
  ]);
  return { ...stub, users };
}

const usersTable = () => screen.getByRole('table', { name: 'Users' });
const row = (name: string) => within(usersTable()).getByRole('cell', { name: new RegExp(`^${name}`) }).closest('tr')!;

describe('AdminPage', () => {
  it('adds a user with a role and an initial password', async () => {
    const { calls } = usersServer();
    const user = userEvent.setup();
    renderAt('/admin', '/admin', <AdminPage />, { role: 'admin', user: 'admin' });
    const form = await screen.findByRole('form', { name: 'Add a user' });
    await user.type(within(form).getByLabelText('New user name'), 'viewer-e2e');
    await user.selectOptions(within(form).getByLabelText('New user role'), 'viewer');
    await user.type(within(form).getByLabelText('Initial password'), 'a long initial password');
    await user.click(within(form).getByRole('button', { name: 'Add user' }));

    expect(await within(await screen.findByRole('table', { name: 'Users' })).findByRole('cell', { name: 'viewer-e2e' })).toBeInTheDocument();
    expect(within(row('viewer-e2e')).getByLabelText('Role of viewer-e2e')).toHaveValue('viewer');
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ name: 'viewer-e2e', role: 'viewer', password: 'a long initial password' });
  });

  it("changes a role, disables and enables, resets a password, and shows the server's 409 as it said it", async () => {
    const { calls, users } = usersServer();
    const user = userEvent.setup();
    renderAt('/admin', '/admin', <AdminPage />, { role: 'admin', user: 'admin' });
    await screen.findByRole('table', { name: 'Users' });

    await user.selectOptions(screen.getByLabelText('Role of bob'), 'editor');
    expect(await screen.findByText('bob is now an editor.')).toBeInTheDocument();
    expect(users.get('bob')!.role).toBe('editor');

    await user.click(screen.getByRole('button', { name: 'Disable bob' }));
    expect(await within(row('bob')).findByText('disabled')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Enable bob' }));
    expect(await within(row('bob')).findByText('active')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Reset the password of bob' }));
    const dialog = screen.getByRole('dialog', { name: 'Reset the password of bob' });
    await user.type(within(dialog).getByLabelText('New password'), 'another long password');
    await user.click(within(dialog).getByRole('button', { name: 'Set password' }));
    expect(await screen.findByText('The password of bob was reset.')).toBeInTheDocument();

    // Demoting yourself: the server refuses, the page says why and shows the role that stands.
    await user.selectOptions(screen.getByLabelText('Role of admin'), 'viewer');
    expect(await screen.findByRole('alert')).toHaveTextContent('Changing the role of admin failed: you cannot demote or disable yourself');
    expect(await screen.findByLabelText('Role of admin')).toHaveValue('admin');

    expect(calls.filter((c) => c.method === 'PATCH').map((c) => [c.url.pathname, c.body])).toEqual([
      ['/api/users/bob', { role: 'editor' }],
      ['/api/users/bob', { disabled: true }],
      ['/api/users/bob', { disabled: false }],
      ['/api/users/bob', { password: 'another long password' }],
      ['/api/users/admin', { role: 'viewer' }],
    ]);
  });

  it('deletes a user after asking, and shows why the last admin cannot be deleted', async () => {
    const { users } = usersServer();
    const user = userEvent.setup();
    renderAt('/admin', '/admin', <AdminPage />, { role: 'admin', user: 'admin' });
    await user.click(await screen.findByRole('button', { name: 'Delete admin' }));
    let dialog = screen.getByRole('dialog', { name: 'Delete admin?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete user' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('admin is the last admin and cannot be removed');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));

    await user.click(screen.getByRole('button', { name: 'Delete bob' }));
    dialog = screen.getByRole('dialog', { name: 'Delete bob?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete user' }));
    expect(await screen.findByText('bob was deleted.')).toBeInTheDocument();
    await waitFor(() => expect(within(usersTable()).queryByRole('cell', { name: 'bob' })).toBeNull());
    expect(users.has('bob')).toBe(false);
  });

  it("lists everyone's API keys and revokes one", async () => {
    const { calls } = usersServer();
    const user = userEvent.setup();
    renderAt('/admin', '/admin', <AdminPage />, { role: 'admin', user: 'admin' });
    const table = await screen.findByRole('table', { name: 'All API keys' });
    expect(within(table).getByRole('cell', { name: 'bob' })).toBeInTheDocument();
    expect(calls.find((c) => c.url.pathname === '/api/keys')!.url.search).toBe('?all=true');
    await user.click(within(table).getByRole('button', { name: 'Revoke key deploy of bob' }));
    await user.click(within(screen.getByRole('dialog', { name: 'Revoke key deploy?' })).getByRole('button', { name: 'Revoke key' }));
    expect(await within(table).findByText('revoked')).toBeInTheDocument();
  });

  it('tells a non-admin the page needs the admin role, without asking the server', async () => {
    const { calls } = stubFetch([]);
    renderAt(
      '/admin',
      '/admin',
      <RequireRole role="admin" what="The admin page">
        <AdminPage />
      </RequireRole>,
      { role: 'editor', user: 'eve' },
    );
    expect(screen.getByText('The admin page needs the admin role')).toBeInTheDocument();
    expect(calls).toEqual([]);
  });
});

import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ApiKey } from '../api/types';
import { problem, stubFetch } from '../test/fetchStub';
import { renderAt } from '../test/renderWithRouter';
import { AccountPage } from './AccountPage';

const ciKey: ApiKey = {
  id: 'k1',
  name: 'ci',
  user: 'alice',
  role: 'operator',
  createdAt: '2026-11-20T10:00:00Z',
  expiresAt: '2099-02-18T10:00:00Z',
  lastUsedAt: null,
  revokedAt: null,
};
const secret = 'pk_3f9a0c1d2e4b5a6978877665544332211';

describe('AccountPage', () => {
  it("creates an API key and shows its secret once, with a copy button and a warning", async () => {
    let keys: ApiKey[] = [];
    const { calls } = stubFetch([
      { path: '/api/keys', reply: () => ({ body: keys }) },
      {
        method: 'POST',
        path: '/api/keys',
        reply: () => {
          const created = { ...ciKey, id: 'k2', name: 'nightly', role: 'viewer' as const };
          keys = [created];
          return { status: 201, body: { ...created, secret } };
        },
      },
    ]);
    const user = userEvent.setup();
    renderAt('/account', '/account', <AccountPage />, { role: 'operator', user: 'alice' });
    expect(await screen.findByText('No API keys yet')).toBeInTheDocument();

    // A key's role is at most the user's own.
    const role = screen.getByLabelText('Key role');
    expect(within(role).getAllByRole('option').map((o) => o.textContent)).toEqual(['viewer', 'operator']);
    expect(role).toHaveValue('operator');
    await user.type(screen.getByLabelText('Key name'), 'nightly');
    await user.selectOptions(role, 'viewer');
    await user.clear(screen.getByLabelText('Expires in (days)'));
    await user.type(screen.getByLabelText('Expires in (days)'), '30');
    await user.click(screen.getByRole('button', { name: 'Create key' }));

    const panel = await screen.findByRole('region', { name: 'New API key nightly' });
    expect(within(panel).getByText(/you will not see it again/)).toBeInTheDocument();
    expect(within(panel).getByLabelText('Secret of key nightly')).toHaveValue(secret);
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ name: 'nightly', role: 'viewer', expiresInDays: 30 });

    await user.click(within(panel).getByRole('button', { name: 'Copy' }));
    expect(await navigator.clipboard.readText()).toBe(secret);
    expect(within(panel).getByRole('status')).toHaveTextContent('Copied to the clipboard.');

    // The list has the key, never the secret; once dismissed, the secret is gone for good.
    const table = await screen.findByRole('table', { name: 'My API keys' });
    expect(within(table).getByText('nightly')).toBeInTheDocument();
    await user.click(within(panel).getByRole('button', { name: 'I have copied it' }));
    expect(screen.queryByRole('region', { name: /New API key/ })).toBeNull();
    expect(document.body.textContent).not.toContain(secret);
    expect(screen.getByRole('button', { name: 'Create key' })).toBeInTheDocument();
  });

  it('revokes a key after asking', async () => {
    let keys: ApiKey[] = [ciKey];
    const { calls } = stubFetch([
      { path: '/api/keys', reply: () => ({ body: keys }) },
      {
        method: 'DELETE',
        path: '/api/keys/k1',
        reply: () => {
          keys = [{ ...ciKey, revokedAt: '2026-11-24T09:00:00Z' }];
          return { status: 204 };
        },
      },
    ]);
    const user = userEvent.setup();
    renderAt('/account', '/account', <AccountPage />, { role: 'operator', user: 'alice' });
    await user.click(await screen.findByRole('button', { name: 'Revoke key ci' }));
    const dialog = screen.getByRole('dialog', { name: 'Revoke key ci?' });
    expect(calls.some((c) => c.method === 'DELETE')).toBe(false);
    await user.click(within(dialog).getByRole('button', { name: 'Revoke key' }));

    expect(await screen.findByText('revoked')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Revoke key ci' })).toBeNull();
    expect(calls.filter((c) => c.method === 'DELETE')).toHaveLength(1);
  });

  it("changes the password, showing the server's rule on the field it concerns", async () => {
    let attempts = 0;
    const { calls } = stubFetch([
      { path: '/api/keys', reply: { body: [] } },
      {
        method: 'POST',
        path: '/api/auth/password',
        reply: () =>
          ++attempts === 1
            ? problem(422, 'Invalid', 'new: the password must be at least 12 characters', { errors: { new: ['the password must be at least 12 characters'] } })
            : { status: 204 },
      },
    ]);
    const user = userEvent.setup();
    renderAt('/account', '/account', <AccountPage />, { role: 'viewer', user: 'vera' });
    expect(screen.getByText('vera')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Current password'), 'old password 1');
    await user.type(screen.getByLabelText('New password'), 'short');
    await user.type(screen.getByLabelText('Repeat the new password'), 'short');
    await user.click(screen.getByRole('button', { name: 'Change password' }));

    const field = screen.getByLabelText('New password');
    expect(await screen.findByText('the password must be at least 12 characters', { selector: '.field-problems li' })).toBeInTheDocument();
    expect(field).toHaveAttribute('aria-invalid', 'true');
    // Said once, on the field, not again in a banner.
    expect(screen.queryByRole('alert')).toBeNull();

    await user.clear(field);
    await user.type(field, 'a much longer password');
    await user.clear(screen.getByLabelText('Repeat the new password'));
    await user.type(screen.getByLabelText('Repeat the new password'), 'a much longer password');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByText('Your password was changed.')).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'POST').at(-1)!.body).toEqual({ current: 'old password 1', new: 'a much longer password' });
  });
});

import { useState } from 'react';
import { ApiError, bannerError } from '../api/ApiError';
import type { Role } from '../api/types';
import { createUser } from '../api/users';
import { ROLES } from '../auth/roles';
import { ErrorBanner } from '../common/ErrorBanner';
import { SelectField } from '../common/SelectField';
import { TextField } from '../common/TextField';
import { useFormSubmit } from '../common/useFormSubmit';

/** A new user with a role and an initial password (they change it on their account page). */
export function AddUserForm({ onAdded }: { onAdded: () => void }) {
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [password, setPassword] = useState('');
  const { busy, error, submit } = useFormSubmit(
    async () => {
      await createUser(name.trim(), role, password);
      setName('');
      setPassword('');
      onAdded();
    },
    { staysOpen: true },
  );
  const field = (f: string) => (error instanceof ApiError ? error.fieldErrors(f) : []);
  const banner = bannerError(error, ['name', 'role', 'password']);

  return (
    <form className="inline-form" onSubmit={submit} aria-label="Add a user">
      {banner ? <ErrorBanner error={banner} action="Adding the user" /> : null}
      <div className="form-row">
        <TextField label="New user name" value={name} onChange={setName} autoComplete="off" problems={field('name')} />
        <SelectField label="New user role" value={role} onChange={(v) => setRole(v as Role)} options={ROLES} problems={field('role')} />
        <TextField label="Initial password" type="password" value={password} onChange={setPassword} autoComplete="new-password" problems={field('password')} />
        <button type="submit" className="primary" disabled={busy}>
          Add user
        </button>
      </div>
    </form>
  );
}

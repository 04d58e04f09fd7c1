import { useState, type FormEvent } from 'react';
import { ApiError, bannerError } from '../api/ApiError';
import { createKey } from '../api/keys';
import type { CreatedApiKey, Role } from '../api/types';
import { rolesUpTo } from '../auth/roles';
import { ErrorBanner } from '../common/ErrorBanner';
import { NumberField } from '../common/NumberField';
import { SelectField } from '../common/SelectField';
import { TextField } from '../common/TextField';

const DEFAULT_DAYS = 90;

/** Name, role (up to the user's own) and lifetime of a new key. */
export function CreateKeyForm({ role, onCreated }: { role: Role; onCreated: (key: CreatedApiKey) => void }) {
  const [name, setName] = useState('');
  const [keyRole, setKeyRole] = useState<Role>(role);
  const [days, setDays] = useState<number | undefined>(DEFAULT_DAYS);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) {
      setError(new ApiError({ status: 0, message: 'Give the key a name, e.g. the program that will use it.', errors: { name: ['Give the key a name.'] } }));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      onCreated(await createKey({ name: name.trim(), role: keyRole, expiresInDays: days }));
      setName('');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const field = (f: string) => (error instanceof ApiError ? error.fieldErrors(f) : []);
  const banner = bannerError(error, ['name', 'role', 'expiresInDays']);

  return (
    <form className="inline-form" onSubmit={submit} aria-label="New API key">
      {banner ? <ErrorBanner error={banner} action="Creating the key" /> : null}
      <div className="form-row">
        <TextField label="Key name" value={name} onChange={setName} problems={field('name')} />
        <SelectField label="Key role" value={keyRole} onChange={(v) => setKeyRole(v as Role)} options={rolesUpTo(role)} problems={field('role')} />
        <NumberField label="Expires in (days)" value={days} onChange={setDays} min={1} max={365} step={1} problems={field('expiresInDays')} />
        <button type="submit" className="primary" disabled={busy}>
          Create key
        </button>
      </div>
    </form>
  );
}

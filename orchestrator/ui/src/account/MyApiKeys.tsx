import { useState } from 'react';
import { listKeys, revokeKey } from '../api/keys';
import type { CreatedApiKey, Role } from '../api/types';
import { EmptyState } from '../common/EmptyState';
import { ErrorBanner } from '../common/ErrorBanner';
import { Loading } from '../common/Loading';
import { useResource } from '../common/useResource';
import { ApiKeysTable } from './ApiKeysTable';
import { CreateKeyForm } from './CreateKeyForm';
import { NewKeySecret } from './NewKeySecret';

/** The signed-in user's keys: create one (its secret shown once), revoke one. */
export function MyApiKeys({ role }: { role: Role }) {
  const keys = useResource((signal) => listKeys(false, signal), 'my-keys');
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  return (
    <section className="card" aria-labelledby="my-keys-title">
      <h2 id="my-keys-title">My API keys</h2>
      <p className="hint">For programs that call the API: a key acts as you, with at most your role.</p>
      {created ? (
        <NewKeySecret created={created} onDone={() => setCreated(null)} />
      ) : (
        <CreateKeyForm
          role={role}
          onCreated={(key) => {
            setCreated(key);
            keys.reload();
          }}
        />
      )}
      {keys.error ? <ErrorBanner error={keys.error} action="Loading your keys" onRetry={keys.reload} /> : null}
      {!keys.data && !keys.error ? <Loading what="your keys" /> : null}
      {keys.data && keys.data.length === 0 ? <EmptyState title="No API keys yet" /> : null}
      {keys.data && keys.data.length > 0 ? (
        <ApiKeysTable
          keys={keys.data}
          caption="My API keys"
          onRevoke={async (key) => {
            await revokeKey(key.id);
            keys.reload();
          }}
        />
      ) : null}
    </section>
  );
}

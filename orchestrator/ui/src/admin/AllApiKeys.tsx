import { listKeys, revokeKey } from '../api/keys';
import { ApiKeysTable } from '../account/ApiKeysTable';
import { EmptyState } from '../common/EmptyState';
import { ErrorBanner } from '../common/ErrorBanner';
import { Loading } from '../common/Loading';
import { useResource } from '../common/useResource';

/** Everyone's API keys, to revoke one that leaked or belongs to someone who left. */
export function AllApiKeys() {
  const keys = useResource((signal) => listKeys(true, signal), 'all-keys');
  return (
    <section className="card" aria-labelledby="all-keys-title">
      <h2 id="all-keys-title">All API keys</h2>
      {keys.error ? <ErrorBanner error={keys.error} action="Loading the keys" onRetry={keys.reload} /> : null}
      {!keys.data && !keys.error ? <Loading what="the keys" /> : null}
      {keys.data && keys.data.length === 0 ? <EmptyState title="Nobody has an API key" /> : null}
      {keys.data && keys.data.length > 0 ? (
        <ApiKeysTable
          keys={keys.data}
          showUser
          caption="All API keys"
          onRevoke={async (key) => {
            await revokeKey(key.id);
            keys.reload();
          }}
        />
      ) : null}
    </section>
  );
}

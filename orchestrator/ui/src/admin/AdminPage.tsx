import { AllApiKeys } from './AllApiKeys';
import { UsersSection } from './UsersSection';

/** Users and everyone's API keys (admin only; the server checks too). */
export function AdminPage() {
  return (
    <div className="page">
      <header className="page-header">
        <h1>Admin</h1>
      </header>
      <UsersSection />
      <AllApiKeys />
    </div>
  );
}

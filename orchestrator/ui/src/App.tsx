import { lazy, Suspense } from 'react';
import { Navigate, NavLink, Route, Routes, useLocation } from 'react-router';
import { AccountPage } from './account/AccountPage';
import { LoginPage } from './auth/LoginPage';
import { RequireRole } from './auth/RequireRole';
import { useSession } from './auth/SessionContext';
import { SignInAgainDialog } from './auth/SignInAgainDialog';
import { UserMenu } from './auth/UserMenu';
import { EmptyState } from './common/EmptyState';
import { ErrorBanner } from './common/ErrorBanner';
import { DatasetDetailPage } from './datasets/DatasetDetailPage';
import { DatasetsPage } from './datasets/DatasetsPage';
import { Loading } from './common/Loading';
import { ModelsPage } from './models/ModelsPage';
import { RunsPage } from './operations/RunsPage';
import { WorkflowsPage } from './operations/WorkflowsPage';
// Not lazy: the grid is small, and a chunk to fetch after the session check would delay its first paint.
import { WorkflowGridPage } from './operations/grid/WorkflowGridPage';

// The graph pages carry React Flow and dagre; the lists load without them.
const DesignerPage = lazy(() => import('./designer/DesignerPage').then((m) => ({ default: m.DesignerPage })));
const RunDetailPage = lazy(() => import('./operations/RunDetailPage').then((m) => ({ default: m.RunDetailPage })));
// The assets page draws its graph with React Flow too.
const AssetsPage = lazy(() => import('./assets/AssetsPage').then((m) => ({ default: m.AssetsPage })));
const AdminPage = lazy(() => import('./admin/AdminPage').then((m) => ({ default: m.AdminPage })));
// The workflow page shows version diffs with the designer's diff view.
const WorkflowPage = lazy(() => import('./workflow/WorkflowPage').then((m) => ({ default: m.WorkflowPage })));

/**
 * The shell: who is signed in decides what shows. Nobody: the sign-in page, remembering where the user was going.
 * A session that ended while in use: a sign-in dialog over the page, which keeps its state.
 */
export function App() {
  const session = useSession();
  const location = useLocation();
  const { state } = session;

  if (location.pathname === '/login') return <LoginPage />;
  if (state.status === 'loading') {
    return (
      <div className="page">
        <Loading what="your session" />
      </div>
    );
  }
  if (state.status === 'unreachable') {
    return (
      <div className="page">
        <ErrorBanner error={state.error} action="Asking the server who is signed in" onRetry={session.reload} />
      </div>
    );
  }
  if (state.status === 'signed-out' && state.reason !== 'expired') {
    const here = `${location.pathname}${location.search}`;
    const next = state.reason === 'not-signed-in' && here !== '/' ? `?next=${encodeURIComponent(here)}` : '';
    return <Navigate to={`/login${next}`} replace />;
  }

  // While the sign-in dialog is up, the page behind it keeps its state but cannot be used.
  const behindDialog = state.status === 'signed-out';
  return (
    <div className="app">
      <a className="skip-link" href="#content">
        Skip to content
      </a>
      <header className="app-header" inert={behindDialog}>
        <span className="brand">Pipeline</span>
        <nav aria-label="Main">
          <NavLink to="/workflows">Workflows</NavLink>
          <NavLink to="/runs">Runs</NavLink>
          <NavLink to="/models">Models</NavLink>
          <NavLink to="/datasets">Datasets</NavLink>
          <NavLink to="/assets">Assets</NavLink>
          {session.hasRole('admin') ? <NavLink to="/admin">Admin</NavLink> : null}
        </nav>
        <a className="app-header-link" href="/api/reference">
          API
        </a>
        <UserMenu />
      </header>
      <div id="content" className="app-content" inert={behindDialog}>
        <Suspense fallback={<div className="page"><Loading what="the page" /></div>}>
          <AppRoutes />
        </Suspense>
      </div>
      {state.status === 'signed-out' ? <SignInAgainDialog lastUser={state.lastSession?.user ?? null} /> : null}
    </div>
  );
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/" element={<Navigate to="/workflows" replace />} />
      <Route path="/workflows" element={<WorkflowsPage />} />
      <Route path="/workflows/new" element={<DesignerPage />} />
      <Route path="/workflows/:id" element={<WorkflowPage />} />
      <Route path="/workflows/:id/design" element={<DesignerPage />} />
      <Route path="/workflows/:id/grid" element={<WorkflowGridPage />} />
      <Route path="/runs" element={<RunsPage />} />
      <Route path="/runs/:id" element={<RunDetailPage />} />
      <Route path="/models" element={<ModelsPage />} />
      <Route path="/datasets" element={<DatasetsPage />} />
      <Route path="/datasets/:id" element={<DatasetDetailPage />} />
      <Route path="/assets" element={<AssetsPage />} />
      <Route path="/account" element={<AccountPage />} />
      <Route
        path="/admin"
        element={
          <RequireRole role="admin" what="The admin page">
            <AdminPage />
          </RequireRole>
        }
      />
      <Route
        path="*"
        element={
          <div className="page">
            <EmptyState title="Page not found">
              Go to <NavLink to="/workflows">workflows</NavLink>.
            </EmptyState>
          </div>
        }
      />
    </Routes>
  );
}

import { lazy, Suspense } from 'react';
import { Navigate, NavLink, Route, Routes } from 'react-router';
import { EmptyState } from './common/EmptyState';
import { Loading } from './common/Loading';
import { ModelsPage } from './models/ModelsPage';
import { RunsPage } from './operations/RunsPage';
import { WorkflowsPage } from './operations/WorkflowsPage';

// The graph pages carry React Flow and dagre; the lists load without them.
const DesignerPage = lazy(() => import('./designer/DesignerPage').then((m) => ({ default: m.DesignerPage })));
const RunDetailPage = lazy(() => import('./operations/RunDetailPage').then((m) => ({ default: m.RunDetailPage })));

/** The shell: navigation and the client-side routes (the server answers index.html for any non-API path). */
export function App() {
  return (
    <div className="app">
      <a className="skip-link" href="#content">
        Skip to content
      </a>
      <header className="app-header">
        <span className="brand">Pipeline</span>
        <nav aria-label="Main">
          <NavLink to="/workflows">Workflows</NavLink>
          <NavLink to="/runs">Runs</NavLink>
          <NavLink to="/models">Models</NavLink>
        </nav>
        <a className="app-header-link" href="/api/reference">
          API
        </a>
      </header>
      <div id="content" className="app-content">
        <Suspense fallback={<div className="page"><Loading what="the page" /></div>}>
          <AppRoutes />
        </Suspense>
      </div>
    </div>
  );
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/" element={<Navigate to="/workflows" replace />} />
      <Route path="/workflows" element={<WorkflowsPage />} />
      <Route path="/workflows/new" element={<DesignerPage />} />
      <Route path="/workflows/:id/design" element={<DesignerPage />} />
      <Route path="/runs" element={<RunsPage />} />
      <Route path="/runs/:id" element={<RunDetailPage />} />
      <Route path="/models" element={<ModelsPage />} />
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

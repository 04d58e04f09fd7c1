import { render } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import type { Role } from '../api/types';
import { SignedInAs } from './session';
import { DatasetDetailPage } from '../datasets/DatasetDetailPage';
import { DatasetsPage } from '../datasets/DatasetsPage';

/** The datasets list and detail pages at a URL, with their app routes, so moving between them works as in the app. */
export function renderDatasets(url: string, role: Role) {
  return render(
    <SignedInAs role={role}>
      <MemoryRouter initialEntries={[url]}>
        <Routes>
          <Route path="/datasets" element={<DatasetsPage />} />
          <Route path="/datasets/:id" element={<DatasetDetailPage />} />
          <Route path="/runs/:id" element={<p>run page</p>} />
        </Routes>
      </MemoryRouter>
    </SignedInAs>,
  );
}

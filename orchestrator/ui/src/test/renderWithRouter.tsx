import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router';
import type { Role } from '../api/types';
import { SignedInAs } from './session';

export interface RenderOptions {
  /** The signed-in user's role; admin (everything allowed) unless a test is about what a role may do. */
  role?: Role;
  user?: string;
}

/** Renders a page at a URL, with its route pattern so useParams works as in the app, for a signed-in user. */
export function renderAt(url: string, pattern: string, element: ReactElement, { role = 'admin', user }: RenderOptions = {}) {
  return render(
    <SignedInAs role={role} user={user}>
      <MemoryRouter initialEntries={[url]}>
        <Routes>
          <Route path={pattern} element={element} />
          <Route path="*" element={<p>elsewhere</p>} />
        </Routes>
      </MemoryRouter>
    </SignedInAs>,
  );
}

// /admin: only this shell is in the reader's bundle; the page itself is a chunk
// of its own, loaded after hydration (the server renders the shell alone, so
// the browser's first render matches it).
import { lazy, Suspense } from 'react';
import { useHydrated } from '../../lib/use-hydrated';

export const ADMIN_TITLE = 'Moderation';

const AdminPage = lazy(() => import('../../features/admin/components/admin-page'));

export function AdminRoute() {
  return (
    <div className="admin-page">
      <h1 className="page-title">{ADMIN_TITLE}</h1>
      {useHydrated() && (
        <Suspense>
          <AdminPage />
        </Suspense>
      )}
    </div>
  );
}

// The component tree both entries render: the browser (BrowserRouter) and the
// server (StaticRouter) wrap exactly this in their own router.
import { Route, Routes } from 'react-router';
import { ErrorBoundary } from '../components/error-boundary';
import { Layout } from './layout';
import { FrontPage } from './routes/front-page';
import { NotFoundPage } from './routes/not-found-page';
import { ReaderPage } from './routes/reader-page';

export const ROUTES = { front: '/', article: '/articles/:slug' } as const;

export function App() {
  return (
    <ErrorBoundary>
      <Layout>
        <Routes>
          <Route path={ROUTES.front} element={<FrontPage />} />
          <Route path={ROUTES.article} element={<ReaderPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </Layout>
    </ErrorBoundary>
  );
}

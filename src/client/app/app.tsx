// The component tree both entries render: the browser as it is (wouter reads
// the address bar), the server inside a <Router ssrPath ssrSearch>.
import { Route, Switch } from 'wouter';
import { ErrorBoundary } from '../components/error-boundary';
import { Layout } from './layout';
import { ROUTES } from './paths';
import { AdminRoute } from './routes/admin-route';
import { FrontPage } from './routes/front-page';
import { NotFoundPage } from './routes/not-found-page';
import { ReaderPage } from './routes/reader-page';

export function App() {
  return (
    <ErrorBoundary>
      <Layout>
        <Switch>
          <Route path={ROUTES.front} component={FrontPage} />
          <Route path={ROUTES.article} component={ReaderPage} />
          <Route path={ROUTES.admin} component={AdminRoute} />
          <Route component={NotFoundPage} />
        </Switch>
      </Layout>
    </ErrorBoundary>
  );
}

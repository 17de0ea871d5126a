// Browser entry: start the mock when there is no real API, pick up the
// server's cache, then hydrate server HTML or render from scratch.
import { hydrate, type DehydratedState } from '@tanstack/react-query';
import { startTransition, StrictMode } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { App } from './app/app';
import { readState } from './app/dehydrated-state';
import { Providers } from './app/providers';
import { createQueryClient } from './app/query-client';
import './styles/index.css';

async function start() {
  if (!import.meta.env.VITE_API_URL) {
    // Dynamic and behind the check, so builds with a real API ship no MSW code at all.
    const { startMockWorker } = await import('../mocks/browser');
    await startMockWorker();
  }

  const queryClient = createQueryClient();
  const state = readState(document);
  if (state) hydrate(queryClient, state as DehydratedState);

  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root element.');
  const app = (
    <StrictMode>
      <Providers queryClient={queryClient}>
        {/* No <Router>: wouter's default one reads and changes the address bar. */}
        <App />
      </Providers>
    </StrictMode>
  );
  // Elements inside #root mean the server rendered the page; a lone placeholder comment does not.
  // Hydrated as a transition: React then yields to the browser every few milliseconds instead of
  // holding the main thread for the whole page (a tap meanwhile hydrates its target first).
  if (root.firstElementChild) startTransition(() => void hydrateRoot(root, app));
  else createRoot(root).render(app);
}

void start();

// Renders the real app at a URL against a fresh mock backend, with a switch
// to make the mock fail on purpose. Each rendered app has an outbox of its
// own, as a browser tab has: two renders play two tabs sharing localStorage.
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { onTestFinished } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { App } from '../../src/client/app/app';
import { Providers } from '../../src/client/app/providers';
import { createQueryClient } from '../../src/client/app/query-client';
import { createOutbox } from '../../src/client/features/comments/lib/outbox';
import type { MockControls } from '../../src/mocks/handlers';
import { createMockBackend, type MockBackendOptions } from '../../src/mocks/mock-backend';
import { server } from './msw-server';

export const SLUG = 'belarus-comes-down-hard-on-human-rights-defenders';
export const TITLE = 'Belarus Comes Down Hard on Human Rights Defenders';

export interface BackendOptions extends Partial<MockControls> {
  service?: MockBackendOptions['service'];
}

export async function setupBackend({ service, ...initial }: BackendOptions = {}) {
  // Mutable on purpose: tests flip `fail` to simulate an outage and flip it back.
  const controls: MockControls = { fail: 'none', latencyMs: 0, ...initial };
  const backend = await createMockBackend({ controls: () => controls, service });
  server.use(...backend.handlers);
  return { controls, backend };
}

/**
 * A location hook for wouter's <Router hook> at `url`: the path and query in
 * memory, as the router sees them; the fragment, which the app reads from the
 * address bar, in jsdom's (the whole URL goes there, so the two agree).
 */
export function locationAt(url: string) {
  window.history.replaceState(null, '', url);
  onTestFinished(() => window.history.replaceState(null, '', '/'));
  return memoryLocation({ path: window.location.pathname + window.location.search }).hook;
}

export function renderAt(url: string) {
  const queryClient = createQueryClient({ retry: false });
  const location = locationAt(url);
  const outbox = createOutbox();
  onTestFinished(() => outbox.dispose());
  const ui = () => (
    <Providers queryClient={queryClient} outbox={outbox}>
      <Router hook={location}>
        <App />
      </Router>
    </Providers>
  );
  const user = userEvent.setup();
  const result = render(ui());
  /** As closing the tab: the page goes, and so does everything it was waiting to send (its outbox keeps it). */
  const closeTab = () => {
    result.unmount();
    outbox.dispose();
  };
  return { ...result, user, queryClient, outbox, closeTab };
}

export async function renderApp(url: string, initial: BackendOptions = {}) {
  const backend = await setupBackend(initial);
  return { ...backend, ...renderAt(url) };
}

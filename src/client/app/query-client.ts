// One QueryClient factory for the browser, the server render and the tests,
// so all three share the same caching and retry rules.
import { QueryClient } from '@tanstack/react-query';
import { isApiClientError } from '../lib/api-client';

/** Only retry what might go away by itself: network blips and 5xx, never a 4xx answer. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (isApiClientError(error) && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

export function createQueryClient(options: { retry?: boolean } = {}): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Server-rendered data is fresh on arrival; do not refetch it during hydration.
        staleTime: 30_000,
        retry: options.retry === false ? false : shouldRetry,
      },
      mutations: { retry: false },
    },
  });
}

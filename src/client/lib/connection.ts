// What the browser knows about its connection. navigator.onLine false is
// reliable ("certainly offline"); true only means "maybe": a server that is
// down, or a captive Wi-Fi, still fails the request with a network error.
import { isApiClientError } from './api-client';

export function isOffline(): boolean {
  return typeof navigator !== 'undefined' && navigator.onLine === false;
}

/** The request never got an answer: offline, DNS, refused connection, server down. */
export function isNetworkError(error: unknown): boolean {
  return isApiClientError(error) && error.code === 'network_error';
}

/**
 * Resolves when the browser says it is back online, or after `timeoutMs`
 * (a server that was down gives no event when it comes back, so look again now and then),
 * or at once when `signal` aborts.
 */
export function waitForConnection(timeoutMs: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      window.removeEventListener('online', done);
      signal?.removeEventListener('abort', done);
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    window.addEventListener('online', done);
    signal?.addEventListener('abort', done);
  });
}
